import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { ConfigError } from '../config/errors.js';
import type { Finding } from '../findings.js';
import { ciPath } from '../report/paths.js';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** Relative to the base dir (repository root), `/` separators. */
  file: string;
  resource?: string;
  message: string;
}

export interface BaselineFile {
  version: 1;
  tool: { name: 'iamlint'; version: string };
  findings: BaselineEntry[];
}

export interface PathContext {
  cwd: string;
  baseDir: string;
}

/** The baseline for a list of findings: one entry per finding, sorted by file, rule and fingerprint. */
export function buildBaseline(findings: readonly Finding[], paths: PathContext, toolVersion: string): BaselineFile {
  const entries = findings.map(
    (f): BaselineEntry => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      file: ciPath(f.location.file, paths.cwd, paths.baseDir),
      ...(f.resource ? { resource: f.resource.id } : {}),
      message: f.message,
    }),
  );
  entries.sort((a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return { version: 1, tool: { name: 'iamlint', version: toolVersion }, findings: entries };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function serializeBaseline(baseline: BaselineFile): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

export function writeBaseline(file: string, baseline: BaselineFile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, serializeBaseline(baseline));
}

/** Reads a baseline file; a missing or malformed file is a configuration error. */
export function readBaseline(file: string, cwd: string): BaselineFile {
  const display = relative(cwd, resolve(cwd, file)) || file;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'baseline file not found (create it with --write-baseline)' : code ? `cannot read the baseline file (${code})` : `invalid JSON: ${(err as Error).message}`;
    throw new ConfigError(display, why);
  }
  const obj = data as Partial<BaselineFile> | null;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new ConfigError(display, '/: a baseline is an object with `version` and `findings`');
  if (obj.version !== 1) throw new ConfigError(display, `/version: unsupported baseline version ${JSON.stringify(obj.version)}; expected 1`);
  if (!Array.isArray(obj.findings)) throw new ConfigError(display, '/findings: must be an array');
  obj.findings.forEach((e, i) => {
    if (!e || typeof e !== 'object' || typeof e.fingerprint !== 'string' || !e.fingerprint) {
      throw new ConfigError(display, `/findings/${i}/fingerprint: must be a non-empty string`);
    }
    for (const key of ['file', 'ruleId'] as const) {
      if (typeof e[key] !== 'string') throw new ConfigError(display, `/findings/${i}/${key}: must be a string`);
    }
  });
  return obj as BaselineFile;
}
