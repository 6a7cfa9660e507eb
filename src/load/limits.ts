/** Deepest nesting of objects/arrays (YAML mappings/sequences) a document may have. */
export const MAX_DEPTH = 1000;

/**
 * How many nodes a YAML document may expand to through its aliases. A document without aliases has
 * fewer nodes than characters; this leaves generous room for legitimate reuse while an alias bomb
 * ("billion laughs") is stopped after a bounded walk.
 */
export function aliasExpansionLimit(textLength: number): number {
  return Math.max(100_000, textLength * 2);
}
