import { hash } from 'node:crypto';
import type { Finding, Location, Severity } from '../findings.js';
import type { Model, Resource } from '../model/model.js';
import { jsonPointer, type Node } from '../model/node.js';
import type { Path, Region, SourceDocument } from '../model/source.js';
import type { Report } from '../rule-api.js';

const FALLBACK: Region = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };

/** A region SARIF and GitHub accept: lines and columns ≥ 1, end after start. */
export function safeRegion(r: Region | undefined): Region {
  if (!r) return { ...FALLBACK };
  const startLine = Math.max(1, Math.floor(r.startLine) || 1);
  const startColumn = Math.max(1, Math.floor(r.startColumn) || 1);
  let endLine = Math.max(startLine, Math.floor(r.endLine) || startLine);
  let endColumn = Math.max(1, Math.floor(r.endColumn) || 1);
  if (endLine === startLine && endColumn <= startColumn) endColumn = startColumn + 1;
  if (endLine < startLine) endLine = startLine;
  return { startLine, startColumn, endLine, endColumn };
}

/** Tells each document which paths are about to be located (and each outer document, the strings embedded ones sit in). */
export function prepareLocations(nodes: readonly Node[]): void {
  const byDoc = new Map<SourceDocument, Path[]>();
  const add = (doc: SourceDocument, path: Path) => {
    if (!doc.prepareLocate) return;
    const paths = byDoc.get(doc);
    if (paths) paths.push(path);
    else byDoc.set(doc, [path]);
  };
  for (const node of nodes) {
    add(node.doc, node.path);
    for (let outer = node.doc.embeddedIn; outer; outer = outer.doc.embeddedIn) add(outer.doc, outer.path);
  }
  for (const [doc, paths] of byDoc) {
    try {
      doc.prepareLocate!(paths);
    } catch {
      // Only a hint: locating still works (through the full index) without it.
    }
  }
}

export function locateNode(node: Node): Location {
  let region: Region | undefined;
  try {
    region = node.doc.locate(node.path);
  } catch {
    region = undefined;
  }
  return { file: node.doc.file, ...safeRegion(region) };
}

/** JSON pointer of the node relative to its resource, so fingerprints survive moves inside the file. */
export function propertyPath(node: Pick<Node, 'doc' | 'path'>, resource: Resource | undefined): string {
  const outer = node.doc.embeddedIn;
  // Inside a JSON string: the string's own path, then the path inside the document it holds.
  if (outer) return propertyPath(outer, resource) + '#' + jsonPointer(node.path);
  const p = node.path;
  if (resource && resource.node.doc === node.doc) {
    const rp = resource.node.path;
    if (rp.length <= p.length && rp.every((seg, i) => seg === p[i])) return jsonPointer(p.slice(rp.length));
  }
  return jsonPointer(p);
}


export function fingerprint(parts: (string | undefined)[]): string {
  // One-shot hashing (no Hash object per finding): the same digest as createHash, in half the time.
  return hash('sha256', parts.map((p) => p ?? '').join('\u0000'), 'hex').slice(0, 32);
}

const SNIPPET_CONTEXT = 1;
const SNIPPET_MAX_LINES = 6;
const LONG_LINE = 400;

export function snippetFor(node: Node, loc: Location): Finding['snippet'] {
  const lines = node.doc.lines;
  if (!lines) return undefined;
  try {
    const start = Math.max(1, loc.startLine - SNIPPET_CONTEXT);
    const end = Math.min(loc.endLine + SNIPPET_CONTEXT, start + SNIPPET_MAX_LINES - 1);
    const text = lines.call(node.doc, start, end);
    if (!text.some((l) => l.length > LONG_LINE)) return { startLine: start, lines: text };
    // Minified JSON puts a whole plan on one line: keep the part of the start line around the region.
    const line = lines.call(node.doc, loc.startLine, loc.startLine)[0] ?? '';
    const from = Math.max(0, loc.startColumn - 1 - 120);
    return { startLine: loc.startLine, lines: [line.slice(from, from + LONG_LINE)], columnOffset: from };
  } catch {
    return undefined;
  }
}

export interface FindingDraft {
  ruleId: string;
  severity: Severity;
  report: Report;
  fingerprintFile: string;
  withSnippet: boolean;
}

export function toFinding(model: Model, draft: FindingDraft): Finding {
  const { report } = draft;
  const resource = report.resource ?? model.resourceAt(report.node);
  const location = (report.span && locateSpan(report.node, report.span)) || locateNode(report.node);
  const snippet = draft.withSnippet ? snippetFor(report.node, location) : undefined;
  if (snippet) snippet.lines = snippet.lines.map((l) => redactLine(l, report.redact ?? []));
  const path = propertyPath(report.node, resource);
  return {
    ruleId: draft.ruleId,
    severity: draft.severity,
    message: report.message,
    location,
    resource: resource ? { id: resource.id, type: resource.type } : undefined,
    propertyPath: path,
    fingerprint: fingerprint([draft.ruleId, draft.fingerprintFile, resource?.id, path, report.key]),
    related: (report.related ?? []).map((r) => ({ location: locateNode(r.node), message: r.message })),
    snippet,
  };
}

function locateSpan(node: Node, span: { start: number; end: number }): Location | undefined {
  try {
    const region = node.doc.locateText?.(node.path, span.start, span.end);
    return region ? { file: node.doc.file, ...safeRegion(region) } : undefined;
  } catch {
    return undefined;
  }
}

const ACCESS_KEY_ID = /(?<![A-Za-z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{12}([A-Z2-7]{4})(?![A-Za-z0-9])/g;

/**
 * Code frames go to CI logs: access key ids and the secrets a rule names are masked, keeping four
 * characters at each end (as messages do) and the length (so the underline still lines up).
 */
export function redactLine(line: string, secrets: string[]): string {
  let out = line.replace(ACCESS_KEY_ID, (_m, head: string, tail: string) => `${head}${'*'.repeat(12)}${tail}`);
  for (const secret of secrets) {
    if (secret.length < 12) continue;
    const masked = secret.slice(0, 4) + '*'.repeat(secret.length - 8) + secret.slice(-4);
    out = out.split(secret).join(masked);
  }
  return out;
}
