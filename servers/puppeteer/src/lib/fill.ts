import type { ElementHandle } from 'puppeteer-core';

/** Replaces a field's value (input, textarea, select, contenteditable) the way a user would. */
export async function replaceValue(
  handle: ElementHandle<Element>,
  value: string,
  timeoutMs: number,
  slowly = false,
) {
  if (!slowly) {
    await handle.asLocator().setTimeout(timeoutMs).fill(value);
    return;
  }
  await handle.asLocator().setTimeout(timeoutMs).fill('');
  await handle.type(value, { delay: 30 });
}

/** Types after whatever the field already holds. */
export async function appendValue(handle: ElementHandle<Element>, value: string, slowly = false) {
  await handle.focus();
  await handle.evaluate((el) => {
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      const end = el.value.length;
      try {
        el.setSelectionRange(end, end);
      } catch {
        // Some input types (email, number) have no selection API; focus already put the caret in.
      }
    } else if ((el as HTMLElement).isContentEditable) {
      const range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
  });
  await handle.type(value, slowly ? { delay: 30 } : {});
}

/** What kind of control an element is, to fill it correctly. */
export async function controlKind(
  handle: ElementHandle<Element>,
): Promise<'checkbox' | 'radio' | 'select' | 'file' | 'text'> {
  return handle.evaluate((el) => {
    if (el instanceof HTMLSelectElement) return 'select';
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) return el.type;
    if (el instanceof HTMLInputElement && el.type === 'file') return 'file';
    const role = el.getAttribute('role');
    if (role === 'checkbox' || role === 'switch') return 'checkbox';
    if (role === 'radio') return 'radio';
    return 'text';
  }) as Promise<'checkbox' | 'radio' | 'select' | 'file' | 'text'>;
}

/** Selects options of a <select> by value or visible label; returns the values selected. */
export async function selectOptions(
  handle: ElementHandle<Element>,
  wanted: string[],
): Promise<{ values: string[]; missing: string[] }> {
  const found = await handle.evaluate((el, wanted) => {
    if (!(el instanceof HTMLSelectElement)) return undefined;
    const options = [...el.options];
    const values: string[] = [];
    const missing: string[] = [];
    for (const w of wanted) {
      const option = options.find((o) => o.value === w) ?? options.find((o) => o.label.trim() === w.trim());
      if (option) values.push(option.value);
      else missing.push(w);
    }
    return { values, missing };
  }, wanted);
  if (!found) throw new Error('not a <select>');
  if (!found.missing.length) await (handle as ElementHandle<HTMLSelectElement>).select(...found.values);
  return found;
}
