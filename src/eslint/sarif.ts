import { hash } from 'node:crypto';
import type { ESLint, Linter } from 'eslint';
import type { Log, Notification, PhysicalLocation, ReportingDescriptor, Result } from 'sarif';
import { allRules } from '../../rules/index.js';
import type { Severity } from '../findings.js';
import type { RuleDefinition } from '../rule-api.js';
import { baseRelativePath, directoryUri, fileUri, relativeUri } from '../report/paths.js';
import { FINGERPRINT_KEY, SARIF_SCHEMA_URI, sarifRegion, SRCROOT } from '../report/sarif.js';
import { INFORMATION_URI, ruleDescriptor } from '../report/sarif-rules.js';

export interface EslintSarifOptions {
  /** Directory the URIs are relative to (`%SRCROOT%`), normally the repository root. */
  cwd: string;
  toolVersion: string;
  /** ESLint's `rulesMeta` (formatter context or `eslint.getRulesMetaForResults`), for the descriptors of other plugins' rules. */
  rulesMeta?: Record<string, { docs?: { description?: string; url?: string } }>;
}

const SEVERITIES: ReadonlySet<string> = new Set<Severity>(['error', 'warning', 'note']);
const byId = new Map<string, RuleDefinition<object>>(allRules.map((r) => [r.id, r]));

/** `iamlint/imdsv1-allowed` (or the rule under any plugin key) → the iamlint rule. */
function iamlintRule(ruleId: string): RuleDefinition<object> | undefined {
  const slash = ruleId.lastIndexOf('/');
  return slash > 0 ? byId.get(ruleId.slice(slash + 1)) : undefined;
}

/** Plain-text SARIF messages treat `[text](target)` as a link (§3.11.5). */
function escapeBrackets(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}

/**
 * ESLint results as one SARIF 2.1.0 run, shaped like the CLI's: iamlint rules under their own ids
 * (`imdsv1-allowed`, so alerts match those of `iamlint --format sarif`) with the same descriptors,
 * the iamlint severity of each finding (its message id), relative URIs under `%SRCROOT%`, exact
 * regions, `eslint-disable` suppressions, and parse errors as tool notifications. Messages of other
 * plugins' rules are kept under their ESLint ids.
 */
export function eslintResultsToSarif(results: readonly ESLint.LintResult[], opts: EslintSarifOptions): Log {
  const rules: ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  const sarifResults: Result[] = [];
  const notifications: Notification[] = [];
  const occurrences = new Map<string, number>();

  const descriptor = (eslintId: string): { id: string; index: number } => {
    const rule = iamlintRule(eslintId);
    const id = rule ? rule.id : eslintId;
    let i = index.get(id);
    if (i === undefined) {
      i = rules.length;
      index.set(id, i);
      const meta = opts.rulesMeta?.[eslintId]?.docs;
      rules.push(
        rule
          ? ruleDescriptor(rule)
          : { id, shortDescription: { text: meta?.description ?? id }, ...(meta?.url ? { helpUri: meta.url } : {}) },
      );
    }
    return { id, index: i };
  };

  const location = (file: string, m?: Linter.LintMessage): PhysicalLocation => {
    const rel = baseRelativePath(file, opts.cwd, opts.cwd);
    const artifactLocation = rel !== undefined ? { uri: relativeUri(rel), uriBaseId: SRCROOT } : { uri: fileUri(file, opts.cwd) };
    if (!m) return { artifactLocation };
    const region = sarifRegion({ startLine: m.line, startColumn: m.column, endLine: m.endLine ?? m.line, endColumn: m.endColumn ?? m.column + 1 });
    return { artifactLocation, region };
  };

  const toResult = (file: string, m: Linter.LintMessage, suppressed?: Linter.SuppressedLintMessage): Result => {
    const { id, index: ruleIndex } = descriptor(m.ruleId!);
    const level: Severity =
      iamlintRule(m.ruleId!) && m.messageId && SEVERITIES.has(m.messageId) ? (m.messageId as Severity) : m.severity === 2 ? 'error' : 'warning';
    const physical = location(file, m);
    // Stable when lines move: rule, file and message (without the line numbers some messages name), then the occurrence.
    const base = `${id}\u0000${physical.artifactLocation?.uri}\u0000${m.message.replace(/\(line \d+\)/g, '')}`;
    const n = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, n);
    const result: Result = {
      ruleId: id,
      ruleIndex,
      level,
      message: { text: escapeBrackets(m.message) },
      locations: [{ physicalLocation: physical }],
      partialFingerprints: { [FINGERPRINT_KEY]: hash('sha256', `${base}\u0000${n}`, 'hex').slice(0, 32) },
    };
    if (suppressed) {
      result.suppressions = suppressed.suppressions.map((s) => ({
        kind: s.kind === 'directive' ? 'inSource' : 'external',
        status: 'accepted',
        justification: s.justification,
        properties: { source: 'eslint' },
      }));
    }
    return result;
  };

  for (const r of results) {
    for (const m of r.messages) {
      if (m.ruleId) sarifResults.push(toResult(r.filePath, m));
      else notifications.push({ level: m.fatal ? 'error' : 'warning', message: { text: escapeBrackets(m.message) }, locations: [{ physicalLocation: location(r.filePath, m) }] });
    }
    for (const m of r.suppressedMessages ?? []) if (m.ruleId) sarifResults.push(toResult(r.filePath, m, m));
  }

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'iamlint', semanticVersion: opts.toolVersion, version: opts.toolVersion, informationUri: INFORMATION_URI, rules } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications, workingDirectory: { uri: directoryUri(opts.cwd) } }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(opts.cwd) } },
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
