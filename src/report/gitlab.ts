import type { Finding } from '../findings.js';
import type { RuleDefinition } from '../rule-api.js';
import { ciPath } from './paths.js';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

/** Notes are info, warnings minor, errors major; an error of a rule whose security severity is critical (over 9.0) is critical. */
export function gitlabSeverity(f: Finding, rule: Pick<RuleDefinition, 'securitySeverity'> | undefined): GitlabSeverity {
  if (f.severity === 'note') return 'info';
  if (f.severity === 'warning') return 'minor';
  return rule && rule.securitySeverity > 9 ? 'critical' : 'major';
}

/**
 * GitLab Code Quality report: a JSON array of issues (description, check_name, fingerprint, severity,
 * location.path relative to the repository, location.lines). Suppressed findings are left out.
 * Fingerprints must be unique in a report, so a repeated one gets a counter.
 */
export function gitlabIssues(findings: readonly Finding[], rules: readonly RuleDefinition<object>[], cwd: string, baseDir: string): GitlabIssue[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const seen = new Map<string, number>();
  const issues: GitlabIssue[] = [];
  for (const f of findings) {
    if (f.suppression) continue;
    const n = seen.get(f.fingerprint) ?? 0;
    seen.set(f.fingerprint, n + 1);
    issues.push({
      description: f.message,
      check_name: f.ruleId,
      fingerprint: n === 0 ? f.fingerprint : `${f.fingerprint}-${n + 1}`,
      severity: gitlabSeverity(f, byId.get(f.ruleId)),
      location: {
        path: ciPath(f.location.file, cwd, baseDir),
        lines: { begin: f.location.startLine, end: Math.max(f.location.endLine, f.location.startLine) },
      },
    });
  }
  return issues;
}

export function renderGitlab(findings: readonly Finding[], rules: readonly RuleDefinition<object>[], cwd: string, baseDir: string): string {
  return `${JSON.stringify(gitlabIssues(findings, rules, cwd, baseDir), null, 2)}\n`;
}
