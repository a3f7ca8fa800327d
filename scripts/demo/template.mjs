// The template: a greeting, a note saved inside the allowed folder, and an escape refused.
import path from 'node:path';

export async function tour(kit) {
  const dir = await kit.tempDir();
  console.log(`  allowed directory: ${dir}`);
  const server = await kit.start([dir]);
  await server.call('greet', { name: 'Bastion' });
  await server.call('save_note', { path: 'notes/today.md', text: '# Today\nShip the runtime.\n' });
  await server.call('save_note', { path: 'notes/today.md', text: 'again' }, 'exists: needs overwrite');
  await server.call('save_note', { path: path.join(dir, '..', 'escape.txt'), text: 'x' }, 'outside the root');
  await server.close();
}
