import { describe, expect, it } from 'vitest';
import { addSecret, createLogger, embeddedResource, redact, resourceLink, ToolError } from '../src/index.js';
import { errorResult } from '../src/server.js';

describe('secrets', () => {
  const token = 'ghp_SeCrEt/Token+123';
  addSecret(token);
  addSecret('abc'); // too short to redact safely: ignored

  it('redacts a registered secret and its URL-encoded form, and ignores very short values', () => {
    const out = redact(`auth ${token} in ?t=${encodeURIComponent(token)} abc`);
    expect(out).toBe('auth [redacted] in ?t=[redacted] abc');
  });

  it('keeps secrets out of log lines', () => {
    const lines: string[] = [];
    const log = createLogger('t', 'debug', (l) => lines.push(l));
    log.error('request failed', new Error(`401 for token ${token}`));
    expect(lines.join('')).toContain('[redacted]');
    expect(lines.join('')).not.toContain(token);
  });

  it('keeps secrets out of tool errors, expected and unexpected', () => {
    const silent = createLogger('t', 'silent');
    const known = errorResult('x', new ToolError('upstream', `bad token ${token}`), silent);
    const crash = errorResult('x', new Error(`boom ${token}`), silent);
    for (const r of [known, crash]) {
      const body = JSON.stringify(r);
      expect(body).not.toContain(token);
      expect(body).toContain('[redacted]');
    }
  });
});

describe('resource results', () => {
  it('links a resource with an optional text line first', () => {
    const r = resourceLink('file:///tmp/a.png', 'a.png', { mimeType: 'image/png', textForm: 'Saved a.png' });
    expect(r.content).toEqual([
      { type: 'text', text: 'Saved a.png' },
      { type: 'resource_link', uri: 'file:///tmp/a.png', name: 'a.png', mimeType: 'image/png' },
    ]);
  });

  it('embeds text and blob contents', () => {
    const t = embeddedResource('repo://o/r/contents/a.md', { text: '# hi', mimeType: 'text/markdown' });
    expect(t.content[0]).toEqual({
      type: 'resource',
      resource: { uri: 'repo://o/r/contents/a.md', text: '# hi', mimeType: 'text/markdown' },
    });
    const b = embeddedResource('repo://o/r/contents/a.bin', { blob: Buffer.from([1, 2, 3]) });
    expect(b.content[0]).toEqual({
      type: 'resource',
      resource: { uri: 'repo://o/r/contents/a.bin', blob: 'AQID' },
    });
  });
});
