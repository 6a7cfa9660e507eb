import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

/** The installed iamlint package (found from this module, in src/ or in dist/src/). */
export function packageInfo(): { root: string; version: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'iamlint') return (cached = { root: dir, version: pkg.version ?? '0.0.0' });
    } catch {
      // keep looking upwards
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the iamlint package.json');
    dir = parent;
  }
}

export function configSchemaPath(): string {
  return join(packageInfo().root, 'schemas', 'iamlint-config.schema.json');
}
