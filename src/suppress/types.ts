import type { Location } from '../findings.js';

/** Where a suppression applies inside one model. */
export type SuppressionScope =
  | { kind: 'line'; line: number }
  /** Inclusive line range (a disable/enable block; `to` is Infinity when never re-enabled). */
  | { kind: 'range'; from: number; to: number }
  | { kind: 'resource'; resourceId: string; resourceType: string }
  | { kind: 'file' };

export type SuppressionOrigin = 'comment' | 'metadata' | 'cfn_nag' | 'checkov' | 'cfn-lint';

/**
 * One written suppression of one rule. A directive naming several rules gives one entry per rule,
 * sharing `directive` so a missing reason is reported once.
 */
export interface SuppressionEntry {
  /** The document it is written in (display path). */
  file: string;
  /** Our rule id, or `*` for a directive that names no rule (every rule). */
  ruleId: string;
  scope: SuppressionScope;
  origin: SuppressionOrigin;
  /** The reason as written, without the `expires:` part; empty when there is none. */
  reason: string;
  /** YYYY-MM-DD, after which the suppression no longer applies. */
  expires?: string;
  /** Text after `expires:` that is not a valid date (the suppression then does not apply). */
  badExpiry?: string;
  /** Peer suppressions carry the peer's rule id; cfn-lint has no reason field, so none is required. */
  peerRuleId?: string;
  reasonOptional?: boolean;
  /** Key shared by the entries of one directive. */
  directive: string;
  /** Human words for messages: "`iamlint-disable-next-line` comment on line 4". */
  describe: string;
  /** Stable words for the fingerprint of findings about this suppression (no line numbers). */
  stableKey: string;
  locate(): Location;
}

/** Something wrong with how a suppression is written (reported as `unused-suppression`). */
export interface DirectiveProblem {
  file: string;
  message: string;
  stableKey: string;
  resource?: { id: string; type: string };
  locate(): Location;
}

export interface CollectedSuppressions {
  entries: SuppressionEntry[];
  problems: DirectiveProblem[];
}
