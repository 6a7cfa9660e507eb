import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '../src/load/yaml.js';

function* walk(path: string): Iterable<string> {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    yield path;
    return;
  }
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (/\.(json|ya?ml|template)$/.test(e.name)) yield p;
  }
}

/** Reads and parses every input under the targets with iamlint's parsers, nothing else; the number of files. */
export function parseAll(targets: readonly string[]): number {
  let parsed = 0;
  for (const target of targets) {
    for (const file of walk(target)) {
      const text = readFileSync(file, 'utf8');
      if (/\.ya?ml$/.test(file)) parseYaml(text);
      else JSON.parse(text);
      parsed++;
    }
  }
  return parsed;
}
