// The puppeteer server: a local page served on 127.0.0.1 (allowed explicitly), a snapshot, a click
// by ref, a form filled in one call, a screenshot saved under a temp output dir, and a refused
// navigation to a loopback address the operator did not allow.
import http from 'node:http';

const FORM = `<!doctype html><html><head><title>Demo shop</title></head><body>
<h1>Demo shop</h1><button onclick="this.textContent='Added to cart'">Add to cart</button>
<form action="/thanks"><label>Name <input name="name"></label><label>Email <input type="email" name="email"></label>
<label><input type="checkbox" name="news"> Newsletter</label><button>Order</button></form></body></html>`;

export async function tour(kit) {
  const site = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(req.url?.startsWith('/thanks') ? `<h1>Thanks</h1><p>${req.url.replace(/[<>&]/g, '')}</p>` : FORM);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  kit.defer(() => new Promise((resolve) => site.close(resolve)));
  const origin = `http://127.0.0.1:${site.address().port}`;
  const out = await kit.tempDir('shots');
  console.log(`  local site: ${origin} (allowed with --allowed-origins), output dir: ${out}`);
  const env = { PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium' };
  // As root (CI, containers) Chromium needs --no-sandbox; elsewhere leave the sandbox on.
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const server = await kit.start(['--allowed-origins', origin, '--output-dir', out, ...sandbox], env);

  await server.call('browser_navigate', { url: `${origin}/` }, 'the browser starts on this first call');
  const snap = await server.call('browser_snapshot');
  const text = server.client.textOf(snap);
  const ref = (pattern) => /\[ref=(e\d+)\]/.exec(text.split('\n').find((l) => pattern.test(l)) ?? '')?.[1];
  await server.call(
    'browser_click',
    { ref: ref(/button "Add to cart"/) },
    'by ref: answers with the changed lines',
  );
  await server.call('browser_fill_form', {
    fields: [
      { ref: ref(/textbox "Name"/), value: 'Ada Lovelace' },
      { ref: ref(/textbox "Email"/), value: 'ada@example.com' },
      { ref: ref(/checkbox "Newsletter"/), value: 'true' },
    ],
  });
  await server.call('browser_take_screenshot', { filename: 'shop.png' }, 'saved under --output-dir, linked');
  await server.call('browser_navigate', { url: 'http://127.0.0.1:9/' }, 'loopback origin not allowed');
  await server.close();

  console.log('\n  The default policy (no --allowed-origins): public addresses only.');
  const strict = await kit.start([...sandbox], env);
  await strict.call('browser_navigate', { url: `${origin}/` }, 'loopback: refused by default');
  await strict.call(
    'browser_navigate',
    { url: 'http://0xa9fea9fe/latest/meta-data/' },
    'metadata, hex spelling',
  );
  await strict.call('browser_navigate', { url: 'file:///etc/passwd' });
  await strict.close();
}
