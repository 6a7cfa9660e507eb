import type {
  Location as SarifLocation,
  Log,
  Notification as SarifNotification,
  PhysicalLocation,
  Region as SarifRegion,
  ReportingDescriptor,
  Result,
  Run,
} from 'sarif';
import type { Finding, Location, Notification } from '../findings.js';
import type { Region } from '../model/source.js';
import type { ScanResult } from '../engine/types.js';
import type { DocumentedRule } from '../docs/rule-meta.js';
import { BUILTIN_RULES, unknownRule } from './builtin-rules.js';
import { baseRelativePath, directoryUri, fileUri, relativeUri } from './paths.js';
import { INFORMATION_URI, ruleDescriptor } from './sarif-rules.js';
import { writeJson, type Sink } from './json-writer.js';
import type { RenderOptions } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** Our partial fingerprint key; `primaryLocationLineHash` is left to github/codeql-action/upload-sarif. */
export const FINGERPRINT_KEY = 'iamlint/v1';

/**
 * One SARIF 2.1.0 run that GitHub code scanning ingests cleanly: descriptors for every rule that ran
 * (and for built-in ids such as `parse-error` that have results), repository-relative URIs under
 * `%SRCROOT%`, 1-based regions with exclusive end columns, the resource as a logical location, related
 * locations linked from the message, suppressions, and per-file problems as tool notifications.
 */
export function sarifLog(result: ScanResult, findings: readonly Finding[], opts: RenderOptions): Log {
  const rules: ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  const add = (rule: DocumentedRule, documented: boolean) => {
    if (index.has(rule.id)) return;
    index.set(rule.id, rules.length);
    rules.push(ruleDescriptor(rule, documented));
  };
  for (const rule of [...result.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) add(rule, true);
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    const builtin = BUILTIN_RULES.find((r) => r.id === f.ruleId);
    add(builtin ?? unknownRule(f.ruleId), builtin !== undefined);
  }

  const where = (loc: Location | { file: string; region?: Region }) => physicalLocation(loc, opts);
  const results = findings.map((f) => sarifResult(f, index.get(f.ruleId)!, where));

  const run: Run = {
    tool: {
      driver: {
        name: 'iamlint',
        semanticVersion: opts.toolVersion,
        version: opts.toolVersion,
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: result.notifications.map((n) => sarifNotification(n, where)),
        workingDirectory: { uri: directoryUri(opts.cwd) },
      },
    ],
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(opts.baseDir) } },
    results,
    columnKind: 'utf16CodeUnits',
    ...(opts.sarifCategory ? { automationDetails: { id: automationId(opts.sarifCategory) } } : {}),
    ...(opts.baseline
      ? { properties: { 'iamlint/baseline': { new: opts.baseline.newCount, fixed: opts.baseline.fixedCount } } }
      : {}),
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** The log as JSON, written to `sink` in chunks: its runs and their results are walked, each result stringified on its own. */
export function writeSarif(log: Log, sink: Sink): void {
  writeJson(log, sink, 4);
}

/** `--sarif-category iamlint/cfn` → `iamlint/cfn/`: GitHub reads everything before the last `/` as the category. */
export function automationId(category: string): string {
  const trimmed = category.trim();
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/** SARIF regions: 1-based, end column exclusive, never 0 or negative, never ending before they start. */
export function sarifRegion(r: Region): SarifRegion {
  const startLine = Math.max(1, Math.trunc(r.startLine) || 1);
  const startColumn = Math.max(1, Math.trunc(r.startColumn) || 1);
  const endLine = Math.max(startLine, Math.trunc(r.endLine) || startLine);
  let endColumn = Math.max(1, Math.trunc(r.endColumn) || 1);
  if (endLine === startLine && endColumn <= startColumn) endColumn = startColumn + 1;
  return { startLine, startColumn, endLine, endColumn };
}

function artifactLocation(file: string, opts: RenderOptions): PhysicalLocation['artifactLocation'] {
  const rel = baseRelativePath(file, opts.cwd, opts.baseDir);
  // Outside the base directory there is no relative form; an absolute file: URI is the honest answer.
  return rel !== undefined ? { uri: relativeUri(rel), uriBaseId: SRCROOT } : { uri: fileUri(file, opts.cwd) };
}

function physicalLocation(loc: Location | { file: string; region?: Region }, opts: RenderOptions): PhysicalLocation {
  const region = 'startLine' in loc ? loc : loc.region;
  return { artifactLocation: artifactLocation(loc.file, opts), ...(region ? { region: sarifRegion(region) } : {}) };
}

/** Plain-text SARIF messages treat `[text](target)` as a link, so literal brackets are escaped (§3.11.5). */
function escapeBrackets(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}

function linkText(text: string): string {
  return escapeBrackets(text.trim().replace(/\.$/, ''));
}

function sarifResult(
  f: Finding,
  ruleIndex: number,
  where: (loc: Location) => PhysicalLocation,
): Result {
  const physical = where(f.location);
  const uri = physical.artifactLocation?.uri ?? f.location.file;
  const location: SarifLocation = { physicalLocation: physical };
  if (f.resource) {
    location.logicalLocations = [{ name: f.resource.id, kind: 'resource', fullyQualifiedName: `${uri}#${f.resource.id}` }];
  }
  let text = escapeBrackets(f.message);
  if (f.related.length > 0) {
    // Embedded links (§3.11.6): `[link text](id)` points at relatedLocations[id].
    text += ` Related: ${f.related.map((r, i) => `[${linkText(r.message)}](${i + 1})`).join(', ')}.`;
  }
  const result: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.severity,
    message: { text },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
  };
  if (f.related.length > 0) {
    result.relatedLocations = f.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: where(r.location),
      message: { text: escapeBrackets(r.message) },
    }));
  }
  if (f.suppression) {
    result.suppressions = [
      {
        kind: f.suppression.kind,
        status: 'accepted',
        justification: f.suppression.justification,
        ...(f.suppression.location ? { location: { physicalLocation: where(f.suppression.location) } } : {}),
        properties: { source: f.suppression.source },
      },
    ];
  }
  return result;
}

function sarifNotification(n: Notification, where: (loc: { file: string; region?: Region }) => PhysicalLocation): SarifNotification {
  return {
    level: n.level,
    message: { text: escapeBrackets(n.message) },
    locations: [{ physicalLocation: where(n.region ? { file: n.file, region: n.region } : { file: n.file }) }],
  };
}
