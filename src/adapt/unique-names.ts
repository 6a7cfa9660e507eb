/**
 * Records a name a resource is given. A name two resources are given maps to undefined: a literal
 * naming it proves neither, so rules treat it like a name from outside the input rather than
 * judging whichever was indexed first.
 */
export function addName<V>(names: Map<string, V | undefined>, name: string, entry: V): void {
  if (!names.has(name)) names.set(name, entry);
  else if (names.get(name) !== entry) names.set(name, undefined);
}
