/**
 * The public rule API. Rule files under rules/ import only from here.
 */
import type { Severity } from './findings.js';
import type { IamCatalog } from './iam/catalog-types.js';
import type { Model, Resource } from './model/model.js';
import type { Node } from './model/node.js';

export type { Severity } from './findings.js';
export type { IamCatalog, AccessLevel } from './iam/catalog-types.js';
export type * from './model/model.js';
export type { Node } from './model/node.js';
export { placeKey } from './model/node.js';
export type { Json, Path, SourceDocument } from './model/source.js';
export type { Value, Prop, KnownValue, UnknownValue, AbsentValue, ValueOrigin } from './model/value.js';
export { known, unknown, absent, isKnown, knownStrings, describeOrigin, mergeOrigin } from './model/value.js';
export * from './iam/policy-analysis.js';
export { checkDocumentShape, checkStatementShape, hasMisspeltElement, isConditionOperator, suggestConditionOperator } from './iam/policy-grammar.js';
export type { GrammarIssue, OpaquePredicate } from './iam/policy-grammar.js';
export { resourceArnProblem, templateArnProblem, awsPrincipalProblem } from './iam/arn.js';
export { globMatch, hasWildcard } from './iam/glob.js';
export {
  effectiveMetadata,
  effectiveInstanceProfile,
  templateUsers,
  imagesOf,
  trustAllowsEc2,
  onlyEc2CanAssume,
  statementCoversAction,
  statementNamesEc2,
  userDataTexts,
  decodeBase64Text,
  launcherLabel,
  conditionNote,
  resourceAnchor,
  metadataAnchor,
  metadataOptionName,
  nameOf,
  qualifiedNameOf,
  isTemplate,
  isSet,
  knownLower,
  knownNumber,
  metadataEndpointOff,
  LAUNCHERS_WITH_OWN_SETTINGS,
  EC2_SERVICE_PRINCIPALS,
} from './model/ec2.js';
export type { MetadataField, SettingSource, EffectiveSetting, ProfileSetting, UserDataText, Tri } from './model/ec2.js';
export { findCredentials, findAccessKeyIds, evidenceAround, hasBase64Run, maskSecret, isExampleKey, isSecretKeyName } from './model/access-keys.js';
export type { CredentialHit, CredentialKind, SecretEvidence } from './model/access-keys.js';
export { stringsUnder } from './model/builder.js';
export { linkedResourceKind, type LinkedResourceKind } from './model/resource-kinds.js';

export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/** Which front ends run the rule: the CLI over templates, and the ESLint plugin over source code. */
export type FrontEnd = 'cli' | 'eslint';

export interface RuleExample {
  /** `CloudFormation YAML`, `CloudFormation JSON`, `Terraform JSON`, `IAM policy`, `CDK (TypeScript)`, … */
  format: string;
  /** Code-fence language: yaml, json, ts. */
  language: string;
  bad: string;
  good: string;
}

export interface RuleDocs {
  /** Why it matters: a paragraph of markdown. */
  why: string;
  examples: RuleExample[];
  /** How to fix it: markdown. */
  fix: string;
  /** AWS documentation, benchmark controls (CIS, AWS FSBP), peer rule ids. */
  references: { title: string; url: string }[];
}

export interface RuleDefinition<O extends object = Record<string, unknown>> {
  /** Stable kebab-case id: the SARIF ruleId and the config key. Public interface. */
  id: string;
  /** Short title in sentence case. */
  title: string;
  /** One line: what it finds. */
  description: string;
  docs: RuleDocs;
  severity: Severity;
  /** GitHub security-severity score, 0.1–10.0 (≥ 9.1 critical, 7–8.9 high, 4–6.9 medium, < 4 low). */
  securitySeverity: number;
  precision: Precision;
  tags: string[];
  cwe: number[];
  /** JSON Schema (draft-07) of the options object, and the defaults. */
  optionsSchema: Record<string, unknown>;
  defaultOptions: O;
  frontEnds: FrontEnd[];
  check(ctx: RuleContext<O>): void;
}

export interface RelatedNode {
  node: Node;
  message: string;
}

export interface Report {
  /** The most specific node that proves the problem (an absent property: the node where it would be). */
  node: Node;
  message: string;
  /** Defaults to the rule's severity. */
  severity?: Severity;
  /** Defaults to the resource that contains `node`. */
  resource?: Resource;
  related?: RelatedNode[];
  /** Distinguishes two findings of one rule at one node in the fingerprint (an action name, a path id). */
  key?: string;
  /** Characters [start, end) of the node's string value: the finding points at just them when the source allows. */
  span?: { start: number; end: number };
  /** Text (a secret) that must never be printed: masked in code frames. */
  redact?: string[];
}

export interface RuleContext<O extends object = Record<string, unknown>> {
  readonly model: Model;
  readonly options: O;
  readonly iam: IamCatalog;
  report(report: Report): void;
}

/** Identity helper that keeps the option type. */
export function defineRule<O extends object>(rule: RuleDefinition<O>): RuleDefinition<O> {
  return rule;
}
