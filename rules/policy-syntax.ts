import type { Node, PolicyDocument, Report, Statement } from '../src/rule-api.js';
import {
  awsPrincipalProblem,
  checkDocumentShape,
  checkStatementShape,
  defineRule,
  describeStatement,
  describeVia,
  elementsOf,
  hasMisspeltElement,
  isConditionOperator,
  principalElements,
  resourceArnProblem,
  templateArnProblem,
  suggestConditionOperator,
  usesJsonGrammar,
} from '../src/rule-api.js';

const VERSIONS = ['2012-10-17', '2008-10-17'];

type Emit = (r: Omit<Report, 'resource'>) => void;

function checkVersion(doc: PolicyDocument, emit: Emit): void {
  const first = doc.version[0];
  if (doc.version.length === 1 && first?.state === 'absent') {
    emit({
      node: doc.node,
      severity: 'warning',
      key: 'Version',
      message: `${doc.label} has no Version, so IAM reads it as version 2008-10-17, where policy variables such as \${aws:username} are not replaced: add "Version": "2012-10-17".`,
    });
    return;
  }
  for (const v of doc.version) {
    if (v.state === 'known' && typeof v.value === 'string' && !VERSIONS.includes(v.value)) {
      emit({ node: v.node, key: 'Version', message: `${doc.label} has Version "${v.value}"${describeVia(v.via)}, which IAM rejects: use "2012-10-17".` });
    }
  }
}

/** A misspelt key (`action`, `Actions`): the shape check already reports it, so "missing" would say it twice. */
function hasMiscased(stmt: Statement, name: string): boolean {
  return hasMisspeltElement(stmt.node, name);
}

function checkEffect(stmt: Statement, json: boolean, emit: Emit): void {
  const where = describeStatement(stmt);
  if (json && stmt.effect.length === 1 && stmt.effect[0]?.state === 'absent') {
    if (hasMiscased(stmt, 'Effect')) return;
    emit({ node: stmt.node, key: `effect-${stmt.index}`, message: `${where} has no Effect: add "Effect": "Allow" or "Effect": "Deny".` });
    return;
  }
  for (const v of stmt.effect) {
    if (v.state === 'known' && typeof v.value === 'string' && v.value !== 'Allow' && v.value !== 'Deny') {
      const hint = ['allow', 'deny'].includes(v.value.toLowerCase()) ? ` (Effect is case-sensitive: write "${v.value[0]!.toUpperCase()}${v.value.slice(1).toLowerCase()}")` : '';
      emit({ node: v.node, key: `effect-${stmt.index}`, message: `${where} has Effect "${v.value}"${describeVia(v.via)}, which is neither "Allow" nor "Deny"${hint}: IAM rejects the policy.` });
    }
  }
}

function checkActions(stmt: Statement, json: boolean, emit: Emit): void {
  const where = describeStatement(stmt);
  if (stmt.action && stmt.notAction) {
    emit({ node: stmt.notAction.node, key: `actions-${stmt.index}`, message: `${where} has both Action and NotAction, which IAM rejects: keep one of them.` });
  } else if (json && !stmt.action && !stmt.notAction && !hasMiscased(stmt, 'Action') && !hasMiscased(stmt, 'NotAction')) {
    emit({ node: stmt.node, key: `actions-${stmt.index}`, message: `${where} has neither Action nor NotAction, which IAM rejects: list the actions in Action.` });
  }
}

function checkResources(stmt: Statement, kind: PolicyDocument['kind'], json: boolean, emit: Emit): void {
  const where = describeStatement(stmt);
  if (stmt.resource && stmt.notResource) {
    emit({ node: stmt.notResource.node, key: `resources-${stmt.index}`, message: `${where} has both Resource and NotResource, which IAM rejects: keep one of them.` });
  }
  if (kind === 'trust') {
    const extra = stmt.resource ?? stmt.notResource;
    if (extra && json) {
      emit({ node: extra.node, key: `resources-${stmt.index}`, message: `${where} is in a trust policy, where Resource is not allowed (the role is the resource): remove it.` });
    }
  } else if (kind === 'identity' && json && !stmt.resource && !stmt.notResource && !hasMiscased(stmt, 'Resource') && !hasMiscased(stmt, 'NotResource')) {
    // Resource policies may leave it out (ECR repositories, Lambda permissions): the resource is implied.
    emit({ node: stmt.node, key: `resources-${stmt.index}`, message: `${where} has no Resource, which IAM rejects in identity policies: add "Resource" with the ARNs it applies to.` });
  }
  for (const field of [stmt.resource, stmt.notResource]) {
    for (const el of elementsOf(field)) {
      const problem = resourceArnProblem(el.value);
      if (problem) emit({ node: el.node, key: `arn:${el.value}`, message: `Resource "${el.value}"${describeVia(el.via)} in ${where} ${problem}: fix the ARN.` });
    }
    for (const v of field?.values ?? []) {
      // `arn:aws:s3:::${Bucket}/*`: check the literal frame; placeholders may hold anything.
      if (v.state !== 'unknown' || !v.partial) continue;
      const problem = templateArnProblem(v.partial);
      if (problem) emit({ node: v.node, key: `arn:${v.partial}`, message: `Resource "${v.partial}"${describeVia(v.via)} in ${where} ${problem}: fix the ARN.` });
    }
  }
}

function checkPrincipals(stmt: Statement, kind: PolicyDocument['kind'], emit: Emit): void {
  const where = describeStatement(stmt);
  const field = stmt.principal ?? stmt.notPrincipal;
  if (kind === 'identity' && field) {
    const name = stmt.principal ? 'Principal' : 'NotPrincipal';
    emit({ node: field.node, key: `principal-${stmt.index}`, message: `${where} names a ${name}, which identity policies cannot have (they apply to whoever they are attached to): remove it, or use the document as a trust or resource policy.` });
  } else if ((kind === 'trust' || kind === 'resource') && !field) {
    emit({ node: stmt.node, key: `principal-${stmt.index}`, message: `${where} has no Principal, which ${kind} policies need: name who the statement applies to.` });
  }
  for (const p of [...principalElements(stmt.principal), ...principalElements(stmt.notPrincipal)]) {
    if (p.type === '*') continue;
    if (p.type.toUpperCase() === 'AWS') {
      const problem = awsPrincipalProblem(p.value);
      if (problem) emit({ node: p.node, key: `principal:${p.value}`, message: `Principal "${p.value}"${describeVia(p.via)} in ${where} ${problem}.` });
    } else if (p.value === '*') {
      emit({ node: p.node, key: `principal:${p.type}`, message: `Principal {"${p.type}": "*"} in ${where} is not valid: only "*" or {"AWS": "*"} mean everyone; name the ${p.type} principal.` });
    }
  }
}

function checkConditions(stmt: Statement, emit: Emit): void {
  const block = stmt.conditionNode;
  if (!block?.isObject || block.intrinsic()) return;
  for (const [operator, node] of block.entries()) {
    if (isConditionOperator(operator)) continue;
    const hint = suggestConditionOperator(operator);
    emit({
      node,
      key: `operator:${operator}`,
      message: `${describeStatement(stmt)} uses the unknown condition operator "${operator}", which IAM rejects: ${hint ? `did you mean "${hint}"?` : 'use an operator such as StringEquals, ArnLike or Bool.'}`,
    });
  }
}

function checkSids(doc: PolicyDocument, kind: PolicyDocument['kind'], json: boolean, emit: Emit): void {
  const first = new Map<string, Node>();
  for (const stmt of doc.statements) {
    for (const v of stmt.sid) {
      if (v.state !== 'known' || typeof v.value !== 'string') continue;
      const earlier = first.get(v.value);
      if (earlier) {
        emit({
          node: v.node,
          key: `sid:${v.value}`,
          related: [{ node: earlier, message: `Sid "${v.value}" first used here` }],
          message: `${describeStatement(stmt)} repeats the Sid "${v.value}" of an earlier statement: Sids must be unique within a policy; rename one.`,
        });
      } else first.set(v.value, v.node);
      if (json && (kind === 'identity' || kind === 'trust') && !/^[A-Za-z0-9]*$/.test(v.value)) {
        emit({ node: v.node, key: `sid-chars:${v.value}`, message: `${describeStatement(stmt)} has a Sid with characters other than letters and digits, which IAM rejects in ${kind} policies: use only A-Z, a-z and 0-9.` });
      }
    }
  }
}

export default defineRule({
  id: 'policy-syntax',
  title: 'Policy document is malformed',
  description: 'A policy document that IAM would reject, or that means something other than it looks: shape, Effect, Action/NotAction, Resource, Principal placement, Version, duplicate Sids, condition operators, ARNs.',
  docs: {
    why: [
      'A malformed policy either fails at deploy time, late and far from the mistake, or is accepted and means',
      'something else: without `Version` IAM uses the 2008 grammar, where `${aws:username}` is a literal string;',
      'a misspelled element is rejected. The rule validates each document against a JSON Schema of the IAM',
      'policy grammar (element names are case-sensitive) and checks what a schema cannot: `Effect` is `Allow` or',
      '`Deny`; exactly one of `Action`/`NotAction`; `Resource` present in identity and resource policies and',
      'absent in trust policies; `Principal` only in trust and resource policies; a known `Version`; unique Sids',
      '(alphanumeric in IAM policies); known condition operators (with `ForAllValues:`/`ForAnyValue:` and',
      '`IfExists`); and well-formed ARNs. Values that are not literal (intrinsics, interpolations) are not judged.',
    ].join(' '),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: `PolicyDocument:
  Statement:
    - Effect: allow
      Action: s3:GetObject
      Resource: my-bucket/*
      Condition:
        StringEqual: {aws:PrincipalOrgID: o-a1b2c3d4e5}`,
        good: `PolicyDocument:
  Version: "2012-10-17"
  Statement:
    - Effect: Allow
      Action: s3:GetObject
      Resource: arn:aws:s3:::my-bucket/*
      Condition:
        StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}`,
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: `{"resource": {"aws_iam_policy": {"p": {
  "policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Actions\\":[\\"s3:GetObject\\"],\\"Resource\\":\\"*\\"}]}"
}}}}`,
        good: `{"resource": {"aws_iam_policy": {"p": {
  "policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":[\\"s3:GetObject\\"],\\"Resource\\":\\"*\\"}]}"
}}}}`,
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: `{"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"},
  {"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "NotAction": "s3:PutObject", "Resource": "arn:aws:s3:::a"}
]}`,
        good: `{"Version": "2012-10-17", "Statement": [
  {"Sid": "ReadObjects", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"},
  {"Sid": "ListBucket", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::a"}
]}`,
      },
    ],
    fix: 'Follow the message: it names the element and the expected form. The IAM policy grammar reference lists every element.',
    references: [
      { title: 'Grammar of the IAM JSON policy language', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html' },
      { title: 'IAM JSON policy elements: Version', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html' },
      { title: 'IAM JSON policy elements: condition operators', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html' },
      { title: 'IAM identifiers: ARNs', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns' },
      { title: 'Peers: cfn-lint E3510/E3512/E3530, Parliament MALFORMED / INVALID_ARN, Access Analyzer ValidatePolicy', url: 'https://github.com/aws-cloudformation/cfn-lint' },
    ],
  },
  severity: 'error',
  securitySeverity: 5.0,
  precision: 'very-high',
  tags: ['security', 'iam', 'correctness', 'external/cwe/cwe-710'],
  cwe: [710],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check({ model, report }) {
    const opaque = (n: Node) => n.intrinsic() !== undefined || model.resolve(n).some((v) => v.state === 'unknown');
    for (const doc of model.policies) {
      if (doc.unreadable) continue;
      const emit: Emit = (r) => report({ ...r, resource: doc.owner });
      const json = usesJsonGrammar(doc);
      if (json) {
        for (const issue of checkDocumentShape(doc, opaque)) emit({ node: issue.node, key: `shape:${issue.node.pointer()}`, message: `${doc.label}: ${issue.message}.` });
      }
      if (json) checkVersion(doc, emit);
      checkSids(doc, doc.kind, json, emit);
      for (const stmt of doc.statements) {
        if (json) {
          for (const issue of checkStatementShape(stmt, opaque)) {
            emit({ node: issue.node, key: `shape:${issue.node.pointer()}`, message: `${describeStatement(stmt)}: ${issue.message}.` });
          }
        }
        checkEffect(stmt, json, emit);
        checkActions(stmt, json, emit);
        checkResources(stmt, doc.kind, json, emit);
        checkPrincipals(stmt, doc.kind, emit);
        checkConditions(stmt, emit);
      }
    }
  },
});
