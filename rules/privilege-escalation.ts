import type { IamCatalog, Identity, Node, PolicyDocument, RelatedNode, Statement } from '../src/rule-api.js';
import {
  appliesToAllResources,
  conditionValues,
  defineRule,
  describeIdentity,
  describeStatement,
  elementCoveringAllOfType,
  globMatch,
  grantingElements,
  hasWildcard,
  identitiesOf,
  isAdminStatement,
  isAllow,
  isDeny,
  isIdentityPolicy,
  limitingConditions,
  listForMessage,
  operatorOnPresentKey,
  placeKey,
  policiesOfIdentity,
  resourceCovers,
  resourcesMayInclude,
  statementActions,
} from '../src/rule-api.js';

type IamResourceType = 'user' | 'role' | 'group' | 'policy';

interface Step {
  action: string;
  /** The step needs the action on every resource of this IAM type (someone else's user, any role…). */
  on?: IamResourceType;
  /** For iam:PassRole: the service the role is passed to (an iam:PassedToService condition must allow it). */
  passedTo?: string;
}

interface EscalationPath {
  id: string;
  steps: Step[];
  how: string;
}

/**
 * Known escalation paths (Rhino Security Labs' list and its successors). Each step must be granted
 * by an Allow statement that no limiting condition narrows; IAM steps must cover every resource of
 * their type. PassRole paths list the service action first, so the finding sits there and
 * passrole-wildcard keeps the PassRole element.
 */
const PATHS: EscalationPath[] = [
  { id: 'create-policy-version', steps: [{ action: 'iam:CreatePolicyVersion', on: 'policy' }], how: 'write a new default version of a managed policy attached to itself, with any permissions' },
  { id: 'set-default-policy-version', steps: [{ action: 'iam:SetDefaultPolicyVersion', on: 'policy' }], how: 'switch a managed policy to an older, more permissive version' },
  { id: 'attach-user-policy', steps: [{ action: 'iam:AttachUserPolicy', on: 'user' }], how: 'attach AdministratorAccess to itself or any user' },
  { id: 'attach-group-policy', steps: [{ action: 'iam:AttachGroupPolicy', on: 'group' }], how: 'attach AdministratorAccess to a group it belongs to' },
  { id: 'attach-role-policy', steps: [{ action: 'iam:AttachRolePolicy', on: 'role' }], how: 'attach AdministratorAccess to a role it uses' },
  { id: 'put-user-policy', steps: [{ action: 'iam:PutUserPolicy', on: 'user' }], how: 'write an inline policy granting anything to a user' },
  { id: 'put-group-policy', steps: [{ action: 'iam:PutGroupPolicy', on: 'group' }], how: 'write an inline policy granting anything to a group' },
  { id: 'put-role-policy', steps: [{ action: 'iam:PutRolePolicy', on: 'role' }], how: 'write an inline policy granting anything to a role' },
  { id: 'update-assume-role-policy', steps: [{ action: 'iam:UpdateAssumeRolePolicy', on: 'role' }], how: "rewrite any role's trust policy so that it (or an outside account) can assume the role" },
  { id: 'create-access-key', steps: [{ action: 'iam:CreateAccessKey', on: 'user' }], how: 'create access keys for other users, administrators included, and act as them' },
  { id: 'create-login-profile', steps: [{ action: 'iam:CreateLoginProfile', on: 'user' }], how: 'give any user without one a console password and sign in as them' },
  { id: 'update-login-profile', steps: [{ action: 'iam:UpdateLoginProfile', on: 'user' }], how: "change another user's console password and sign in as them" },
  { id: 'add-user-to-group', steps: [{ action: 'iam:AddUserToGroup', on: 'group' }], how: 'add itself to an administrators group' },
  {
    id: 'passrole-ec2',
    steps: [{ action: 'ec2:RunInstances' }, { action: 'iam:PassRole', on: 'role', passedTo: 'ec2.amazonaws.com' }],
    how: 'launch an instance with any instance profile and take the role credentials from the instance metadata',
  },
  {
    id: 'passrole-lambda',
    steps: [{ action: 'lambda:CreateFunction' }, { action: 'lambda:InvokeFunction' }, { action: 'iam:PassRole', on: 'role', passedTo: 'lambda.amazonaws.com' }],
    how: 'create a function that runs with any role and invoke it',
  },
  {
    id: 'passrole-lambda-event-source',
    steps: [{ action: 'lambda:CreateFunction' }, { action: 'lambda:CreateEventSourceMapping' }, { action: 'iam:PassRole', on: 'role', passedTo: 'lambda.amazonaws.com' }],
    how: 'create a function that runs with any role and have an event source trigger it',
  },
  {
    id: 'passrole-cloudformation',
    steps: [{ action: 'cloudformation:CreateStack' }, { action: 'iam:PassRole', on: 'role', passedTo: 'cloudformation.amazonaws.com' }],
    how: 'create a stack that runs with any role and creates whatever that role may',
  },
  {
    id: 'passrole-glue',
    steps: [{ action: 'glue:CreateDevEndpoint' }, { action: 'iam:PassRole', on: 'role', passedTo: 'glue.amazonaws.com' }],
    how: 'create a Glue development endpoint with any role and log in to it',
  },
  { id: 'update-glue-dev-endpoint', steps: [{ action: 'glue:UpdateDevEndpoint' }], how: "add its SSH key to an existing Glue development endpoint and use the endpoint's role" },
  {
    id: 'passrole-codebuild',
    steps: [{ action: 'codebuild:CreateProject' }, { action: 'codebuild:StartBuild' }, { action: 'iam:PassRole', on: 'role', passedTo: 'codebuild.amazonaws.com' }],
    how: 'run a build with any role',
  },
  {
    id: 'passrole-sagemaker',
    steps: [
      { action: 'sagemaker:CreateNotebookInstance' },
      { action: 'sagemaker:CreatePresignedNotebookInstanceUrl' },
      { action: 'iam:PassRole', on: 'role', passedTo: 'sagemaker.amazonaws.com' },
    ],
    how: 'open a notebook that runs with any role',
  },
];

const PROBE = (type: IamResourceType) => `arn:aws:iam::111122223333:${type}/zz9-someone-else`;

interface Evidence {
  step: Step;
  stmt: Statement;
  node: Node;
}

/** Whether the statement's conditions let the role go to `service`, and nothing else limits it. */
function passAllowed(stmt: Statement, service: string): boolean {
  if (stmt.conditionsUnknown) return false;
  if (limitingConditions(stmt).some((c) => c.key.toLowerCase() !== 'iam:passedtoservice')) return false;
  for (const { condition, values, allKnown } of conditionValues(stmt, 'iam:PassedToService')) {
    if (!allKnown) return false;
    const op = operatorOnPresentKey(condition.operator);
    if (/^Null$/i.test(op)) continue;
    const hit = values.some((v) => globMatch(v, service, true));
    if (/Not/i.test(op) ? hit : !hit) return false;
  }
  return true;
}

function stepResource(stmt: Statement, step: Step, iam: IamCatalog): boolean {
  if (!step.on) return resourcesMayInclude(stmt, step.action, iam);
  if (stmt.resource) return elementCoveringAllOfType(stmt, 'iam', step.on) !== undefined;
  return resourceCovers(stmt, PROBE(step.on)) !== undefined;
}

/** An unconditional Deny of the step's action on everything it needs. */
function denied(step: Step, docs: readonly PolicyDocument[], iam: IamCatalog): boolean {
  return docs.some((d) =>
    d.statements.some(
      (s) =>
        isDeny(s) &&
        s.conditions.length === 0 &&
        !s.conditionsUnknown &&
        grantingElements(s, step.action, iam).length > 0 &&
        (appliesToAllResources(s) || (step.on !== undefined && elementCoveringAllOfType(s, 'iam', step.on) !== undefined)),
    ),
  );
}

function prove(step: Step, docs: readonly PolicyDocument[], iam: IamCatalog): Evidence | undefined {
  if (denied(step, docs, iam)) return undefined;
  for (const doc of docs) {
    for (const stmt of doc.statements) {
      if (!isAllow(stmt) || isAdminStatement(stmt, iam)) continue;
      const el = grantingElements(stmt, step.action, iam)[0];
      if (!el || !stepResource(stmt, step, iam)) continue;
      if (step.passedTo ? !passAllowed(stmt, step.passedTo) : limitingConditions(stmt).length > 0 || stmt.conditionsUnknown) continue;
      return { step, stmt, node: el.node };
    }
  }
  return undefined;
}

interface Proven {
  path: EscalationPath;
  evidence: Evidence[];
}

/** Services whose actions start or make up a path, lower-cased. */
const STEP_SERVICES: ReadonlySet<string> = new Set(PATHS.flatMap((p) => p.steps.map((s) => s.action.slice(0, s.action.indexOf(':')).toLowerCase())));

/**
 * Whether any Allow statement could grant an action of those services: a NotAction, or an Action
 * pattern whose service part is one of them or a wildcard. Most policies name none, and are skipped
 * without trying every path's steps against every statement.
 */
function mayGrantAStep(docs: readonly PolicyDocument[]): boolean {
  return docs.some((d) =>
    d.statements.some((stmt) => {
      if (!isAllow(stmt)) return false;
      const a = statementActions(stmt);
      if (a.mode === 'not-action') return true;
      return a.patterns.some((p) => {
        const colon = p.value.indexOf(':');
        const service = colon < 0 ? p.value : p.value.slice(0, colon);
        return colon < 0 || hasWildcard(service) || STEP_SERVICES.has(service.toLowerCase());
      });
    }),
  );
}

function provenPaths(docs: readonly PolicyDocument[], iam: IamCatalog): Proven[] {
  const out: Proven[] = [];
  if (!mayGrantAStep(docs)) return out;
  for (const path of PATHS) {
    const evidence: Evidence[] = [];
    for (const step of path.steps) {
      const e = prove(step, docs, iam);
      if (!e) break;
      evidence.push(e);
    }
    if (evidence.length === path.steps.length) out.push({ path, evidence });
  }
  return out;
}

const actionsOf = (p: EscalationPath) => p.steps.map((s) => s.action).join(' + ');

export default defineRule({
  id: 'privilege-escalation',
  title: 'Policy grants a privilege-escalation path',
  description: 'A policy (or all policies of one identity together) grants a known way to gain more permissions: IAM policy writes, credentials for other users, or iam:PassRole with a service that runs the role.',
  docs: {
    why: [
      'Some permissions are as good as administrator access because they let their holder grant itself more:',
      'writing or attaching policies (`iam:PutRolePolicy`, `iam:AttachUserPolicy`, `iam:CreatePolicyVersion`,',
      '`iam:SetDefaultPolicyVersion`), rewriting trust policies (`iam:UpdateAssumeRolePolicy`), taking over other',
      'users (`iam:CreateAccessKey`, `iam:CreateLoginProfile`, `iam:UpdateLoginProfile`, `iam:AddUserToGroup`), or',
      'passing any role to a service that then runs with it (`iam:PassRole` with `ec2:RunInstances`,',
      '`lambda:CreateFunction` + `lambda:InvokeFunction`, `cloudformation:CreateStack`, `glue:CreateDevEndpoint`,',
      'CodeBuild and SageMaker). The rule checks each document, and all policies of one role, user or group',
      'together when the input links them. A step counts only when an Allow statement grants it on every',
      'resource of its type without a limiting condition; Deny statements that block a step break the path.',
    ].join(' '),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: `Policies:
  - PolicyName: self-service
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action: [iam:CreateAccessKey, iam:UpdateLoginProfile]
          Resource: "*"`,
        good: `Policies:
  - PolicyName: self-service
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action: [iam:CreateAccessKey, iam:UpdateLoginProfile]
          Resource: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:user/\${!aws:username}"`,
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: `{"data": {"aws_iam_policy_document": {"ci": {"statement": [
  {"actions": ["lambda:CreateFunction", "lambda:InvokeFunction"], "resources": ["*"]},
  {"actions": ["iam:PassRole"], "resources": ["*"]}
]}}}}`,
        good: `{"data": {"aws_iam_policy_document": {"ci": {"statement": [
  {"actions": ["lambda:CreateFunction", "lambda:InvokeFunction"], "resources": ["*"]},
  {"actions": ["iam:PassRole"], "resources": ["\${aws_iam_role.function.arn}"],
   "condition": [{"test": "StringEquals", "variable": "iam:PassedToService", "values": ["lambda.amazonaws.com"]}]}
]}}}}`,
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["iam:AttachRolePolicy", "iam:PutRolePolicy"], "Resource": "arn:aws:iam::111122223333:role/*"}
]}`,
        good: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["iam:AttachRolePolicy"], "Resource": "arn:aws:iam::111122223333:role/app-*",
   "Condition": {"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::111122223333:policy/app-boundary"}}}
]}`,
      },
    ],
    fix: 'Remove the permissions, or limit them to specific resources (`user/${aws:username}` for self-service, the ARNs of the roles that may be passed) and add conditions such as `iam:PassedToService`, `iam:PolicyARN` or `iam:PermissionsBoundary`.',
    references: [
      { title: 'Rhino Security Labs: AWS IAM privilege escalation methods', url: 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/' },
      { title: 'Granting a user permissions to pass a role to an AWS service', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html' },
      { title: 'Permissions boundaries for IAM entities', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html' },
      { title: 'Peers: checkov CKV_AWS_110/286 (Cloudsplaining), KICS *_with_privilege_escalation_by_actions_*, PMapper', url: 'https://github.com/salesforce/cloudsplaining' },
    ],
  },
  severity: 'error',
  securitySeverity: 8.8,
  precision: 'high',
  tags: ['security', 'iam', 'privilege-escalation', 'external/cwe/cwe-269'],
  cwe: [269],
  optionsSchema: {
    type: 'object',
    properties: {
      ignorePaths: {
        type: 'array',
        items: { type: 'string', enum: PATHS.map((p) => p.id) },
        uniqueItems: true,
        description: 'Escalation paths not to report, by id (`create-access-key`, `passrole-ec2`, …).',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { ignorePaths: [] as string[] },
  frontEnds: ['cli', 'eslint'],
  check({ model, iam, options, report }) {
    const ignored = new Set(options.ignorePaths);
    const keep = (p: Proven) => !ignored.has(p.path.id);

    const emit = (proven: Proven[], subject: (primary: Evidence) => string, resource: Identity['resource'] | undefined) => {
      const groups = new Map<string, Proven[]>();
      for (const p of proven) {
        // One finding per statement that starts paths: `iam:*` is one problem, not twelve.
        const k = placeKey(p.evidence[0]!.stmt.node);
        groups.set(k, [...(groups.get(k) ?? []), p]);
      }
      for (const group of groups.values()) {
        const primary = group[0]!.evidence[0]!;
        const related: RelatedNode[] = [];
        const seen = new Set([placeKey(primary.node)]);
        for (const p of group) {
          for (const e of p.evidence) {
            if (seen.has(placeKey(e.node))) continue;
            seen.add(placeKey(e.node));
            related.push({ node: e.node, message: `${e.step.action} is granted by ${describeStatement(e.stmt)}` });
          }
        }
        const first = group[0]!.path;
        const paths =
          group.length === 1
            ? `a privilege-escalation path (${actionsOf(first)}): its holder can ${first.how}`
            : `${group.length} privilege-escalation paths (${listForMessage(group.map((p) => actionsOf(p.path)))}): its holder can, for one, ${first.how}`;
        report({
          node: primary.node,
          resource,
          related,
          key: group.map((p) => p.path.id).join(','),
          message: `${subject(primary)} ${paths}; remove these permissions or limit them to specific resources with conditions.`,
        });
      }
    };

    const identityDocs = model.policies.filter(isIdentityPolicy);
    const provenByDoc = new Map<PolicyDocument, Set<string>>();
    for (const doc of identityDocs) {
      const proven = provenPaths([doc], iam).filter(keep);
      provenByDoc.set(doc, new Set(proven.map((p) => p.path.id)));
      emit(proven, (e) => `${describeStatement(e.stmt)} grants`, doc.owner);
    }

    for (const identity of identitiesOf(model)) {
      const docs = policiesOfIdentity(identity, model).filter(isIdentityPolicy);
      if (docs.length < 2) continue;
      const alone = new Set(docs.flatMap((d) => [...(provenByDoc.get(d) ?? [])]));
      const combined = provenPaths(docs, iam).filter((p) => keep(p) && !alone.has(p.path.id));
      emit(combined, () => `${describeIdentity(identity)} gets from its policies combined`, identity.resource);
    }
  },
});
