import { SEVERITY_RANK, type Finding, type Severity } from '../findings.js';
import type { FailOn } from './types.js';

/** True when a finding of this severity fails a run with this threshold. */
export function failsAt(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/** The findings `--quiet` keeps: at or above the threshold, errors when the threshold is `never`. */
export function quietFilter(findings: readonly Finding[], failOn: FailOn): Finding[] {
  const threshold: Severity = failOn === 'never' ? 'error' : failOn;
  return findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
}
