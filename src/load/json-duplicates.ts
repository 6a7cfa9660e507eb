import { jsonKeyText as keyText, skipWs, stringEnd } from './json-index.js';

export interface DuplicateKey {
  key: string;
  /** The later occurrence's name, quotes included: the one whose value JSON.parse keeps. */
  start: number;
  end: number;
}

/**
 * Member names that occur twice in one object of a (valid) JSON text. JSON.parse keeps the last
 * value without a word, as YAML loaders do: a template edited by hand can then lose the setting its
 * author reads first. One pass; a set of names per open object.
 */
export function duplicateJsonKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  // One entry per open container: the names seen so far (undefined for arrays).
  const open: (Set<string> | undefined)[] = [];
  const n = text.length;
  let expectKey = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      const names = open[open.length - 1];
      if (expectKey && names) {
        const key = keyText(text, i, end);
        if (names.has(key)) out.push({ key, start: i, end });
        else names.add(key);
      }
      expectKey = false;
      i = end - 1;
    } else if (c === 123) {
      open.push(new Set());
      expectKey = true;
    } else if (c === 91) {
      open.push(undefined);
      expectKey = false;
    } else if (c === 125 || c === 93) {
      open.pop();
      expectKey = false;
    } else if (c === 44) {
      expectKey = open[open.length - 1] !== undefined;
      i = skipWs(text, i + 1) - 1;
    }
  }
  return out;
}
