// The bench's local pages: a form with every kind of field, a long article, a 5,000-row table, a counter.
const page = (title, body) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

const paragraph = (i) =>
  `<p>Paragraph ${i} of the article discusses the ${i % 2 ? 'history' : 'future'} of browsers, with a <a href="/ref/${i}">reference ${i}</a> and a few more sentences to read. Readers often skim these lines looking for the one fact they need.</p>`;

export const benchPages = {
  '/form': page(
    'Form',
    `<h1>Sign up</h1><nav><a href="/">Home</a> <a href="/help">Help</a></nav><form>
<label>Name <input name="name"></label><label>Email <input type="email" name="email"></label>
<label>Password <input type="password"></label><label>Age <input type="number"></label>
<label>Bio <textarea></textarea></label>
<label>Colour <select><option>Red</option><option>Green</option><option>Blue</option></select></label>
<label><input type="checkbox"> Newsletter</label>
<fieldset><legend>Plan</legend><label><input type="radio" name="p"> Free</label><label><input type="radio" name="p"> Pro</label></fieldset>
<label>Date <input type="date"></label><label>Range <input type="range"></label>
<div contenteditable="true" role="textbox" aria-label="Notes"></div>
<label>Avatar <input type="file"></label><button>Submit</button><button type="reset">Reset</button></form>`,
  ),
  '/article': page(
    'Article',
    `<header><h1>A long article</h1><nav>${Array.from({ length: 10 }, (_, i) => `<a href="/s/${i}">Section ${i}</a>`).join(' ')}</nav></header><main><article>${Array.from(
      { length: 120 },
      (_, i) => `${i % 10 === 0 ? `<h2>Section ${i / 10}</h2>` : ''}${paragraph(i)}`,
    ).join('')}</article></main><footer><a href="/about">About</a></footer>`,
  ),
  '/table': page(
    'Table',
    `<h1>Orders</h1><table><thead><tr><th>Id</th><th>Customer</th><th>Total</th><th>Status</th></tr></thead><tbody>${Array.from(
      { length: 5000 },
      (_, i) =>
        `<tr><td>${i}</td><td>Customer ${i % 97}</td><td>${(i * 7.31).toFixed(2)}</td><td>${i % 3 ? 'shipped' : 'open'}</td></tr>`,
    ).join('')}</tbody></table>`,
  ),
  '/counter': page(
    'Counter',
    '<button onclick="this.textContent = \'Count \' + (++window.n || (window.n = 1))">Count</button>',
  ),
};
