import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScanOptions } from '../src/engine/defaults.js';
import { scan } from '../src/engine/scan.js';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'fixtures');
/** Folders of inputs that exist to exercise one layer (loaders, adapters, ESLint), not the bad/good contract. */
const EXCLUDED = ['fixtures/input', 'fixtures/eslint-example'];

function twins(kind: 'bad' | 'good'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const rel = relative(root, abs).split('\\').join('/');
      if (EXCLUDED.some((e) => rel === e || rel.startsWith(e + '/')) || rel.includes('/adapter/')) continue;
      if (statSync(abs).isDirectory()) walk(abs);
      else if (rel.split('/').some((seg) => seg.startsWith(kind)) && /\.(json|ya?ml|template)$/.test(name)) out.push(rel);
    }
  };
  walk(fixtures);
  return out;
}

describe('fixture twins, scanned the way `npx iamlint fixtures` scans them', async () => {
  const result = await scan(defaultScanOptions({ paths: ['fixtures'], cwd: root, suppressions: { ...defaultScanOptions().suppressions, today: '2026-12-01' } }));
  const byFile = new Map<string, string[]>();
  for (const f of result.findings) {
    if (f.suppression) continue;
    byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), `${f.ruleId}@${f.location.startLine}:${f.location.startColumn}`]);
  }

  it('has bad and good twins', () => {
    expect(twins('bad').length).toBeGreaterThan(20);
    expect(twins('good').length).toBeGreaterThan(20);
  });

  it.each(twins('good'))('%s has no finding from any rule', (file) => {
    expect(byFile.get(file) ?? []).toEqual([]);
  });

  it.each(twins('bad'))('%s has located findings', (file) => {
    expect((byFile.get(file) ?? []).length).toBeGreaterThan(0);
  });
});
