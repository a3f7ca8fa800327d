// The filesystem server on a temp workspace: list, tree, search, content search, an edit preview,
// and escapes refused (a path outside, a symlink leading out, the deny list).
import fs from 'node:fs/promises';
import path from 'node:path';

export async function tour(kit) {
  const root = await kit.tempDir('workspace');
  const outside = await kit.tempDir('outside');
  const files = {
    'README.md': '# Demo project\n\nA tiny workspace for the tour.\n',
    'src/app.ts': "export function greet(name: string) {\n  return 'Hello, ' + name;\n}\n",
    'src/util.ts': '// TODO: tidy this up\nexport const answer = 42;\n',
    'notes/todo.md': '- TODO: write more tests\n- ship it\n',
    '.env': 'API_KEY=do-not-leak\n',
  };
  for (const [name, body] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await fs.writeFile(path.join(root, name), body);
  }
  await fs.writeFile(path.join(outside, 'secret.txt'), 'not yours\n');
  await fs.symlink(outside, path.join(root, 'shortcut'));
  console.log(`  allowed directory: ${root}`);

  const server = await kit.start([root]);
  await server.call('list_directory', { path: root });
  await server.call('directory_tree', { path: root });
  await server.call('search_files', { path: root, pattern: '**/*.ts' });
  await server.call('search_file_contents', { path: root, query: 'TODO' });
  await server.call(
    'edit_file',
    { path: 'src/util.ts', edits: [{ oldText: 'answer = 42', newText: 'answer = 43' }], dryRun: true },
    'a preview: nothing is written',
  );
  await server.call(
    'read_text_file',
    { path: path.join(outside, 'secret.txt') },
    'outside the allowed directory',
  );
  await server.call('read_text_file', { path: 'shortcut/secret.txt' }, 'a symlink leading out');
  await server.call('read_text_file', { path: '.env' }, 'on the default deny list');
  await server.close();
}
