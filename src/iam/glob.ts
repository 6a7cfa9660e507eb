/**
 * IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one.
 * Everything else is literal. Matching is anchored; `caseInsensitive` follows IAM for actions and
 * condition keys (resource ARNs are case-sensitive).
 */
const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 4096;

export function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const key = (caseInsensitive ? 'i' : 's') + pattern;
  const hit = cache.get(key);
  if (hit) return hit;
  let src = '';
  for (const ch of pattern) {
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else src += ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  const re = new RegExp(`^${src}$`, caseInsensitive ? 'is' : 's');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, re);
  return re;
}

export function globMatch(pattern: string, text: string, caseInsensitive: boolean): boolean {
  if (!hasWildcard(pattern)) return caseInsensitive ? pattern.toLowerCase() === text.toLowerCase() : pattern === text;
  return globToRegExp(pattern, caseInsensitive).test(text);
}

export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}
