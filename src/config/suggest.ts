/** Edit distance (insertions, deletions, substitutions), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `max` candidates close to `word`: by edit distance, else sharing a word part; closest first. */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const parts = w.split(/[-_]/).filter((p) => p.length > 2);
  const scored = candidates.map((c) => ({ c, d: editDistance(w, c.toLowerCase()) }));
  const near = scored.filter((x) => x.d <= Math.max(2, Math.floor(w.length / 3)));
  const picked = near.length ? near : scored.filter((x) => parts.some((p) => x.c.toLowerCase().includes(p)));
  return picked
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))
    .slice(0, max)
    .map((x) => x.c);
}

/** ` (did you mean a, b?)` or ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates);
  return near.length ? `; did you mean ${near.join(', ')}?` : '';
}
