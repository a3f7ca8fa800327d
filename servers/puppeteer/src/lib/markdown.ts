/**
 * Runs in the page: the DOM under `root` as readable Markdown (headings, paragraphs, lists, links
 * with their URLs, tables, code). Hidden elements, scripts and styles are skipped.
 */
export function domToMarkdown(root: Element): string {
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'HEAD']);
  const BLOCK = new Set([
    'P',
    'DIV',
    'SECTION',
    'ARTICLE',
    'MAIN',
    'HEADER',
    'FOOTER',
    'NAV',
    'ASIDE',
    'FORM',
    'FIELDSET',
    'BLOCKQUOTE',
    'FIGURE',
    'DL',
    'DT',
    'DD',
    'BODY',
  ]);
  const inline = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/\s+/g, ' ');
    if (!(node instanceof Element) || SKIP.has(node.tagName.toUpperCase())) return '';
    if (node instanceof HTMLElement && (node.hidden || node.style.display === 'none')) return '';
    const tag = node.tagName.toUpperCase();
    const inner = () => [...node.childNodes].map(inline).join('');
    if (tag === 'A') {
      const label = inner().trim();
      const href = (node as HTMLAnchorElement).href;
      return href && !href.startsWith('javascript:') ? `[${label || href}](${href})` : label;
    }
    if (tag === 'IMG') return (node as HTMLImageElement).alt ? `![${(node as HTMLImageElement).alt}]` : '';
    if (tag === 'BR') return '\n';
    if (tag === 'CODE') return `\`${node.textContent ?? ''}\``;
    if (tag === 'STRONG' || tag === 'B') return `**${inner().trim()}**`;
    if (tag === 'EM' || tag === 'I') return `*${inner().trim()}*`;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
      const el = node as HTMLInputElement;
      return el.type === 'hidden' ? '' : `[${el.type || tag.toLowerCase()}: ${el.value ?? ''}]`;
    }
    return blocks(node).join('\n\n') || inner();
  };
  const blocks = (el: Element): string[] => {
    const tag = el.tagName.toUpperCase();
    const out: string[] = [];
    if (/^H[1-6]$/.test(tag)) return [`${'#'.repeat(Number(tag[1]))} ${inlineOf(el).trim()}`];
    if (tag === 'PRE') return [`\`\`\`\n${el.textContent ?? ''}\n\`\`\``];
    if (tag === 'UL' || tag === 'OL') {
      let n = 1;
      for (const li of el.children) {
        if (li.tagName.toUpperCase() !== 'LI') continue;
        out.push(`${tag === 'OL' ? `${n++}.` : '-'} ${inlineOf(li).trim().replace(/\n+/g, '\n  ')}`);
      }
      return [out.join('\n')];
    }
    if (tag === 'TABLE') {
      const rows = [...(el as HTMLTableElement).rows].map((row) =>
        [...row.cells].map((cell) => inlineOf(cell).trim().replace(/\|/g, '\\|').replace(/\n/g, ' ')),
      );
      if (!rows.length) return [];
      const width = Math.max(...rows.map((r) => r.length));
      const line = (r: string[]) => `| ${[...r, ...Array(width - r.length).fill('')].join(' | ')} |`;
      return [
        [line(rows[0] as string[]), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n'),
      ];
    }
    if (!BLOCK.has(tag) && tag !== 'LI') return [];
    let run = '';
    const flush = () => {
      if (run.trim()) out.push(run.trim());
      run = '';
    };
    for (const child of el.childNodes) {
      if (child instanceof Element) {
        const childTag = child.tagName.toUpperCase();
        if (SKIP.has(childTag)) continue;
        if (child instanceof HTMLElement && (child.hidden || child.style.display === 'none')) continue;
        if (
          BLOCK.has(childTag) ||
          /^H[1-6]$/.test(childTag) ||
          ['UL', 'OL', 'TABLE', 'PRE', 'HR'].includes(childTag)
        ) {
          flush();
          if (childTag === 'HR') out.push('---');
          else out.push(...blocks(child));
          continue;
        }
      }
      run += inline(child);
    }
    flush();
    return out;
  };
  const inlineOf = (el: Element) => [...el.childNodes].map(inline).join('');
  const shadowFree = blocks(root.tagName ? root : document.body);
  return (shadowFree.length ? shadowFree : [inlineOf(root)])
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
