import { describe, expect, it } from 'vitest';
import { parseConfig, splitList, z } from '../src/index.js';

const spec = {
  name: 'demo',
  version: '1.0.0',
  description: 'A demo server',
  options: {
    limit: z.number().int().min(1).default(10).describe('Row limit'),
    mode: z.enum(['fast', 'safe']).default('safe').describe('Mode'),
    deny: z.array(z.string()).default(['.env']).describe('Deny globs'),
    roots: z.array(z.string()).default([]).describe('Allowed directories'),
  },
  positional: { key: 'roots' as const, label: '<dir>' },
};
const run = (argv: string[], env: Record<string, string> = {}) => {
  const outcome = parseConfig(spec, argv, env);
  if (!('run' in outcome)) throw new Error(`exited ${outcome.exit}: ${outcome.stderr}`);
  return outcome.run;
};

describe('parseConfig', () => {
  it('applies defaults < env < CLI', () => {
    expect(run([]).limit).toBe(10);
    expect(run([], { DEMO_LIMIT: '20' }).limit).toBe(20);
    expect(run(['--limit', '30'], { DEMO_LIMIT: '20' }).limit).toBe(30);
    expect(run(['--limit=40'], { DEMO_LIMIT: '20' }).limit).toBe(40);
    expect(run([], { DEMO_READ_ONLY: 'true' }).readOnly).toBe(true);
    expect(run(['--no-read-only'], { DEMO_READ_ONLY: 'true' }).readOnly).toBe(false);
    expect(run(['--read-only']).readOnly).toBe(true);
    expect(run([], { DEMO_MAX_RESPONSE_CHARS: '5000' }).maxResponseChars).toBe(5000);
  });

  it('parses lists from commas (brace-aware) and repeats, and positionals', () => {
    expect(run(['--deny', '*.{js,ts},secret', '--deny', 'x']).deny).toEqual(['*.{js,ts}', 'secret', 'x']);
    expect(run([], { DEMO_TOOLSETS: 'a,b' }).toolsets).toEqual(['a', 'b']);
    expect(run(['/a', '--read-only', '/b', '--', '--odd-name']).roots).toEqual(['/a', '/b', '--odd-name']);
    expect(run(['--deny=']).deny).toEqual([]);
    expect(splitList('a, b ,,c')).toEqual(['a', 'b', 'c']);
  });

  it('--help lists every flag with its env var and default, on stdout, exit 0', () => {
    const outcome = parseConfig(spec, ['--help'], {});
    expect(outcome).toMatchObject({ exit: 0 });
    const help = (outcome as { stdout: string }).stdout;
    for (const [flag, env] of [
      ['--limit <number>', 'DEMO_LIMIT'],
      ['--mode <fast|safe>', 'DEMO_MODE'],
      ['--log-level <debug|info|warn|error|silent>', 'DEMO_LOG_LEVEL'],
      ['--read-only', 'DEMO_READ_ONLY'],
      ['--http-token <string>', 'DEMO_HTTP_TOKEN'],
      ['--max-response-chars <number>', 'DEMO_MAX_RESPONSE_CHARS'],
      ['--exclude-tools <a,b,...>', 'DEMO_EXCLUDE_TOOLS'],
    ]) {
      expect(help).toContain(flag);
      expect(help).toContain(`[env ${env}]`);
    }
    expect(help).toContain('Row limit (default: 10)');
    expect(help).toContain('Usage: mcp-server-demo [options] [<dir>...]');
  });

  it('--version prints the version', () => {
    expect(parseConfig(spec, ['--version'], {})).toEqual({ exit: 0, stdout: '1.0.0\n' });
  });

  it.each([
    [['--bogus'], {}, /unknown option --bogus/],
    [['--limit'], {}, /--limit needs a value/],
    [['--limit', 'many'], {}, /--limit: expected a number, got "many"/],
    [['--limit', '0'], {}, /--limit \(env DEMO_LIMIT\): Too small/],
    [[], { DEMO_LIMIT: 'x' }, /DEMO_LIMIT: expected a number/],
    [[], { DEMO_READ_ONLY: 'maybe' }, /DEMO_READ_ONLY: expected true or false/],
    [['--mode', 'turbo'], {}, /--mode \(env DEMO_MODE\): Invalid option/],
    [['--log-level', 'loud'], {}, /--log-level/],
  ])('bad config %j %j exits 2 with usage on stderr only', (argv, env, message) => {
    const outcome = parseConfig(spec, argv, env);
    expect(outcome).toMatchObject({ exit: 2 });
    expect(outcome).not.toHaveProperty('stdout');
    const stderr = (outcome as { stderr: string }).stderr;
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: mcp-server-demo');
  });

  it('refuses positionals when the server takes none', () => {
    const outcome = parseConfig({ ...spec, positional: undefined }, ['/a'], {});
    expect(outcome).toMatchObject({ exit: 2 });
  });
});
