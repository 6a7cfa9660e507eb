/** Access levels of the AWS Service Authorization Reference. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/**
 * Synchronous lookups over the AWS service authorization data (every service prefix, action,
 * access level and resource type). Matching is case-insensitive, as in IAM.
 */
export interface IamCatalog {
  /** Canonical `service:Action` names a pattern (`*`, `?`) matches; `*` and `*:*` match every action. */
  expand(pattern: string): readonly string[];
  /** Whether `pattern` (with wildcards) matches `action`, case-insensitively. */
  matches(pattern: string, action: string): boolean;
  isKnownService(prefix: string): boolean;
  actionExists(action: string): boolean;
  /** Access levels of one action (an action can be `Tagging` and `Write`); undefined when unknown. */
  accessLevels(action: string): AccessLevel[] | undefined;
  /** true when the action accepts specific resource ARNs; false when it only accepts `*`. */
  supportsResourceLevel(action: string): boolean | undefined;
  /** The closest real action for a typo, e.g. `s3:GetObjects` → `s3:GetObject`. */
  suggest(action: string): string | undefined;
  /** Date of the data (for docs and `--version`). */
  readonly dataDate: string;
}
