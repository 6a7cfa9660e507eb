import type { InputFormat, Region } from './model/source.js';

export type Severity = 'error' | 'warning' | 'note';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];
/** Higher is more severe; used for `--fail-on` thresholds and sorting. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, note: 1 };

export interface Location extends Region {
  /** Relative to the working directory, `/` separators (reporters re-base it as they need). */
  file: string;
}

export interface Suppression {
  kind: 'inSource' | 'external';
  /** Where it came from: `comment`, `metadata`, `config`, `baseline`, `cfn_nag`, `checkov`, `cfn-lint`, `eslint`. */
  source: string;
  justification: string;
  location?: Location;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: Location;
  /** The resource named the same way in every output: CloudFormation logical id or Terraform address. */
  resource?: { id: string; type: string };
  /** JSON pointer of the reported node, relative to the resource (or the document when there is none). */
  propertyPath: string;
  /** Stable when lines move: hash of rule + file + resource + property path (+ the rule's key). */
  fingerprint: string;
  related: { location: Location; message: string }[];
  suppression?: Suppression;
  /** Source lines around the region, for code frames (taken before the document is dropped). */
  snippet?: {
    startLine: number;
    lines: string[];
    /** Set when long lines were cut: the first character shown is at column columnOffset + 1. */
    columnOffset?: number;
  };
}

export interface FileReport {
  file: string;
  format?: InputFormat;
  status: 'scanned' | 'skipped' | 'error';
  /** Why it was skipped or failed. */
  reason?: string;
  bytes?: number;
}

/** Something the run could not do for one file (parse errors, unreadable paths): also emitted as `parse-error` findings. */
export interface Notification {
  file: string;
  message: string;
  level: 'error' | 'warning' | 'note';
  region?: Region;
}
