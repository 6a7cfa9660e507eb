import type { Finding, Severity } from '../findings.js';
import type { InputFormat } from '../model/source.js';
import type { ScanResult } from '../engine/types.js';
import { runFails } from './severity.js';
import type { FailOn } from './types.js';

export interface RunSummary {
  files: { scanned: number; skipped: number; errors: number; byFormat: Partial<Record<InputFormat, number>> };
  /** Counts of findings that are not suppressed, and of suppressed ones. */
  findings: Record<Severity, number> & { total: number; suppressed: number };
  failOn: FailOn;
  /** True when an unsuppressed finding is at or above `failOn`, or an input could not be read or checked (the CLI then exits 1). */
  failed: boolean;
  elapsedMs: number;
}

export function summarize(result: ScanResult, findings: readonly Finding[], failOn: FailOn): RunSummary {
  const byFormat: Partial<Record<InputFormat, number>> = {};
  let scanned = 0;
  let skipped = 0;
  let errors = 0;
  for (const file of result.files) {
    if (file.status === 'scanned') {
      scanned++;
      if (file.format) byFormat[file.format] = (byFormat[file.format] ?? 0) + 1;
    } else if (file.status === 'skipped') skipped++;
    else errors++;
  }
  const counts = { error: 0, warning: 0, note: 0, total: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppression) {
      counts.suppressed++;
      continue;
    }
    counts[f.severity]++;
    counts.total++;
  }
  const failed = runFails(findings, result.notifications, failOn);
  return { files: { scanned, skipped, errors, byFormat }, findings: counts, failOn, failed, elapsedMs: result.elapsedMs };
}

export const FORMAT_LABELS: Record<InputFormat, string> = {
  'cloudformation-yaml': 'CloudFormation YAML',
  'cloudformation-json': 'CloudFormation JSON',
  'terraform-json': 'Terraform JSON',
  'terraform-plan': 'Terraform plan',
  'terraform-state': 'Terraform state',
  'iam-policy': 'IAM policy',
  source: 'source code',
};
