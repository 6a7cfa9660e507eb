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
  const src = pattern.replace(/[.*+?^${}()|[\]\\/-]/g, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : '\\' + ch));
  const re = new RegExp(`^${src}$`, caseInsensitive ? 'is' : 's');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, re);
  return re;
}

/**
 * Patterns with no wildcard, only `*`, or one trailing `*` (most resource ARNs and action globs) are
 * compared directly: policies in a large plan hold thousands of distinct ARNs, each of which would
 * otherwise compile a regular expression of its own.
 */
export function globMatch(pattern: string, text: string, caseInsensitive: boolean): boolean {
  const star = pattern.indexOf('*');
  if (!pattern.includes('?')) {
    if (star < 0) return caseInsensitive ? equalIgnoringCase(pattern, text) : pattern === text;
    if (star === pattern.length - 1) {
      const prefix = pattern.slice(0, star);
      if (text.length < prefix.length) return false;
      return caseInsensitive ? equalIgnoringCase(prefix, text.slice(0, star)) : text.startsWith(prefix);
    }
  }
  return globToRegExp(pattern, caseInsensitive).test(text);
}

function equalIgnoringCase(a: string, b: string): boolean {
  return a.length === b.length && (a === b || a.toLowerCase() === b.toLowerCase());
}

export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}
