import type { ErrorObject, ValidateFunction } from 'ajv';
import type { PolicyDocument, Statement } from '../model/model.js';
import type { Node } from '../model/node.js';
import { editDistance } from './edit-distance.js';
import { validateDocument, validateStatement } from './policy-validators.generated.js';

/** One structural problem, at the most specific node. */
export interface GrammarIssue {
  node: Node;
  message: string;
}

/** A node whose value the input does not state literally (an intrinsic, an unknown): its shape is not judged. */
export type OpaquePredicate = (node: Node) => boolean;

// Precompiled from policy-schema.ts (see validators-source.ts): no schema compilation at run time.
const validators = {
  doc: validateDocument as unknown as ValidateFunction,
  statement: validateStatement as unknown as ValidateFunction,
};

function compiled(): { doc: ValidateFunction; statement: ValidateFunction } {
  return validators;
}

const DOC_ELEMENTS = ['Version', 'Id', 'Statement'];
const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** The document level: `Version`, `Id`, `Statement` and nothing else; `Statement` an object or a list of objects. */
export function checkDocumentShape(doc: PolicyDocument, opaque: OpaquePredicate): GrammarIssue[] {
  const validate = compiled().doc;
  if (validate(doc.node.value)) return [];
  return toIssues(validate.errors ?? [], doc.node, opaque, 'document');
}

/** One statement: element names, and the shape of each element. */
export function checkStatementShape(stmt: Statement, opaque: OpaquePredicate): GrammarIssue[] {
  const validate = compiled().statement;
  if (validate(stmt.node.value)) return [];
  return toIssues(validate.errors ?? [], stmt.node, opaque, 'statement');
}

function toIssues(errors: ErrorObject[], root: Node, opaque: OpaquePredicate, level: 'document' | 'statement'): GrammarIssue[] {
  const out: GrammarIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const path = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map(unescapePointer);
    const walked = walk(root, path, opaque);
    if (!walked) continue;
    const issue = describe(e, walked, path, level);
    if (!issue) continue;
    const key = `${issue.node.path.join('\u0000')}\u0001${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The node at `path`, or undefined when the path passes through an opaque node. */
function walk(root: Node, path: string[], opaque: OpaquePredicate): Node | undefined {
  let n: Node | undefined = root;
  if (opaque(n)) return undefined;
  for (const seg of path) {
    n = n.isArray ? n.get(Number(seg)) : n.get(seg);
    if (!n || opaque(n)) return undefined;
  }
  return n;
}

function describe(e: ErrorObject, node: Node, path: string[], level: 'document' | 'statement'): GrammarIssue | undefined {
  const where = elementName(path, level);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const child = node.get(key) ?? node;
      const allowed = where === 'Principal' || where === 'NotPrincipal' ? PRINCIPAL_TYPES : path.length === 0 ? (level === 'document' ? DOC_ELEMENTS : STATEMENT_ELEMENTS) : undefined;
      if (!allowed) return undefined;
      const what = allowed === PRINCIPAL_TYPES ? 'principal type' : level === 'document' ? 'policy element' : 'statement element';
      const hint = closest(key, allowed);
      return {
        node: child,
        message: `"${key}" is not a ${what}${hint ? `: write "${hint}" (element names are case-sensitive)` : ` (expected one of ${allowed.join(', ')})`}`,
      };
    }
    case 'type':
      return { node, message: `${where} must be ${expectedShape(path, level)}` };
    case 'pattern':
      return { node, message: `${where} written as a string must be "*"; name principals in an object such as {"AWS": "arn:aws:iam::111122223333:root"}` };
    case 'minProperties':
      return { node, message: `${where} is empty: name at least one principal` };
    case 'required':
      return { node, message: 'the policy has no "Statement"' };
    default:
      return { node, message: `${where} ${e.message ?? 'is malformed'}` };
  }
}

/** The element an instance path points into, for messages: `Action`, `Condition operator StringEquals`, … */
function elementName(path: string[], level: 'document' | 'statement'): string {
  if (path.length === 0) return level === 'document' ? 'the policy document' : 'the statement';
  const first = path[0]!;
  if (level === 'document') return first === 'Statement' && path.length > 1 ? `statement ${Number(path[1]) + 1}` : `"${first}"`;
  if (first === 'Condition') {
    if (path.length === 1) return '"Condition"';
    if (path.length === 2) return `condition operator "${path[1]}"`;
    return `the value of condition key "${path[2]}"`;
  }
  if (first === 'Principal' || first === 'NotPrincipal') return path.length === 1 ? first : `"${first}.${path[1]}"`;
  return `"${first}"`;
}

function expectedShape(path: string[], level: 'document' | 'statement'): string {
  const first = path[0];
  if (level === 'document') {
    if (path.length === 0) return 'an object';
    if (first === 'Statement') return path.length === 1 ? 'a statement object or a list of statement objects' : 'an object';
    return 'a string';
  }
  if (path.length === 0) return 'an object';
  switch (first) {
    case 'Sid':
    case 'Effect':
      return 'a string';
    case 'Principal':
    case 'NotPrincipal':
      return path.length === 1 ? '"*" or an object such as {"AWS": [...]}' : 'a string or a list of strings';
    case 'Condition':
      if (path.length === 1) return 'an object of condition operators';
      if (path.length === 2) return 'an object of condition keys';
      return 'a string, number or boolean, or a list of them';
    default:
      return 'a string or a list of strings';
  }
}

/**
 * Whether the object has a key that is not an element of its level but is `element` misspelt or
 * miscased (`action`, `Actions` for `Action`): its shape finding already covers a missing element.
 */
export function hasMisspeltElement(node: Node, element: string, level: 'document' | 'statement' = 'statement'): boolean {
  const valid = level === 'document' ? DOC_ELEMENTS : STATEMENT_ELEMENTS;
  return node.entries().some(([k]) => !valid.includes(k) && closest(k, valid) === element);
}

function closest(word: string, options: readonly string[]): string | undefined {
  let best: { o: string; d: number } | undefined;
  for (const o of options) {
    const d = editDistance(word, o, 2);
    if (d <= 2 && (!best || d < best.d)) best = { o, d };
  }
  return best?.o;
}

// ---------------------------------------------------------------- condition operators

const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
];

/** Every operator IAM accepts: the base ones, each with `IfExists` and a set prefix, plus `Null`. */
const ALL_OPERATORS: readonly string[] = (() => {
  const out = ['Null'];
  for (const base of BASE_OPERATORS) {
    for (const prefix of ['', 'ForAllValues:', 'ForAnyValue:']) {
      out.push(prefix + base, prefix + base + 'IfExists');
    }
  }
  return out;
})();
const OPERATOR_SET = new Set(ALL_OPERATORS.map((o) => o.toLowerCase()));

export function isConditionOperator(op: string): boolean {
  return OPERATOR_SET.has(op.toLowerCase());
}

/** The nearest real operator for a typo (`StringEqual` → `StringEquals`). */
export function suggestConditionOperator(op: string): string | undefined {
  let best: { o: string; d: number } | undefined;
  for (const o of ALL_OPERATORS) {
    const d = editDistance(op, o, 4);
    if (d <= 4 && (!best || d < best.d)) best = { o, d };
  }
  return best?.o;
}
