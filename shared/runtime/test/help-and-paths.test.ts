import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPath, parseConfig, z } from '../src/index.js';

const help = (spec: Parameters<typeof parseConfig>[0]) => {
  const outcome = parseConfig(spec, ['--help'], {});
  if (!('stdout' in outcome) || outcome.stdout === undefined) throw new Error('no help');
  return outcome.stdout;
};

describe('--help', () => {
  const base = { version: '1.0.0', description: 'd', options: {} };

  it('lists the toolsets with their descriptions, marking those on by default', () => {
    const text = help({
      ...base,
      name: 'demo',
      toolsets: [
        { name: 'default', description: 'Everyday tools', default: true },
        { name: 'remote', description: 'Talks to remotes', default: false },
      ],
    });
    expect(text).toMatch(/^ {2}\* default {2}Everyday tools$/m);
    expect(text).toMatch(/^ {4}remote {3}Talks to remotes$/m);
    // A server without toolsets still says what --toolsets can name.
    expect(help({ ...base, name: 'demo' })).toMatch(/^ {2}\* default {2}The standard tools$/m);
  });

  it('does not double the server name in env twins', () => {
    const text = help({
      ...base,
      name: 'git',
      options: { gitTimeoutMs: z.number().default(5).describe('Timeout') },
    });
    expect(text).toContain('[env GIT_TIMEOUT_MS]');
    expect(text).not.toContain('GIT_GIT_');
    expect(parseConfig({ ...base, name: 'git', options: {} }, [], { GIT_READ_ONLY: '1' })).toMatchObject({
      run: { readOnly: true },
    });
    const spec = { ...base, name: 'git', options: { gitTimeoutMs: z.number().default(5).describe('T') } };
    expect(parseConfig(spec, [], { GIT_TIMEOUT_MS: '9' })).toMatchObject({ run: { gitTimeoutMs: 9 } });
  });

  it('explains or hides a common flag the server gives its own meaning', () => {
    const text = help({
      ...base,
      name: 'pg',
      commonHelp: { readOnly: 'Changes nothing here: every tool already only reads', httpToken: false },
    });
    expect(text).toContain('Changes nothing here: every tool already only reads (default: false)');
    expect(text).not.toContain('--http-token <string>');
    // Hidden from help, still accepted.
    expect(
      parseConfig({ ...base, name: 'pg', commonHelp: { httpToken: false } }, ['--http-token', 't'], {}),
    ).toMatchObject({ run: { httpToken: 't' } });
  });
});

describe('expandPath', () => {
  it('resolves . and relative paths against the working directory and ~ against home', () => {
    expect(expandPath('.', '/work/here', '/home/me')).toBe('/work/here');
    expect(expandPath('../x', '/work/here', '/home/me')).toBe('/work/x');
    expect(expandPath('~', '/work/here', '/home/me')).toBe('/home/me');
    expect(expandPath('~/notes', '/work/here', '/home/me')).toBe('/home/me/notes');
    expect(expandPath('/abs/p', '/work/here', '/home/me')).toBe('/abs/p');
    // ~user is not expanded (a shell would have): it stays a relative name.
    expect(expandPath('~bob', '/w', '/home/me')).toBe('/w/~bob');
    expect(expandPath('notes')).toBe(path.join(process.cwd(), 'notes'));
    expect(expandPath('~')).toBe(os.homedir());
  });
});
