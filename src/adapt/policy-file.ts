import { basename } from 'node:path';
import { kindFromContent } from '../iam/policy-analysis.js';
import { openEmbeddedJson } from '../load/embedded.js';
import { ModelBuilder } from '../model/builder.js';
import type { Model, PolicyDocument, PolicyKind, Resource, Role } from '../model/model.js';
import { Node } from '../model/node.js';
import type { PolicyReadContext } from '../model/policy-reader.js';
import { readPolicyDocument } from '../model/policy-reader.js';
import type { SourceDocument } from '../model/source.js';
import type { Prop } from '../model/value.js';
import { absent, known } from '../model/value.js';

/**
 * Raw IAM policy files: a bare policy document, or the shapes the AWS CLI prints around one
 * (`get-role-policy`, `get-policy-version`, `get-role`, `get-bucket-policy`, `get-queue-attributes`).
 * Everything in a JSON file is a literal, so every value is known. One synthetic resource per file
 * (id = the file name) so that findings name something.
 */
export function adaptPolicyFile(doc: SourceDocument): Model {
  const resolve = (node: Node): Prop => (node.value === undefined ? [absent(node)] : [known(node, node.value)]);
  const builder = new ModelBuilder([doc], resolve);
  const root = Node.root(doc);
  const name = basename(doc.file);
  const resource: Resource = { id: name, type: 'policy-file', node: root, properties: root };
  builder.resources.push(resource);
  // Strings hold JSON or URL-encoded JSON (the IAM API's form); openEmbeddedJson reads both.
  const ctx: PolicyReadContext = { resolve, openJsonString: openEmbeddedJson };

  const read = (node: Node, label: string, kind?: PolicyKind): PolicyDocument => {
    const info = { label, owner: resource };
    if (kind) return readPolicyDocument(node, { ...info, kind }, ctx);
    const doc = readPolicyDocument(node, { ...info, kind: 'unknown' }, ctx);
    if (doc.unreadable) return doc;
    // The kind is not used while reading: set it on the one document (its statements point back at it).
    return Object.assign(doc, { kind: kindFromContent(doc.statements) });
  };

  const found = findDocuments(root, name);
  for (const f of found) {
    const policy = read(f.node, f.label, f.kind);
    builder.policies.push(policy);
    if (f.role) builder.roles.push(roleFromGetRole(f.role, resource, policy, resolve));
  }
  if (found.length === 0) builder.problem(root, `${name} holds no IAM policy document (expected "Statement", or a "PolicyDocument" / "Policy" / "AssumeRolePolicyDocument" wrapper)`);
  return builder.build();
}

interface FoundDocument {
  node: Node;
  label: string;
  kind?: PolicyKind;
  /** The `Role` object of `aws iam get-role` output. */
  role?: Node;
}

function findDocuments(root: Node, file: string): FoundDocument[] {
  if (!root.isObject) return [];
  if (root.get('Statement')) return [{ node: root, label: `policy ${file}` }];
  const out: FoundDocument[] = [];
  const text = (n: Node | undefined) => (typeof n?.value === 'string' ? n.value : undefined);

  const inline = root.get('PolicyDocument');
  if (inline) {
    const policyName = text(root.get('PolicyName'));
    const ownerKey = (['RoleName', 'UserName', 'GroupName'] as const).find((k) => text(root.get(k)));
    const owner = ownerKey ? `${ownerKey.slice(0, -4).toLowerCase()} ${text(root.get(ownerKey))}` : undefined;
    const label = policyName ? `inline policy ${policyName}${owner ? ` of ${owner}` : ''} (${file})` : `policy document in ${file}`;
    out.push({ node: inline, label });
  }

  const policy = root.get('Policy');
  if (policy?.isObject && policy.get('PolicyDocument')) {
    const policyName = text(policy.get('PolicyName'));
    out.push({ node: policy.get('PolicyDocument')!, label: policyName ? `policy ${policyName} (${file})` : `policy document in ${file}` });
  } else if (policy?.isString || (policy?.isObject && policy.get('Statement'))) {
    // `get-bucket-policy`, `lambda get-policy`: the policy as a JSON string.
    out.push({ node: policy, label: `resource policy in ${file}` });
  }

  const version = root.at('PolicyVersion', 'Document');
  if (version) {
    const id = text(root.at('PolicyVersion', 'VersionId'));
    out.push({ node: version, label: `policy version${id ? ` ${id}` : ''} in ${file}` });
  }

  const queuePolicy = root.at('Attributes', 'Policy');
  if (queuePolicy) out.push({ node: queuePolicy, label: `resource policy in ${file}` });

  const role = root.get('Role');
  const trust = role?.get('AssumeRolePolicyDocument');
  if (role && trust) {
    const roleName = text(role.get('RoleName'));
    out.push({ node: trust, label: `trust policy of role ${roleName ?? '(unnamed)'} (${file})`, kind: 'trust', role });
  }
  return out;
}

function roleFromGetRole(role: Node, resource: Resource, trust: PolicyDocument, resolve: (n: Node) => Prop): Role {
  const prop = (key: string): Prop => {
    const n = role.get(key);
    return n ? resolve(n) : [absent(role.child(key))];
  };
  return {
    kind: 'role',
    resource,
    name: prop('RoleName'),
    inlinePolicies: [],
    attachedPolicies: [],
    managedPolicyArns: [],
    trustPolicy: trust,
    trustPolicyProp: prop('AssumeRolePolicyDocument'),
    maxSessionDuration: prop('MaxSessionDuration'),
    instanceProfiles: [],
  };
}
