/**
 * The checks the property and adversarial tests share: the load → adapt → rules chain run in memory
 * from the public functions (so a throw names its stage and rule), a whole scan over a temporary
 * folder, and an oracle for "this region lies inside this file" computed from the bytes alone.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { adapt } from '../../src/adapt/index.js';
import { defaultScanOptions } from '../../src/engine/defaults.js';
import { scan } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/engine/types.js';
import type { Finding } from '../../src/findings.js';
import { getIamCatalog } from '../../src/iam/catalog.js';
import { loadText } from '../../src/load/index.js';
import type { Region } from '../../src/model/source.js';
import { render } from '../../src/report/index.js';
import type { Report, RuleContext } from '../../src/rule-api.js';
import { allRules } from '../../rules/index.js';

export const TODAY = '2026-06-15';

/** The file's lines as an editor shows them: BOM dropped, invalid UTF-8 replaced, `\r\n`, `\n` or `\r` ends. */
export function fileLines(bytes: Uint8Array): string[] {
  return new TextDecoder('utf-8').decode(bytes).split(/\r\n|\n|\r/);
}

/** Why a region does not lie inside the file (empty when it does). */
export function regionProblems(r: Region, lines: readonly string[], where: string): string[] {
  const out: string[] = [];
  const { startLine, startColumn, endLine, endColumn } = r;
  if (![startLine, startColumn, endLine, endColumn].every((n) => Number.isInteger(n) && n >= 1)) {
    return [`${where}: ${JSON.stringify(r)} has a value that is not an integer ≥ 1`];
  }
  if (startLine > lines.length) out.push(`${where}: startLine ${startLine} is after the last line (${lines.length})`);
  if (endLine > lines.length) out.push(`${where}: endLine ${endLine} is after the last line (${lines.length})`);
  if (endLine < startLine || (endLine === startLine && endColumn <= startColumn)) out.push(`${where}: end is not after start in ${JSON.stringify(r)}`);
  const startText = lines[startLine - 1];
  const endText = lines[endLine - 1];
  if (startText !== undefined && startColumn > startText.length + 1) {
    out.push(`${where}: startColumn ${startColumn} is past the end of line ${startLine} (${startText.length} characters)`);
  }
  // endColumn is exclusive; a one-character mark on an empty line (the only place to point) ends at 2.
  if (endText !== undefined && endColumn > Math.max(endText.length + 1, endLine === startLine ? startColumn + 1 : 0)) {
    out.push(`${where}: endColumn ${endColumn} is past the end of line ${endLine} (${endText.length} characters)`);
  }
  return out;
}

/**
 * loadText, adapt and every rule, each with its default options, on one file's bytes; every report's
 * node located by its own document. Returns what went wrong (a throw, a region outside the file).
 */
export function inMemoryProblems(bytes: Uint8Array, file: string): string[] {
  const problems: string[] = [];
  const lines = fileLines(bytes);
  let outcome;
  try {
    outcome = loadText(bytes, file);
  } catch (e) {
    return [`loadText threw: ${(e as Error).stack}`];
  }
  if (outcome.status === 'error') {
    if (outcome.region) problems.push(...regionProblems(outcome.region, lines, `load error region (${outcome.message})`));
    return problems;
  }
  if (outcome.status === 'skipped') return problems;
  for (const w of outcome.warnings ?? []) problems.push(...regionProblems(w.region, lines, `warning ${w.message}`));
  let model;
  try {
    model = adapt([outcome.doc]);
  } catch (e) {
    return [`adapt threw on ${outcome.doc.format}: ${(e as Error).stack}`];
  }
  const locate = (node: Report['node'], where: string) => {
    try {
      problems.push(...regionProblems(node.doc.locate(node.path), lines, `${where} at ${JSON.stringify(node.path)}`));
    } catch (e) {
      problems.push(`${where}: locate threw for ${JSON.stringify(node.path)}: ${(e as Error).stack}`);
    }
  };
  for (const p of model.problems) locate(p.node, `input problem "${p.message}"`);
  for (const rule of allRules) {
    const reports: Report[] = [];
    const ctx: RuleContext<object> = { model, options: rule.defaultOptions, iam: getIamCatalog(), report: (r) => reports.push(r) };
    try {
      rule.check(ctx);
    } catch (e) {
      problems.push(`rule ${rule.id} threw on ${outcome.doc.format}: ${(e as Error).stack}`);
      continue;
    }
    for (const r of reports) {
      locate(r.node, `${rule.id} "${r.message}"`);
      for (const rel of r.related ?? []) locate(rel.node, `${rule.id} related "${rel.message}"`);
    }
  }
  return problems;
}

export interface Workspace {
  dir: string;
  write(files: Record<string, Uint8Array | string>): void;
  remove(): void;
}

export function workspace(prefix = 'iamlint-hardening-'): Workspace {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  return {
    dir,
    write(files) {
      for (const [rel, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), content);
      }
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** scan() over a folder as the CLI runs it with no flags (in one thread: tests run the TypeScript sources). */
export async function scanDir(dir: string, overrides: Parameters<typeof defaultScanOptions>[0] = {}): Promise<ScanResult> {
  const base = defaultScanOptions();
  return scan(defaultScanOptions({ paths: ['.'], cwd: dir, baseDir: dir, suppressions: { ...base.suppressions, today: TODAY }, ...overrides }));
}

/** JSON and SARIF renders of a result, with the elapsed time fixed so that two runs can be compared. */
export function renders(result: ScanResult, dir: string): { json: string; sarif: string } {
  const fixed = { ...result, elapsedMs: 0 };
  const opts = { color: false, quiet: false, baseDir: dir, cwd: dir, toolVersion: '0.1.0', failOn: 'error' as const };
  return { json: render('json', fixed, opts), sarif: render('sarif', fixed, opts) };
}

/** Messages that mean a stage failed inside iamlint (caught by the engine) rather than a problem of the input. */
export const INTERNAL_FAILURE = /rule \S+ failed on this file|could not read the \S+ structure|could not check this file|internal error/;

export function findingRegions(f: Finding): { where: string; file: string; region: Region }[] {
  return [
    { where: `${f.ruleId} "${f.message}"`, file: f.location.file, region: f.location },
    ...f.related.map((r) => ({ where: `${f.ruleId} related "${r.message}"`, file: r.location.file, region: r.location })),
    ...(f.suppression?.location ? [{ where: `${f.ruleId} suppression`, file: f.suppression.location.file, region: f.suppression.location }] : []),
  ];
}
