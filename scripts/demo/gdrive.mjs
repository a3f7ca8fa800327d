// The gdrive server against a local fake of the Drive v3 API (the real googleapis client talks to it
// over HTTP, signed in with a token the fake issued): a search across My Drive and shared drives, a
// Doc as Markdown, a Sheet range through the Sheets API, a shared-drive file, and reads outside
// --roots refused (by id, and through a shortcut that points out).
import fs from 'node:fs/promises';
import path from 'node:path';
import { startFakeDrive } from '../../servers/gdrive/test/fake/drive.mjs';

export async function tour(kit) {
  const fake = await startFakeDrive();
  kit.defer(() => fake.close());
  const dir = await kit.tempDir();
  const credentials = path.join(dir, 'credentials.json');
  const oauth = path.join(dir, 'gcp-oauth.keys.json');
  await fs.writeFile(credentials, JSON.stringify(fake.userToken()), { mode: 0o600 });
  await fs.writeFile(oauth, JSON.stringify(fake.oauthClientFile()));
  console.log(`  fake Drive API at ${fake.url} (My Drive, shared drives Engineering and Sales)`);
  const env = { GDRIVE_CREDENTIALS_PATH: credentials, GDRIVE_OAUTH_PATH: oauth, GDRIVE_API_URL: fake.url };

  const drive = await kit.start([], env);
  await drive.call(
    'search_files',
    { text: 'plan', pageSize: 5 },
    'full text, shared drives and files shared with me included',
  );
  await drive.call(
    'read_file',
    { fileId: 'https://docs.google.com/document/d/doc-plan/edit' },
    'a Google Doc as Markdown, from its link',
  );
  await drive.call(
    'read_file',
    { fileId: 'sheet-budget', sheet: 'Q1 Costs', range: 'A1:B3' },
    'a Sheet range via the Sheets API',
  );
  await drive.call('read_file', { fileId: 'doc-spec' }, 'a file in the Engineering shared drive');
  await drive.call(
    'search_files',
    { name: "x' or name contains '" },
    'query text that tries to widen the search',
  );
  await drive.close();

  console.log('\n  now confined: --roots fld-projects (the Projects folder)');
  const confined = await kit.start(['--roots', 'fld-projects'], env);
  await confined.call('read_file', { fileId: 'doc-plan', maxChars: 200 }, 'inside the root');
  await confined.call('read_file', { fileId: 'doc-salary' }, 'by id, outside the root');
  await confined.call('read_file', { fileId: 'sc-to-secret' }, 'a shortcut inside the root pointing outside');
  await confined.close();
}
