import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { FileReport, Finding } from '../findings.js';
import { ciPath } from '../report/paths.js';
import type { BaselineFile, PathContext } from './file.js';

export interface BaselineOutcome {
  findings: Finding[];
  /** Findings the baseline covered. */
  matched: number;
  /** Unsuppressed findings that are not in the baseline. */
  newCount: number;
  /** Baseline entries for scanned files that no longer occur. */
  fixedCount: number;
}

/**
 * Marks findings whose fingerprint is in the baseline as suppressed (`external`, source `baseline`).
 * Entries are counted as fixed only for files this run scanned (or deleted files under the scanned
 * paths), so scanning a subfolder does not call the rest of the baseline fixed.
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: BaselineFile,
  files: readonly FileReport[],
  paths: PathContext & { roots: readonly string[] },
  displayFile: string,
): BaselineOutcome {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const seen = new Set<string>();
  let matched = 0;
  const out = findings.map((f) => {
    if (f.suppression || !known.has(f.fingerprint)) return f;
    seen.add(f.fingerprint);
    matched++;
    return { ...f, suppression: { kind: 'external' as const, source: 'baseline', justification: `recorded in the baseline ${displayFile}` } };
  });
  for (const f of findings) if (known.has(f.fingerprint)) seen.add(f.fingerprint);
  const scanned = new Set(files.filter((f) => f.status !== 'skipped').map((f) => ciPath(f.file, paths.cwd, paths.baseDir)));
  const roots = paths.roots.map((r) => resolve(paths.cwd, r));
  const inScope = (file: string) => {
    if (scanned.has(file)) return true;
    const abs = resolve(paths.baseDir, file);
    return !existsSync(abs) && roots.some((r) => within(abs, r));
  };
  const fixedCount = baseline.findings.filter((e) => !seen.has(e.fingerprint) && inScope(e.file)).length;
  const newCount = out.filter((f) => !f.suppression).length;
  return { findings: out, matched, newCount, fixedCount };
}

function within(file: string, root: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
