import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { fsClient } from './helpers.js';

async function workspace() {
  const base = await tempDir({
    'root/src/app.ts': 'import x\nconst token = 1;\n// TODO: Token refresh\nexport {}\n',
    'root/src/util.ts': 'one\ntwo\nthree token\nfour\nfive\nsix\nseven token\neight\n',
    'root/docs/notes.md': 'token in docs\r\nabc and a.c\n',
    'root/node_modules/dep/index.js': 'token\n',
    'root/.gitignore': '*.gen.ts\n',
    'root/src/api.gen.ts': 'token\n',
    'root/.env': 'token=SECRET\n',
    'root/home/.ssh/config': 'token\n',
    'outside/leak.txt': 'token\n',
  });
  const root = path.join(base, 'root');
  await fs.writeFile(
    path.join(root, 'image.png'),
    Buffer.from([0x89, 0x50, 0, 0, 0x74, 0x6f, 0x6b, 0x65, 0x6e]),
  );
  await fs.symlink(path.join(base, 'outside'), path.join(root, 'out'));
  await fs.symlink(path.join(base, 'outside/leak.txt'), path.join(root, 'leak.txt'));
  await fs.symlink('.', path.join(root, 'docs/loop'));
  return { base, root };
}

const search = async (args: Record<string, unknown>, era: 'legacy' | 'modern' = 'legacy') => {
  const { root } = await workspace();
  const client = await fsClient([root], era);
  const result = await client.call('search_file_contents', { path: root, ...args });
  await client.close();
  return { root, result, text: client.textOf(result) };
};

describe.each(['legacy', 'modern'] as const)('search_file_contents (%s)', (era) => {
  it('prints path:line: text like grep, skipping binary, denied, ignored and linked files', async () => {
    const { root, result, text } = await search({ query: 'token', exclude: ['node_modules'] }, era);
    const hits = [
      ['docs/notes.md', 1, 'token in docs'],
      ['src/app.ts', 2, 'const token = 1;'],
      ['src/util.ts', 3, 'three token'],
      ['src/util.ts', 7, 'seven token'],
    ] as const;
    expect(text).toBe(hits.map(([p, n, t]) => `${path.join(root, p)}:${n}: ${t}`).join('\n'));
    expect(result.structuredContent).toEqual({
      matches: hits.map(([p, line, t]) => ({ path: path.join(root, p), line, text: t })),
      truncated: false,
      filesSearched: 4, // .gitignore, notes.md, app.ts, util.ts (image.png is binary)
    });
  });
});

describe('search_file_contents', () => {
  it('matches literally by default, as a regex on request, and ignores case when asked', async () => {
    expect((await search({ query: 'a.c', include: ['*.md'] })).text).toMatch(/notes\.md:2: abc and a\.c$/);
    const regex = await search({ query: '^(one|two)$', regex: true });
    expect(regex.text.split('\n').map((l) => l.replace(/^.*util\.ts/, ''))).toEqual([':1: one', ':2: two']);
    expect((await search({ query: 'token refresh', include: ['src/**'] })).text).toMatch(/^No matches for/);
    const folded = await search({ query: 'token refresh', caseSensitive: false, include: ['src/**'] });
    expect(folded.text).toMatch(/app\.ts:3: \/\/ TODO: Token refresh$/);
  });

  it('shows context lines as path-line- text, with -- between separate groups', async () => {
    const { root, text } = await search({ query: 'token', contextLines: 1, include: ['util.ts'] });
    const file = path.join(root, 'src/util.ts');
    expect(text).toBe(
      [`${file}-2- two`, `${file}:3: three token`, `${file}-4- four`, '--'].join('\n') +
        `\n${[`${file}-6- six`, `${file}:7: seven token`, `${file}-8- eight`].join('\n')}`,
    );
  });

  it('honours include, exclude and respectGitignore: false, and searches a single file', async () => {
    const all = await search({ query: 'token', respectGitignore: false, include: ['*.ts', 'index.js'] });
    expect(all.text).toContain('api.gen.ts:1: token');
    expect(all.text).toContain('node_modules/dep/index.js:1: token');
    const one = await search({ query: 'token', path: 'src/util.ts' });
    expect(one.result.structuredContent).toMatchObject({
      filesSearched: 1,
      matches: [{ line: 3 }, { line: 7 }],
    });
  });

  it('cuts at maxResults with a marker', async () => {
    const { result, text } = await search({ query: 'token', maxResults: 2 });
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toMatch(/\n\[more matched: stopped at 2 matching lines\. Narrow .*maxResults/);
    expect(result.structuredContent).toMatchObject({ truncated: true });
  });

  it('refuses an invalid regex with the engine message, and backreferences or lookaround', async () => {
    const invalid = await search({ query: 'a(b', regex: true });
    expect(invalid.text).toMatch(
      /^\[invalid_input\] query is not a valid regular expression: .*Unterminated group/,
    );
    for (const query of ['(a+)+\\1', '(?=a)(a|aa)*$', '(?<=x)y', '(\\w)\\1']) {
      expect((await search({ query, regex: true })).text).toMatch(
        /^\[invalid_input\] query uses a backreference or lookaround/,
      );
    }
    const newline = await search({ query: 'a\nb' });
    expect(newline.text).toMatch(/^\[invalid_input\] query has a line break/);
  });

  it('finishes a catastrophic pattern on a long line (the linear-time fallback)', async () => {
    const root = await tempDir({ 'evil.txt': `${'a'.repeat(5000)}!\n${'a'.repeat(40)}\n` });
    const client = await fsClient([root]);
    const result = await client.call('search_file_contents', { path: root, query: '(a+)+$', regex: true });
    expect(result.structuredContent).toMatchObject({ matches: [{ line: 2 }], truncated: false });
    await client.close();
  });

  it('clips long lines around the match', async () => {
    const root = await tempDir({ 'min.js': `${'x'.repeat(10_000)}NEEDLE${'y'.repeat(10_000)}\n` });
    const client = await fsClient([root]);
    const result = await client.call('search_file_contents', { path: root, query: 'NEEDLE' });
    const text = (result.structuredContent as { matches: { text: string }[] }).matches[0]?.text ?? '';
    expect(text).toMatch(/^…x{100}NEEDLEy+…$/);
    expect(text.length).toBe(302);
    await client.close();
  });

  it('streams a 50 MB file with correct line numbers, a 2 MiB line included', async () => {
    const root = await tempDir();
    const file = path.join(root, 'big.log');
    const filler = 'lorem ipsum dolor sit amet, consectetur adipiscing\n'.repeat(20_000); // 1,020,000 bytes
    const handle = await fs.open(file, 'w');
    await handle.write('first needle\n');
    for (let i = 0; i < 24; i++) await handle.write(filler);
    await handle.write(`${'z'.repeat(100)}needle${'z'.repeat(2 * 1024 * 1024)}\n`);
    for (let i = 0; i < 25; i++) await handle.write(filler);
    await handle.write('last needle without newline');
    await handle.close();
    expect((await fs.stat(file)).size).toBeGreaterThan(50_000_000);
    const client = await fsClient([root]);
    for (const args of [{}, { contextLines: 1 }, { query: 'NEEDLE', caseSensitive: false }]) {
      const result = await client.call('search_file_contents', { path: root, query: 'needle', ...args });
      const matches = (result.structuredContent as { matches: { line: number }[] }).matches;
      expect(matches.map((m) => m.line)).toEqual([1, 480_002, 980_003]);
    }
    await client.close();
    await fs.rm(file); // 50 MB: not left for the end-of-file cleanup
  });

  it('refuses a start outside the roots or through a symlink, and a denied file', async () => {
    const { base, root } = await workspace();
    await fs.mkdir(`${root}-sibling`);
    const client = await fsClient([root]);
    for (const start of [
      base,
      path.join(root, 'out'),
      path.join(root, 'leak.txt'),
      `${root}-sibling`,
      '.env',
    ]) {
      const result = await client.call('search_file_contents', { path: start, query: 'token' });
      expect(client.textOf(result)).toMatch(/^\[access_denied\]/);
    }
    await client.close();
  });
});
