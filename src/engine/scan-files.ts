import { dirname, relative, resolve, sep } from 'node:path';
import { adapt } from '../adapt/index.js';
import type { FileReport, Finding, Notification } from '../findings.js';
import { loadFileSync } from '../load/index.js';
import { isTerraformJsonName } from '../load/detect.js';
import type { LoadOutcome } from '../load/types.js';
import type { Model } from '../model/model.js';
import type { SourceDocument } from '../model/source.js';
import type { RuleDefinition } from '../rule-api.js';
import { applySuppressions } from '../suppress/index.js';
import { allRules } from '../../rules/index.js';
import { detachFileReport, detachFinding, detachNotification } from './detach.js';
import { fingerprint, locateNode, safeRegion } from './locate.js';
import { runRules } from './run-rules.js';
import { RuleSettingsResolver } from './settings.js';
import type { ScanOptions } from './types.js';

export interface DiscoveredFile {
  abs: string;
  file: string;
}

export interface PartialScan {
  findings: Finding[];
  files: FileReport[];
  notifications: Notification[];
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
  const relativePaths = new Map<string, string>();
  const relativeToBase = (file: string) => {
    let rel = relativePaths.get(file);
    if (rel === undefined) relativePaths.set(file, (rel = relative(baseDir, resolve(options.cwd, file)).split(sep).join('/')));
    return rel;
  };

  const findings: Finding[] = [];
  const files: FileReport[] = [];
  const notifications: Notification[] = [];

  const inputError = (file: string, message: string, region?: Parameters<typeof safeRegion>[0]) => {
    notifications.push(detachNotification({ file, level: 'error', message, region: region ? safeRegion(region) : undefined }));
    findings.push(detachFinding(parseErrorFinding(file, message, region, relativeToBase)));
  };

  const checkModel = (docs: SourceDocument[]) => {
    let model: Model;
    try {
      model = adapt(docs);
    } catch (err) {
      for (const doc of docs) inputError(doc.file, `could not read the ${doc.format} structure: ${(err as Error).message}`);
      return;
    }
    // Rules are isolated by runRules; this guards the rest (locating problems, suppressions), so one
    // file's surprise never ends the run.
    try {
      const run = runRules(model, active, settings, relativeToBase, options.snippets !== false, model.problems.map((p) => p.node));
      const own: Finding[] = model.problems.map((p) =>
        parseErrorFinding(p.node.doc.file, p.message, locateNode(p.node), relativeToBase, model.resourceAt(p.node)?.id),
      );
      own.push(...run.findings);
      // Copies, so that no finding keeps the file's text alive once the document is dropped.
      for (const n of run.notifications) notifications.push(detachNotification(n));
      for (const f of applySuppressions(model, own, { ...options.suppressions, fingerprintFile: relativeToBase })) findings.push(detachFinding(f));
    } catch (err) {
      for (const doc of docs) inputError(doc.file, `could not check this file: ${(err as Error).message}`);
    }
  };

  // The `.tf.json` files of one folder form one Terraform module, checked as soon as its last file is
  // read: documents are not held until the end of the run.
  const terraformModules = new Map<string, SourceDocument[]>();
  const lastModuleFile = new Map<string, number>();
  paths.forEach((p, i) => {
    if (isTerraformJsonName(p.abs)) lastModuleFile.set(dirname(p.abs), i);
  });
  const moduleFileDone = (i: number, abs: string) => {
    if (!isTerraformJsonName(abs)) return;
    const dir = dirname(abs);
    if (lastModuleFile.get(dir) !== i) return;
    const docs = terraformModules.get(dir);
    terraformModules.delete(dir);
    if (docs) checkModel(docs);
  };
  const load = (abs: string, file: string): LoadOutcome => {
    try {
      return loadFileSync(abs, file, { maxFileSize: options.maxFileSize });
    } catch (err) {
      return { status: 'error', message: `could not read this file: ${(err as Error).message}` };
    }
  };

  for (let i = 0; i < paths.length; i++) {
    const { file, abs } = paths[i]!;
    // Synchronous reads: the work is CPU-bound, and page-cache reads cost less than thread-pool round trips.
    const outcome = load(abs, file);
    if (outcome.status === 'skipped') {
      files.push(detachFileReport({ file, status: 'skipped', reason: outcome.reason, bytes: outcome.bytes }));
    } else if (outcome.status === 'error') {
      files.push(detachFileReport({ file, status: 'error', reason: outcome.message, format: outcome.format, bytes: outcome.bytes }));
      inputError(file, outcome.message, outcome.region);
    } else {
      files.push({ file, status: 'scanned', format: outcome.doc.format, bytes: outcome.bytes });
      // The file still loads (duplicate YAML keys: the last value wins), so these are warnings.
      for (const w of outcome.warnings ?? []) findings.push(detachFinding(parseErrorFinding(file, w.message, w.region, relativeToBase, undefined, 'warning')));
      if (outcome.doc.format === 'terraform-json' && isTerraformJsonName(abs)) {
        const dir = dirname(abs);
        const group = terraformModules.get(dir);
        if (group) group.push(outcome.doc);
        else terraformModules.set(dir, [outcome.doc]);
      } else {
        // A Terraform configuration recognised by content in a plain `.json` file is not part of the
        // folder's module (Terraform reads only `*.tf.json`): it is checked on its own.
        checkModel([outcome.doc]);
      }
    }
    moduleFileDone(i, abs);
  }
  return { findings, files, notifications };
}

export function parseErrorFinding(
  file: string,
  message: string,
  region: Parameters<typeof safeRegion>[0],
  relativeToBase: (file: string) => string,
  resourceId?: string,
  severity: Finding['severity'] = 'error',
): Finding {
  const r = safeRegion(region);
  return {
    ruleId: 'parse-error',
    severity,
    message,
    location: { file, ...r },
    propertyPath: '',
    // Positions in the message ("at line 12, column 3") would make the fingerprint move with the text.
    fingerprint: fingerprint(['parse-error', relativeToBase(file), resourceId, message.replace(/\b(line|column|offset) \d+/g, '$1')]),
    related: [],
    resource: undefined,
  };
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A total order (ties broken down to the fingerprint), so the output never depends on which thread found what. */
export function compareFindings(a: Finding, b: Finding): number {
  const la = a.location;
  const lb = b.location;
  return (
    cmp(la.file, lb.file) ||
    la.startLine - lb.startLine ||
    la.startColumn - lb.startColumn ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message) ||
    la.endLine - lb.endLine ||
    la.endColumn - lb.endColumn ||
    cmp(a.resource?.id ?? '', b.resource?.id ?? '') ||
    cmp(a.propertyPath, b.propertyPath) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

export function compareNotifications(a: Notification, b: Notification): number {
  return (
    cmp(a.file, b.file) ||
    (a.region?.startLine ?? 0) - (b.region?.startLine ?? 0) ||
    (a.region?.startColumn ?? 0) - (b.region?.startColumn ?? 0) ||
    cmp(a.level, b.level) ||
    cmp(a.message, b.message)
  );
}
