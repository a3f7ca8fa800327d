// @ts-check
// Drive's partial responses: `fields=nextPageToken,files(id,name,owners(emailAddress))`, or `*`.

/** @typedef {Map<string, Selection | true>} Selection */

/** @param {string} spec @returns {Selection | '*'} */
export function parseFields(spec) {
  if (spec.trim() === '*') return '*';
  let i = 0;
  /** @returns {Selection} */
  const list = () => {
    /** @type {Selection} */
    const out = new Map();
    while (i < spec.length) {
      let name = '';
      while (i < spec.length && !',()'.includes(/** @type {string} */ (spec[i]))) name += spec[i++];
      name = name.trim();
      /** @type {Selection | true} */
      let leaf = true;
      if (spec[i] === '(') {
        i++;
        leaf = list();
        if (spec[i] !== ')') throw new Error('fields: missing )');
        i++;
      }
      if (name) {
        // a/b (Drive) and a.b (Sheets) are shorthand for a(b)
        const path = name.split(/[/.]/);
        /** @type {Selection | true} */
        let sel = leaf;
        for (let k = path.length - 1; k > 0; k--) sel = new Map([[/** @type {string} */ (path[k]), sel]]);
        const head = /** @type {string} */ (path[0]);
        const existing = out.get(head);
        if (existing instanceof Map && sel instanceof Map) for (const [k, v] of sel) existing.set(k, v);
        else out.set(head, sel);
      }
      if (spec[i] === ',') i++;
      else break;
    }
    return out;
  };
  const result = list();
  if (i !== spec.length) throw new Error('fields: trailing characters');
  return result;
}

/** @param {unknown} value @param {Selection | '*' | true} sel @returns {unknown} */
export function pick(value, sel) {
  if (sel === '*' || sel === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => pick(v, sel));
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, inner] of sel) {
    if (key === '*') return value;
    const v = /** @type {Record<string, unknown>} */ (value)[key];
    if (v !== undefined) out[key] = pick(v, inner);
  }
  return out;
}
