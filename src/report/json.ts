import type { FileReport, Finding, Location, Notification, Suppression } from '../findings.js';
import type { ScanResult } from '../engine/types.js';
import { summarize, type RunSummary } from './summary.js';
import { MappedArray, writeJson, type Sink } from './json-writer.js';
import type { RenderOptions } from './types.js';

/** Version of the JSON output schema (schemas/iamlint-output.schema.json, docs/json-output.md). */
export const JSON_OUTPUT_VERSION = 'iamlint/json@1';

export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  location: Location;
  resource: { id: string; type: string } | null;
  propertyPath: string;
  fingerprint: string;
  related: { location: Location; message: string }[];
  suppression: Suppression | null;
}

export interface JsonOutput {
  version: typeof JSON_OUTPUT_VERSION;
  tool: { name: 'iamlint'; version: string };
  findings: JsonFinding[];
  files: FileReport[];
  errors: Notification[];
  summary: RunSummary & { baseline?: { new: number; fixed: number } };
}

function location(loc: Location): Location {
  return { file: loc.file, startLine: loc.startLine, startColumn: loc.startColumn, endLine: loc.endLine, endColumn: loc.endColumn };
}

function jsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    location: location(f.location),
    resource: f.resource ? { id: f.resource.id, type: f.resource.type } : null,
    propertyPath: f.propertyPath,
    fingerprint: f.fingerprint,
    related: f.related.map((r) => ({ location: location(r.location), message: r.message })),
    suppression: f.suppression
      ? {
          kind: f.suppression.kind,
          source: f.suppression.source,
          justification: f.suppression.justification,
          ...(f.suppression.location ? { location: location(f.suppression.location) } : {}),
        }
      : null,
  };
}

function fileReport(f: FileReport): FileReport {
  return {
    file: f.file,
    ...(f.format !== undefined ? { format: f.format } : {}),
    status: f.status,
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
    ...(f.bytes !== undefined ? { bytes: f.bytes } : {}),
  };
}

function notification(n: Notification): Notification {
  const r = n.region;
  return {
    file: n.file,
    message: n.message,
    level: n.level,
    ...(r ? { region: { startLine: r.startLine, startColumn: r.startColumn, endLine: r.endLine, endColumn: r.endColumn } } : {}),
  };
}

/** The JSON output written to `sink` in chunks; each finding and file report takes its output shape as it is written. */
export function writeJsonReport(result: ScanResult, findings: readonly Finding[], opts: RenderOptions, sink: Sink): void {
  const summary: JsonOutput['summary'] = summarize(result, findings, opts.failOn);
  if (opts.baseline) summary.baseline = { new: opts.baseline.newCount, fixed: opts.baseline.fixedCount };
  // The members of JsonOutput, in its order.
  const output = {
    version: JSON_OUTPUT_VERSION,
    tool: { name: 'iamlint', version: opts.toolVersion },
    findings: new MappedArray(findings, jsonFinding),
    files: new MappedArray(result.files, fileReport),
    errors: new MappedArray(result.notifications, notification),
    summary,
  } satisfies Record<keyof JsonOutput, unknown>;
  writeJson(output, sink, 2);
}
