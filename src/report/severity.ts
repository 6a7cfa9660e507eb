import { SEVERITY_RANK, type Finding, type Notification, type Severity } from '../findings.js';
import type { FailOn } from './types.js';

/** True when a finding of this severity fails a run with this threshold. */
export function failsAt(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/**
 * Whether the run fails (exit 1): an unsuppressed finding at or above `failOn`, or, unless `failOn`
 * is `never`, an input that could not be read or checked (an unreadable folder, a rule that crashed):
 * a run that skipped something must not pass as clean.
 */
export function runFails(findings: readonly Finding[], notifications: readonly Notification[], failOn: FailOn): boolean {
  if (findings.some((f) => !f.suppression && failsAt(f.severity, failOn))) return true;
  return failOn !== 'never' && notifications.some((n) => n.level === 'error');
}

/** The findings `--quiet` keeps: at or above the threshold, errors when the threshold is `never`. */
export function quietFilter(findings: readonly Finding[], failOn: FailOn): Finding[] {
  const threshold: Severity = failOn === 'never' ? 'error' : failOn;
  return findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
}
