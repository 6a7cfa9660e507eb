import { readFileSync } from 'node:fs';
import { adapt } from '../../src/adapt/index.js';
import { loadText } from '../../src/load/index.js';
import type { Model, Report, RuleDefinition, SourceDocument } from '../../src/rule-api.js';
import { runRule } from './run-rule.js';

/** Loads a fixture (path relative to the project root) through the real loader. */
export function loadFixture(file: string): SourceDocument {
  const outcome = loadText(readFileSync(file), file);
  if (outcome.status !== 'loaded') throw new Error(`${file} did not load: ${outcome.status === 'error' ? outcome.message : outcome.reason}`);
  return outcome.doc;
}

export function modelOf(...files: string[]): Model {
  return adapt(files.map(loadFixture));
}

export interface Located {
  line: number;
  column: number;
  message: string;
  severity?: string;
  resource?: string;
  related: { line: number; column: number; message: string }[];
}

export function locate(r: Report): Located {
  const region = r.node.doc.locate(r.node.path);
  return {
    line: region.startLine,
    column: region.startColumn,
    message: r.message,
    severity: r.severity,
    resource: r.resource?.id,
    related: (r.related ?? []).map((x) => {
      const rr = x.node.doc.locate(x.node.path);
      return { line: rr.startLine, column: rr.startColumn, message: x.message };
    }),
  };
}

/** Runs a rule over fixtures and returns located reports, sorted by position. */
export function check<O extends object>(rule: RuleDefinition<O>, files: string | string[], options?: Partial<O>): Located[] {
  const model = modelOf(...(Array.isArray(files) ? files : [files]));
  return runRule(rule, model, options)
    .map(locate)
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Where `needle` starts in the file (1-based), the `nth` time it occurs: an oracle independent of the
 * loader's locate, so position assertions test the whole chain.
 */
export function positionOf(file: string, needle: string, nth = 1): { line: number; column: number } {
  const text = readFileSync(file, 'utf8');
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} occurs fewer than ${nth} times in ${file}`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

export interface Expected {
  /** Text at the start of the reported node (for a JSON string, its opening quote). */
  at: string;
  nth?: number;
  /** Defaults to the rule's severity. */
  severity?: string;
  resource: string;
  /** Words the message must contain. */
  says?: string[];
}

/**
 * The reports of `rule` on `file`, as {line, column, severity, resource, message words}, next to the
 * expectation computed from the text, ready for one `toEqual`.
 */
export function compare<O extends object>(rule: RuleDefinition<O>, file: string, expected: Expected[], options?: Partial<O>) {
  const got = check(rule, file, options);
  const want = expected
    .map((e) => ({ ...positionOf(file, e.at, e.nth), severity: e.severity ?? rule.severity, resource: e.resource, says: e.says ?? [] }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const actual = got.map((g, i) => ({
    line: g.line,
    column: g.column,
    severity: g.severity ?? rule.severity,
    resource: g.resource,
    says: (want[i]?.says ?? []).filter((w) => g.message.includes(w)),
  }));
  return { actual, expected: want, reports: got };
}
