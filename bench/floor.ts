/**
 * The parse floor: read every file iamlint would read and parse it with the same parsers (JSON.parse,
 * the CloudFormation-tagged YAML parser), nothing else. iamlint's time over this is its own overhead.
 */
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

let parsed = 0;
for (const target of process.argv.slice(2)) {
  for (const file of walk(target)) {
    const text = readFileSync(file, 'utf8');
    if (/\.ya?ml$/.test(file)) parseYaml(text);
    else JSON.parse(text);
    parsed++;
  }
}
process.stdout.write(`${parsed} files parsed\n`);
