import { dirname, relative, resolve, sep } from 'node:path';
import { adapt } from '../adapt/index.js';
import { discover } from '../discover.js';
import type { FileReport, Finding, Notification } from '../findings.js';
import { loadFile } from '../load/index.js';
import type { LoadOutcome } from '../load/types.js';
import type { Model } from '../model/model.js';
import type { SourceDocument } from '../model/source.js';
import type { RuleDefinition } from '../rule-api.js';
import { applySuppressions } from '../suppress/index.js';
import { allRules } from '../../rules/index.js';
import { fingerprint, safeRegion } from './locate.js';
import { runRules } from './run-rules.js';
import { RuleSettingsResolver } from './settings.js';
import { scanInWorkers, workerCount } from './parallel.js';
import type { ScanOptions, ScanResult } from './types.js';

/** How many files are read ahead of the one being checked. */
const READ_AHEAD = 8;

export interface DiscoveredFile {
  abs: string;
  file: string;
}

export interface PartialScan {
  findings: Finding[];
  files: FileReport[];
  notifications: Notification[];
}

export async function scan(options: ScanOptions, rules: readonly RuleDefinition<object>[] = allRules): Promise<ScanResult> {
  const started = performance.now();
  const settings = new RuleSettingsResolver(rules, options);
  const { files: paths, problems } = await discover(options.paths, { cwd: options.cwd, ignore: options.ignore });
  const jobs = rules === allRules ? workerCount(options.jobs, paths.length) : 1;
  const part = jobs > 1 ? await scanInWorkers(paths, options, jobs) : await scanFiles(paths, options, rules);
  for (const p of problems) {
    part.notifications.push({ file: p.path, level: 'error', message: p.message });
    part.files.push({ file: p.path, status: 'error', reason: p.message });
  }
  part.findings.sort(compareFindings);
  part.files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    ...part,
    rules: [...settings.candidates()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    elapsedMs: performance.now() - started,
  };
}

/** Loads, checks and locates the given files; the documents are dropped as soon as their findings are located. */
export async function scanFiles(
  paths: readonly DiscoveredFile[],
  options: ScanOptions,
  rules: readonly RuleDefinition<object>[] = allRules,
): Promise<PartialScan> {
  const settings = new RuleSettingsResolver(rules, options);
  const active = settings.candidates();
  const baseDir = options.baseDir ?? options.cwd;
  const relativeToBase = (file: string) => relative(baseDir, resolve(options.cwd, file)).split(sep).join('/');

  const findings: Finding[] = [];
  const files: FileReport[] = [];
  const notifications: Notification[] = [];

  const inputError = (file: string, message: string, region?: Parameters<typeof safeRegion>[0]) => {
    notifications.push({ file, level: 'error', message, region: region ? safeRegion(region) : undefined });
    findings.push(parseErrorFinding(file, message, region, relativeToBase));
  };

  const checkModel = (docs: SourceDocument[]) => {
    let model: Model;
    try {
      model = adapt(docs);
    } catch (err) {
      for (const doc of docs) inputError(doc.file, `could not read the ${doc.format} structure: ${(err as Error).message}`);
      return;
    }
    const own: Finding[] = model.problems.map((p) =>
      parseErrorFinding(p.node.doc.file, p.message, p.node.doc.locate(p.node.path), relativeToBase, model.resourceAt(p.node)?.id),
    );
    const run = runRules(model, active, settings, relativeToBase);
    own.push(...run.findings);
    notifications.push(...run.notifications);
    findings.push(...applySuppressions(model, own, { ...options.suppressions, fingerprintFile: relativeToBase }));
  };

  const terraformModules = new Map<string, SourceDocument[]>();
  const pending: Promise<LoadOutcome>[] = [];
  const startLoad = (i: number) => {
    const f = paths[i];
    if (f) {
      pending[i] = loadFile(f.abs, f.file, { maxFileSize: options.maxFileSize }).catch(
        (err: Error) => ({ status: 'error', message: err.message }) as LoadOutcome,
      );
    }
  };
  for (let i = 0; i < Math.min(READ_AHEAD, paths.length); i++) startLoad(i);

  for (let i = 0; i < paths.length; i++) {
    const { file, abs } = paths[i]!;
    const outcome = await pending[i]!;
    delete pending[i];
    startLoad(i + READ_AHEAD);
    if (outcome.status === 'skipped') {
      files.push({ file, status: 'skipped', reason: outcome.reason, bytes: outcome.bytes });
      continue;
    }
    if (outcome.status === 'error') {
      files.push({ file, status: 'error', reason: outcome.message, format: outcome.format, bytes: outcome.bytes });
      inputError(file, outcome.message, outcome.region);
      continue;
    }
    files.push({ file, status: 'scanned', format: outcome.doc.format, bytes: outcome.bytes });
    for (const w of outcome.warnings ?? []) findings.push(parseErrorFinding(file, w.message, w.region, relativeToBase));
    if (outcome.doc.format === 'terraform-json') {
      const dir = dirname(abs);
      const group = terraformModules.get(dir) ?? [];
      group.push(outcome.doc);
      terraformModules.set(dir, group);
      continue;
    }
    checkModel([outcome.doc]);
  }
  for (const docs of terraformModules.values()) checkModel(docs);
  return { findings, files, notifications };
}

export function parseErrorFinding(
  file: string,
  message: string,
  region: Parameters<typeof safeRegion>[0],
  relativeToBase: (file: string) => string,
  resourceId?: string,
): Finding {
  const r = safeRegion(region);
  return {
    ruleId: 'parse-error',
    severity: 'error',
    message,
    location: { file, ...r },
    propertyPath: '',
    fingerprint: fingerprint(['parse-error', relativeToBase(file), resourceId, message]),
    related: [],
    resource: undefined,
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  const la = a.location;
  const lb = b.location;
  if (la.file !== lb.file) return la.file < lb.file ? -1 : 1;
  return (
    la.startLine - lb.startLine ||
    la.startColumn - lb.startColumn ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
