import type { IamCatalog } from './catalog-types.js';
import type { Condition, Identity, ListField, Model, PolicyDocument, PolicyKind, PrincipalField, Statement } from '../model/model.js';
import type { Node } from '../model/node.js';
import type { KnownValue, Value, ValueOrigin } from '../model/value.js';
import { globMatch, hasWildcard } from './glob.js';
import { memo } from '../model/memo.js';

/**
 * The one place policy rules ask what a statement means: its effect, the actions it grants, whether
 * its resources amount to `*`, which conditions scope it. IAM semantics: action names and condition
 * keys are case-insensitive, resource ARNs are matched as wildcards, unknown values prove nothing.
 */

// ---------------------------------------------------------------- grammar and kind

/**
 * Whether the document is written in the IAM JSON grammar (`Statement`, `Effect`, `Action` …). The
 * other grammars (Terraform `aws_iam_policy_document`, CDK `PolicyStatement`) default a missing
 * effect to Allow and do not need `Version`.
 */
export function usesJsonGrammar(doc: PolicyDocument): boolean {
  const v = doc.node.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  if (Object.prototype.hasOwnProperty.call(v, 'Statement')) return true;
  // `{"Version": …, "Statment": …}` is still the JSON grammar (misspelt); HCL and CDK arguments are lower-case.
  const keys = Object.keys(v);
  return keys.length > 0 && keys.some((k) => /^[A-Z]/.test(k)) && !keys.some((k) => k === 'statement');
}

const TRUST_ACTION = /^sts:(assumerole|assumerolewithsaml|assumerolewithwebidentity|assumeroot)$/i;
const TRUST_COMPANION = /^sts:(tagsession|setsourceidentity|setcontext)$/i;

/**
 * The kind a document has by its content: statements with a principal that only allow assuming a
 * role make a trust policy; other statements with a principal make a resource policy; none, identity.
 */
export function kindFromContent(statements: readonly Statement[]): Exclude<PolicyKind, 'unknown'> {
  const withPrincipal = statements.filter((s) => s.principal || s.notPrincipal);
  if (withPrincipal.length === 0) return 'identity';
  const actions = withPrincipal.flatMap((s) => knownStringsOf(s.action));
  if (actions.length > 0 && actions.some((a) => TRUST_ACTION.test(a)) && actions.every((a) => TRUST_ACTION.test(a) || TRUST_COMPANION.test(a))) {
    return 'trust';
  }
  return 'resource';
}

/** The document's kind, deciding `unknown` by content. */
const kindOnce = memo<PolicyDocument, Exclude<PolicyKind, 'unknown'>>('policy kind');

export function effectiveKind(doc: PolicyDocument): Exclude<PolicyKind, 'unknown'> {
  if (doc.kind !== 'unknown') return doc.kind;
  return kindOnce(doc, (d) => kindFromContent(d.statements));
}

/** Identity policies (and policies of unknown kind without principals): the ones that grant a principal permissions. */
export function isIdentityPolicy(doc: PolicyDocument): boolean {
  return effectiveKind(doc) === 'identity';
}

// ---------------------------------------------------------------- effect

export type EffectVerdict = 'allow' | 'deny' | 'invalid' | 'unknown';

/**
 * `allow` when some value of Effect is the literal `Allow` (an `Fn::If` branch counts: its origin is
 * returned for the message), `deny` when every value is `Deny`, `invalid` when Effect is missing or
 * not a valid literal in the JSON grammar, `unknown` otherwise.
 */
export function statementEffect(stmt: Statement): { verdict: EffectVerdict; value?: Value } {
  const allow = stmt.effect.find((v) => v.state === 'known' && v.value === 'Allow');
  if (allow) return { verdict: 'allow', value: allow };
  if (stmt.effect.every((v) => v.state === 'known' && v.value === 'Deny')) return { verdict: 'deny', value: stmt.effect[0] };
  const first = stmt.effect[0];
  if (first?.state === 'absent' && stmt.effect.length === 1) {
    return usesJsonGrammar(stmt.doc) ? { verdict: 'invalid', value: first } : { verdict: 'allow', value: first };
  }
  if (stmt.effect.some((v) => v.state === 'unknown')) return { verdict: 'unknown' };
  return { verdict: 'invalid', value: first };
}

export function isAllow(stmt: Statement): boolean {
  return statementEffect(stmt).verdict === 'allow';
}

/** A Deny statement that is certainly Deny in every branch. */
export function isDeny(stmt: Statement): boolean {
  return statementEffect(stmt).verdict === 'deny';
}

/** The `Fn::If` origin of the statement or of its Allow value, for messages. */
export function statementOrigin(stmt: Statement): ValueOrigin | undefined {
  return stmt.via ?? statementEffect(stmt).value?.via;
}

// ---------------------------------------------------------------- actions

/** One literal element of a list field (`"s3:GetObject"`, `"*"`), with the node it sits at. */
export interface Element {
  readonly value: string;
  readonly node: Node;
  readonly via?: ValueOrigin;
}

export interface StatementActions {
  readonly mode: 'action' | 'not-action' | 'none';
  readonly field?: ListField;
  /** Known string patterns of Action (or of NotAction). */
  readonly patterns: readonly Element[];
  /** Values that could not be read (intrinsics, interpolations): skipped, never guessed. */
  readonly unknown: readonly Value[];
}

/** Known string elements of a list field; non-strings and unknown values are left out. */
export function elementsOf(field: ListField | undefined): Element[] {
  if (!field) return [];
  const out: Element[] = [];
  for (const v of field.values) if (v.state === 'known' && typeof v.value === 'string') out.push({ value: v.value, node: v.node, via: v.via });
  return out;
}

function unknownsOf(field: ListField | undefined): Value[] {
  return field ? field.values.filter((v) => v.state === 'unknown') : [];
}

function knownStringsOf(field: ListField | undefined): string[] {
  return elementsOf(field).map((e) => e.value);
}

// Statements are immutable once the model is built, and every rule asks the same questions of them.
const actionsOnce = memo<Statement, StatementActions>('statement actions');
const wildcardResourcesOnce = memo<Statement, ResourceElement[]>('wildcard resources');
const wildcardPatternCache = new Map<string, boolean>();
const PATTERN_CACHE_LIMIT = 8192;

export function statementActions(stmt: Statement): StatementActions {
  return actionsOnce(stmt, readStatementActions);
}

function readStatementActions(stmt: Statement): StatementActions {
  if (stmt.action) return { mode: 'action', field: stmt.action, patterns: elementsOf(stmt.action), unknown: unknownsOf(stmt.action) };
  if (stmt.notAction) return { mode: 'not-action', field: stmt.notAction, patterns: elementsOf(stmt.notAction), unknown: unknownsOf(stmt.notAction) };
  return { mode: 'none', patterns: [], unknown: [] };
}

/** `*`, `*:*`, `**`: a pattern that matches every action whatever the data says. */
export function isFullWildcard(pattern: string): boolean {
  return /^\*+(:\*+)?$/.test(pattern);
}

/** `s3:*`: every action of one service. */
export function isServiceWildcard(pattern: string): boolean {
  return /^[^:*?]+:\*+$/.test(pattern);
}

/**
 * The elements of the statement that grant `action` (case-insensitive wildcard match). For NotAction,
 * the NotAction node itself when nothing in it excludes the action; an unreadable NotAction element
 * might exclude it, so nothing is proven then.
 */
export function grantingElements(stmt: Statement, action: string, iam: IamCatalog): readonly Element[] {
  const a = statementActions(stmt);
  if (a.mode === 'action') {
    // Rules ask many actions of each statement and most match nothing: no array is made for those.
    let out: Element[] | undefined;
    for (const p of a.patterns) if (iam.matches(p.value, action)) (out ??= []).push(p);
    return out ?? NO_ELEMENTS;
  }
  if (a.mode === 'not-action' && a.field) {
    if (a.unknown.length > 0) return NO_ELEMENTS;
    if (a.patterns.some((p) => iam.matches(p.value, action))) return NO_ELEMENTS;
    return [{ value: `NotAction`, node: a.field.node }];
  }
  return NO_ELEMENTS;
}

const NO_ELEMENTS: readonly Element[] = [];

export function grantsAction(stmt: Statement, action: string, iam: IamCatalog): boolean {
  return grantingElements(stmt, action, iam).length > 0;
}

/**
 * Whether the statement's actions cover every action: a full wildcard in Action, or a NotAction
 * that excludes no real action (empty, or only names that do not exist).
 */
export function grantsEveryAction(stmt: Statement, iam: IamCatalog): boolean {
  const a = statementActions(stmt);
  if (a.mode === 'action') return a.patterns.some((p) => isFullWildcard(p.value));
  if (a.mode === 'not-action') return a.unknown.length === 0 && a.patterns.every((p) => iam.expand(p.value).length === 0);
  return false;
}

/**
 * The real actions the statement grants, canonical names. Action: the union of its known patterns;
 * NotAction: every action the data knows except those matched (this reads the whole catalog).
 */
export function grantedActions(stmt: Statement, iam: IamCatalog): string[] {
  const a = statementActions(stmt);
  if (a.mode === 'action') {
    const out = new Set<string>();
    for (const p of a.patterns) for (const x of iam.expand(p.value)) out.add(x);
    return [...out];
  }
  if (a.mode === 'not-action' && a.unknown.length === 0) {
    return iam.expand('*').filter((x) => !a.patterns.some((p) => iam.matches(p.value, x)));
  }
  return [];
}

// ---------------------------------------------------------------- resources

const PROBE_ACCOUNT = '111122223333';

/** ARNs of unrelated shapes: a pattern that matches all of them is effectively `*`. */
function starProbes(partition: string): string[] {
  return [
    `arn:${partition}:s3:::zz9-bucket/zz9/key.txt`,
    `arn:${partition}:iam::${PROBE_ACCOUNT}:role/zz9/zz9-role`,
    `arn:${partition}:ec2:us-east-1:${PROBE_ACCOUNT}:instance/i-0zz9`,
    `arn:${partition}:lambda:eu-west-1:${PROBE_ACCOUNT}:function:zz9:1`,
    `arn:${partition}:sns:ap-southeast-2:${PROBE_ACCOUNT}:zz9`,
    `arn:${partition}:logs:us-west-2:${PROBE_ACCOUNT}:log-group:/zz9:*`,
  ];
}

/** The literal partition of an ARN pattern (`aws`, `aws-cn`), or `aws` when it is a wildcard. */
function partitionOf(pattern: string): string {
  const parts = pattern.split(':');
  const p = parts[1];
  return parts[0] === 'arn' && p && !hasWildcard(p) ? p : 'aws';
}

/** `*`, `arn:*`, `arn:aws:*:*:*:*`…: a resource pattern that matches every ARN of its partition. */
export function isWildcardResource(pattern: string): boolean {
  if (!hasWildcard(pattern)) return false;
  let hit = wildcardPatternCache.get(pattern);
  if (hit === undefined) {
    hit = starProbes(partitionOf(pattern)).every((arn) => globMatch(pattern, arn, false));
    if (wildcardPatternCache.size >= PATTERN_CACHE_LIMIT) wildcardPatternCache.clear();
    wildcardPatternCache.set(pattern, hit);
  }
  return hit;
}

/**
 * A template ARN as a pattern that holds whatever its placeholders are: a placeholder that fills the
 * partition, region or account part (`arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*`) becomes
 * `*`, because the resource part alone decides what the ARN covers there; a placeholder anywhere else
 * (`${Bucket}/*`, `role/${Name}`) becomes a character no ARN contains, so the pattern proves nothing.
 */
export function templatePattern(partial: string): string {
  let pattern = templatePatterns.get(partial);
  if (pattern === undefined) {
    if (templatePatterns.size >= 4096) templatePatterns.clear();
    templatePatterns.set(partial, (pattern = patternOfTemplate(partial)));
  }
  return pattern;
}

/** The same templates (`arn:${AWS::Partition}:s3:::${Bucket}/*`) recur in every statement and file of a run. */
const templatePatterns = new Map<string, string>();

function patternOfTemplate(partial: string): string {
  const HOLE = '\u0001';
  const parts = partial.replace(/\$\{[^}]*\}/g, HOLE).split(':');
  return parts
    .map((p, i) => ((i === 1 || i === 3 || i === 4) && p === HOLE ? '*' : p))
    .join(':')
    .split(HOLE)
    .join('\u0000');
}

/**
 * Resource (or NotResource) elements as patterns: the known strings, and template strings with a
 * literal `arn:` frame through templatePattern (the written template stays in `value`, the pattern
 * in `pattern`). Other unknown values are left out.
 */
export interface ResourceElement extends Element {
  readonly pattern: string;
}

export function resourceElements(field: ListField | undefined): ResourceElement[] {
  if (!field) return [];
  const out: ResourceElement[] = [];
  for (const v of field.values) {
    if (v.state === 'known' && typeof v.value === 'string') out.push({ value: v.value, pattern: v.value, node: v.node, via: v.via });
    else if (v.state === 'unknown' && v.partial?.startsWith('arn:')) out.push({ value: v.partial, pattern: templatePattern(v.partial), node: v.node, via: v.via });
  }
  return out;
}

/** Resource elements that are effectively `*` (an unknown `!Sub 'arn:…:${Bucket}/*'` never is). */
export function wildcardResourceElements(stmt: Statement): ResourceElement[] {
  return wildcardResourcesOnce(stmt, (s) => resourceElements(s.resource).filter((e) => isWildcardResource(e.pattern)));
}

/** The statement applies to every resource: a `Resource` element that is effectively `*`. */
export function appliesToAllResources(stmt: Statement): boolean {
  return wildcardResourceElements(stmt).length > 0;
}

/**
 * Whether the ARN pattern matches every resource of one type in its account, e.g. every role for
 * `iam`/`role`: `arn:aws:iam::123456789012:role/` followed by `*`, or `*` itself.
 */
export function coversAllOfType(pattern: string, service: string, resourceType: string): boolean {
  if (isWildcardResource(pattern)) return true;
  if (!hasWildcard(pattern)) return false;
  const parts = pattern.split(':');
  const account = parts[4] && /^\d{12}$/.test(parts[4]) ? parts[4] : PROBE_ACCOUNT;
  const partition = partitionOf(pattern);
  const base = `arn:${partition}:${service}::${account}:${resourceType}/`;
  return [`${base}zz9-probe`, `${base}zz9/path/zz9-probe`].every((arn) => globMatch(pattern, arn, false));
}

/**
 * Whether the statement's resources cover `arn` (a concrete probe ARN): some known Resource element
 * matches it, or a NotResource exists whose known elements all miss it (and none is unknown).
 */
export function resourceCovers(stmt: Statement, arn: string): Element | undefined {
  if (stmt.resource) return resourceElements(stmt.resource).find((e) => globMatch(e.pattern, arn, false));
  if (stmt.notResource) {
    if (unknownsOf(stmt.notResource).length > 0) return undefined;
    return elementsOf(stmt.notResource).some((e) => globMatch(e.value, arn, false)) ? undefined : { value: 'NotResource', node: stmt.notResource.node };
  }
  return undefined;
}

/** The Resource element that covers every resource of `resourceType` (see coversAllOfType), if any. */
export function elementCoveringAllOfType(stmt: Statement, service: string, resourceType: string): ResourceElement | undefined {
  return resourceElements(stmt.resource).find((e) => coversAllOfType(e.pattern, service, resourceType));
}

/**
 * Whether the statement's resources can include resources of `action`'s service: an effectively-`*`
 * element, or (for actions with resource-level permissions) an ARN pattern of that service, written
 * literally or as a template (`arn:${AWS::Partition}:ec2:…`); a NotResource counts too. `Action: "*"`
 * on an S3 bucket ARN grants nothing on EC2.
 */
export function resourcesMayInclude(stmt: Statement, action: string, iam: IamCatalog): boolean {
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  if (stmt.notResource) {
    // Proven only when every excluded pattern is known and none excludes the whole service.
    if (unknownsOf(stmt.notResource).length > 0) return false;
    const probe = `arn:aws:${service}:us-east-1:${PROBE_ACCOUNT}:zz9-probe/zz9`;
    return !elementsOf(stmt.notResource).some((e) => globMatch(e.value, probe, false));
  }
  if (!stmt.resource) return false;
  const resourceLevel = iam.supportsResourceLevel(action) !== false;
  for (const v of stmt.resource.values) {
    const text = v.state === 'known' && typeof v.value === 'string' ? v.value : v.state === 'unknown' ? v.partial : undefined;
    if (text === undefined) continue;
    if (v.state === 'known' && isWildcardResource(text)) return true;
    if (!resourceLevel) continue;
    // A placeholder stands for anything but is never proof of the service: `\u0000` matches no glob.
    const parts = text.replace(/\$\{[^}]*\}/g, '\u0000').split(':');
    const svc = parts[2];
    if (parts[0] === 'arn' && svc !== undefined && !svc.includes('\u0000') && globMatch(svc, service, true)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- conditions

/** Condition keys that tie a statement to specific resources or accounts (wildcard-resource lowers to note). */
export const RESOURCE_SCOPING_KEYS: readonly string[] = [
  'aws:ResourceTag/*',
  'aws:ResourceAccount',
  'aws:ResourceOrgID',
  'aws:ResourceOrgPaths',
  '*:ResourceTag/*',
  's3:ResourceAccount',
];

/** Condition keys that narrow who may use a trust or resource policy statement. */
export const PRINCIPAL_NARROWING_KEYS: readonly string[] = [
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalServiceName',
  'aws:PrincipalTag/*',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceOwner',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceIp',
  'aws:userid',
  'aws:username',
  'aws:PrincipalIsAWSService',
  'sts:ExternalId',
  'sts:RoleSessionName',
  // Service keys AWS's own policy templates use to keep `"*"` to one account or one network path.
  'kms:CallerAccount',
  's3:DataAccessPointAccount',
  's3:DataAccessPointArn',
  'elasticfilesystem:AccessedViaMountTarget',
];

const NEGATED = /^(StringNot|ArnNot|NotIpAddress|NumericNotEquals|DateNotEquals)/i;

/**
 * Whether an operator restricts the request to the listed values: positive comparisons only; `Not…`
 * operators, `…IfExists` (absent keys pass), `ForAllValues:` (an empty set passes) and `Null` do not.
 */
export function isRestrictiveOperator(operator: string): boolean {
  let op = operator;
  if (/^ForAllValues:/i.test(op)) return false;
  op = op.replace(/^ForAnyValue:/i, '');
  if (/IfExists$/i.test(op)) return false;
  if (/^Null$/i.test(op)) return false;
  return !NEGATED.test(op);
}

/** Known values of a condition that do not restrict anything: `*` with a Like operator, `false` for Bool. */
function restrictsWithValues(c: Condition): boolean {
  const op = c.operator.replace(/^ForAnyValue:/i, '');
  const known = c.values.filter((v): v is KnownValue => v.state === 'known');
  if (c.values.length > 0 && known.length === c.values.length) {
    if (/Like$/i.test(op) && known.some((v) => v.value === '*')) return false;
    if (/^Bool$/i.test(op) && known.every((v) => String(v.value).toLowerCase() !== 'true')) return false;
  }
  return true;
}

export function conditionKeyMatches(key: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => globMatch(p, key, true));
}

/**
 * The conditions of the statement that restrict it by one of `keys` (glob patterns, case-insensitive)
 * with a restrictive operator. Unknown condition values still restrict: the key is there.
 */
export function scopingConditions(stmt: Statement, keys: readonly string[]): Condition[] {
  return stmt.conditions.filter((c) => conditionKeyMatches(c.key, keys) && isRestrictiveOperator(c.operator) && restrictsWithValues(c));
}

/**
 * An operator as it acts on a key every request for the action carries, with one value
 * (`iam:PassedToService` for `iam:PassRole`): `…IfExists`, `ForAnyValue:` and `ForAllValues:` then
 * compare that one value, as the plain operator does.
 */
export function operatorOnPresentKey(operator: string): string {
  return operator.replace(/^For(AnyValue|AllValues):/i, '').replace(/IfExists$/i, '');
}

/** Like scopingConditions, for keys every request for the action carries (see operatorOnPresentKey). */
export function scopingConditionsOnPresentKey(stmt: Statement, keys: readonly string[]): Condition[] {
  return stmt.conditions.filter((c) => conditionKeyMatches(c.key, keys) && isRestrictiveOperator(operatorOnPresentKey(c.operator)) && restrictsWithValues(c));
}

/** Scoped by one of `keys`, or carrying a condition block that cannot be read (which might scope it). */
export function isScopedBy(stmt: Statement, keys: readonly string[]): boolean {
  return stmt.conditionsUnknown || scopingConditions(stmt, keys).length > 0;
}

/** Condition keys that leave the grant in place for whoever meets them (network, MFA, time): no limit on what is granted. */
const NON_LIMITING_KEYS: readonly string[] = [
  'aws:MultiFactorAuthPresent',
  'aws:MultiFactorAuthAge',
  'aws:SourceIp',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:VpcSourceIp',
  'aws:RequestedRegion',
  'aws:SecureTransport',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:TokenIssueTime',
  'aws:ViaAWSService',
  'aws:CalledVia*',
  'aws:PrincipalType',
  'aws:PrincipalTag/*',
  'aws:userid',
  'aws:username',
  'aws:UserAgent',
  'aws:Referer',
];

/** Whether the statement has a condition that may limit what it grants (anything but network/MFA/time-style keys). */
export function hasLimitingCondition(stmt: Statement): boolean {
  return stmt.conditionsUnknown || limitingConditions(stmt).length > 0;
}

/** The conditions that may limit what the statement grants (see hasLimitingCondition). */
export function limitingConditions(stmt: Statement): Condition[] {
  return stmt.conditions.filter((c) => !conditionKeyMatches(c.key, NON_LIMITING_KEYS));
}

/** Known string values of the conditions on `key` (case-insensitive), e.g. `iam:PassedToService`. */
export function conditionValues(stmt: Statement, key: string): { condition: Condition; values: string[]; allKnown: boolean }[] {
  return stmt.conditions
    .filter((c) => c.key.toLowerCase() === key.toLowerCase())
    .map((c) => {
      const values = c.values.filter((v): v is KnownValue => v.state === 'known').map((v) => String(v.value));
      return { condition: c, values, allKnown: values.length === c.values.length };
    });
}

// ---------------------------------------------------------------- principals

export interface PrincipalElement {
  /** `*` (the whole Principal), `AWS`, `Service`, `Federated`, `CanonicalUser`. */
  readonly type: string;
  readonly value: string;
  readonly node: Node;
  readonly via?: ValueOrigin;
}

/** Known principal strings of a Principal/NotPrincipal field; `Principal: "*"` gives type `*`. */
export function principalElements(field: PrincipalField | undefined): PrincipalElement[] {
  if (!field) return [];
  const out: PrincipalElement[] = [];
  if (field.wildcard?.state === 'known' && typeof field.wildcard.value === 'string') {
    out.push({ type: '*', value: field.wildcard.value, node: field.wildcard.node, via: field.wildcard.via });
  }
  for (const e of field.entries) {
    for (const v of e.values) if (v.state === 'known' && typeof v.value === 'string') out.push({ type: e.type, value: v.value, node: v.node, via: v.via });
  }
  return out;
}

/** `Principal: "*"` or `{"AWS": "*"}` (or an AWS list containing `*`): anyone. */
export function wildcardPrincipals(stmt: Statement): PrincipalElement[] {
  return principalElements(stmt.principal).filter((p) => p.value === '*' && (p.type === '*' || p.type.toUpperCase() === 'AWS'));
}

/** A whole account as principal: `123456789012` or `arn:aws:iam::123456789012:root`; returns the account id. */
export function wholeAccountPrincipal(p: PrincipalElement): string | undefined {
  if (p.type.toUpperCase() !== 'AWS') return undefined;
  if (/^\d{12}$/.test(p.value)) return p.value;
  const m = /^arn:[a-z-]+:iam::(\d{12}):root$/.exec(p.value);
  return m?.[1];
}

// ---------------------------------------------------------------- identities

export function identitiesOf(model: Model): Identity[] {
  return [...model.roles, ...model.users, ...model.groups];
}

/** Every policy document that grants the identity permissions (inline and attached), each once. */
export function policiesOfIdentity(identity: Identity, model?: Model): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  const seen = new Set<PolicyDocument>();
  const add = (d: PolicyDocument) => {
    if (!seen.has(d)) {
      seen.add(d);
      out.push(d);
    }
  };
  identity.inlinePolicies.forEach(add);
  identity.attachedPolicies.forEach(add);
  if (model) for (const d of model.policies) if (d.attachedTo.includes(identity)) add(d);
  return out;
}

/** Words for an identity in messages: "role AppRole". */
export function describeIdentity(identity: Identity): string {
  const name = identity.name.find((v) => v.state === 'known' && typeof v.value === 'string');
  return `${identity.kind} ${identity.resource.id}${name && name.state === 'known' && name.value !== identity.resource.id ? ` (${String(name.value)})` : ''}`;
}

// ---------------------------------------------------------------- messages

/** "statement 2 (Sid \"AllowAll\") of inline policy S3Access of role AppRole" */
export function describeStatement(stmt: Statement): string {
  const sid = stmt.sid.find((v) => v.state === 'known' && typeof v.value === 'string' && v.value !== '');
  const sidText = sid && sid.state === 'known' ? ` (Sid "${String(sid.value)}")` : '';
  return `statement ${stmt.index + 1}${sidText} of ${stmt.doc.label}`;
}

/** " (when condition C is true)" for a statement or element inside an `Fn::If` branch, or "". */
export function describeVia(via: ValueOrigin | undefined): string {
  const parts: string[] = [];
  if (via?.parameter) parts.push(`from the default of parameter ${via.parameter}`);
  if (via?.condition) parts.push(`when condition ${via.condition.name} is ${via.condition.branch}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** "a, b, c and 4 more" */
export function listForMessage(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Every statement of every document in the model, with its document. */
export function allStatements(model: Model): Statement[] {
  return model.policies.flatMap((doc) => doc.statements);
}

// ---------------------------------------------------------------- administrator access

/**
 * An identity-policy statement that allows every action on every resource (a full wildcard or an
 * empty NotAction, on an effectively-`*` Resource): administrator access, whatever its conditions.
 * admin-access reports it; the other wildcard rules leave it alone (one problem, one finding).
 */
const adminOnce = memo<Statement, boolean>('admin statement');

export function isAdminStatement(stmt: Statement, iam: IamCatalog): boolean {
  return adminOnce(stmt, (s) => isIdentityPolicy(s.doc) && isAllow(s) && appliesToAllResources(s) && grantsEveryAction(s, iam));
}
