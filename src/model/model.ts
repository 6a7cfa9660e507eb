import type { Node } from './node.js';
import type { SourceDocument } from './source.js';
import type { Prop, Value, ValueOrigin } from './value.js';

/**
 * The format-independent view that rules read. Adapters (src/adapt/*) build it from CloudFormation,
 * Terraform configuration, Terraform plan/state, raw policy files, or (in the ESLint plugin) source code.
 * Every view points back at nodes, and every node knows its document and path, so findings are located
 * exactly without a rule knowing the input format.
 */
export interface Model {
  readonly documents: readonly SourceDocument[];
  readonly resources: readonly Resource[];
  readonly launchers: readonly Launcher[];
  readonly roles: readonly Role[];
  readonly users: readonly User[];
  readonly groups: readonly Group[];
  readonly instanceProfiles: readonly InstanceProfile[];
  readonly policies: readonly PolicyDocument[];
  readonly accessKeys: readonly AccessKey[];
  readonly outputs: readonly Output[];
  readonly metadataDefaults: readonly MetadataDefaults[];
  readonly images: readonly Image[];
  /** Resources that attach managed policies by ARN, whether or not the identities they attach to are in the input. */
  readonly policyAttachments: readonly PolicyAttachment[];
  /** Problems the adapter found in the input's shape (`Resources` not a mapping, …): reported as `parse-error`. */
  readonly problems: readonly InputProblem[];
  /**
   * Every string scalar worth scanning for secrets (each literal once, even in plan JSON). With
   * `accept`, strings it rejects may be left out before a node is made for them (a large plan holds
   * millions of strings, few worth a look).
   */
  strings(accept?: (text: string) => boolean): Iterable<StringScalar>;
  /** The values a node may take, following the format's own rules (Ref to parameter defaults, Fn::If, plan unknowns). */
  resolve(node: Node): Prop;
  /** The resource whose definition contains this node, if any. */
  resourceAt(node: Node): Resource | undefined;
  /**
   * Every resource a reference can name is in the input (a CloudFormation template), so a reference to
   * an id that is not there is an error of the input. False where other files may define it (Terraform).
   */
  readonly closedReferences: boolean;
}

export interface InputProblem {
  node: Node;
  message: string;
}

export interface Resource {
  /** CloudFormation logical id, Terraform address (`module.x.aws_instance.y[0]`, `data.aws_iam_policy_document.p`), or a synthetic id. */
  readonly id: string;
  /** Native type: `AWS::EC2::Instance`, `aws_instance`, `aws_iam_policy_document`, `policy-file`, … */
  readonly type: string;
  /** The whole resource definition. */
  readonly node: Node;
  /** Where its settings live: CloudFormation `Properties`, a Terraform block or plan `values`. */
  readonly properties: Node;
  /** CloudFormation `Condition` on the resource (findings still fire; messages may name it). */
  readonly condition?: string;
  readonly mode?: 'managed' | 'data';
}

/** A written reference from one place to another resource; `target` is set only when the input holds it. */
export interface Link<T> {
  /** Where the reference is written. */
  readonly node: Node;
  /** The logical id / address that is referenced, when the value is a reference at all. */
  readonly targetId?: string;
  /** The referenced resource, whatever its type, when it is in the input. */
  readonly targetResource?: Resource;
  /** The referenced view, when the resource is of the expected kind. */
  readonly target?: T;
  /** `Arn`, `Name`, `name`, `arn`, `id`, … when the reference takes an attribute. */
  readonly attribute?: string;
  /** A literal name or ARN written instead of a reference. */
  readonly literal?: string;
  readonly via?: ValueOrigin;
}

export type LauncherKind =
  | 'instance'
  | 'launch-template'
  | 'launch-configuration'
  | 'auto-scaling-group'
  | 'spot-fleet'
  | 'ec2-fleet'
  | 'spot-instance-request';

export interface MetadataOptions {
  /** The `MetadataOptions` / `metadata_options` block itself (absent → report at the resource). */
  readonly block: Prop;
  readonly httpTokens: Prop;
  readonly httpEndpoint: Prop;
  readonly hopLimit: Prop;
}

/** Anything that launches EC2 instances. Own settings only; the launch template's are on `launchTemplates`. */
export interface Launcher {
  readonly kind: LauncherKind;
  readonly resource: Resource;
  readonly metadata: MetadataOptions;
  /** `IamInstanceProfile` / `iam_instance_profile` (for launch templates, the name or ARN inside it). */
  readonly instanceProfile: Prop;
  /** What `instanceProfile` references: a profile (good), a role (the classic mistake), something else, or a literal. */
  readonly instanceProfileLinks: readonly Link<InstanceProfile>[];
  /** Launch templates / launch configurations it launches from (ASG, fleets, instances with `LaunchTemplate`). */
  readonly templates: readonly Link<Launcher>[];
  /** A template reference that is written but could not be followed (unknown id, external template). */
  readonly templatesUnknown: boolean;
  readonly userData: Prop;
  /** `AWS::CloudFormation::Init` metadata (cfn-init files and commands), if any. */
  readonly initMetadata?: Node;
  readonly imageId: Prop;
  readonly imageLinks: readonly Link<Image>[];
}

export interface MetadataDefaults {
  readonly resource: Resource;
  readonly httpTokens: Prop;
  readonly httpEndpoint: Prop;
}

/** A Terraform attachment resource (`aws_iam_role_policy_attachment`, an SSO permission set's): the ARNs it attaches. */
export interface PolicyAttachment {
  readonly resource: Resource;
  /** One value per attached ARN. */
  readonly policyArns: readonly Value[];
}

export interface Image {
  readonly resource: Resource;
  /** `imds_support` ("v2.0" makes tokens required by default). */
  readonly imdsSupport: Prop;
}

export interface InstanceProfile {
  readonly resource: Resource;
  readonly name: Prop;
  /** `Roles` / `role`: the property itself (absent → a profile with no role). */
  readonly rolesProp: Prop;
  readonly roles: readonly Link<Role>[];
}

export interface Identity {
  readonly kind: 'role' | 'user' | 'group';
  readonly resource: Resource;
  readonly name: Prop;
  /** Policies written inside the identity or in separate inline-policy resources attached to it. */
  readonly inlinePolicies: readonly PolicyDocument[];
  /** Customer-managed policies in the input that are attached to it. */
  readonly attachedPolicies: readonly PolicyDocument[];
  /** Managed policy ARNs attached (AWS-managed or not), each with its own node. */
  readonly managedPolicyArns: readonly Value[];
}

export interface Role extends Identity {
  readonly kind: 'role';
  readonly trustPolicy?: PolicyDocument;
  readonly trustPolicyProp: Prop;
  readonly maxSessionDuration: Prop;
  readonly instanceProfiles: readonly InstanceProfile[];
}

export interface User extends Identity {
  readonly kind: 'user';
  readonly accessKeys: readonly AccessKey[];
}

export interface Group extends Identity {
  readonly kind: 'group';
}

export interface AccessKey {
  readonly resource: Resource;
  readonly user: Link<User> | undefined;
  readonly status: Prop;
  /** Places that expose the secret (outputs that are not sensitive, `Fn::GetAtt [Key, SecretAccessKey]`). */
  readonly secretExposures: readonly Node[];
}

export interface Output {
  readonly name: string;
  readonly node: Node;
  readonly value: Node;
  /** Terraform `sensitive` (absent in CloudFormation). */
  readonly sensitive: Prop;
  /** Resources and attributes the value references. */
  readonly references: readonly Link<Resource>[];
}

export type PolicyKind = 'identity' | 'trust' | 'resource' | 'unknown';

export interface PolicyDocument {
  /** The document (an object, or the string / intrinsic holding it). */
  readonly node: Node;
  readonly kind: PolicyKind;
  /** The resource that holds it (role, policy, bucket policy, data source, policy file). */
  readonly owner?: Resource;
  /** Words for messages: "inline policy S3Access of role AppRole". */
  readonly label: string;
  readonly version: Prop;
  readonly statements: readonly Statement[];
  /** `Statement` itself (a string there is a syntax error). */
  readonly statementNode?: Node;
  /** Why the document cannot be read (unresolved intrinsic, HCL expression, unknown in the plan). */
  readonly unreadable?: string;
  /** Some statements are not known (an intrinsic that stays unresolved): `statements` holds only the known ones. */
  readonly statementsUnknown?: boolean;
  /** The identities it applies to, when the input links them. */
  readonly attachedTo: readonly Identity[];
  /** AWS-managed policy this document stands for, when it is one (`AdministratorAccess`). */
  readonly managedPolicyName?: string;
  /** A VPC endpoint policy: it limits what may pass through the endpoint and grants nothing by itself. */
  readonly endpointPolicy?: boolean;
}

export interface Statement {
  readonly doc: PolicyDocument;
  readonly node: Node;
  readonly index: number;
  readonly sid: Prop;
  readonly effect: Prop;
  readonly action?: ListField;
  readonly notAction?: ListField;
  readonly resource?: ListField;
  readonly notResource?: ListField;
  readonly principal?: PrincipalField;
  readonly notPrincipal?: PrincipalField;
  readonly conditionNode?: Node;
  readonly conditions: readonly Condition[];
  /** The condition block is there but cannot be read (an intrinsic): treat the statement as possibly scoped. */
  readonly conditionsUnknown: boolean;
  /** The statement itself sits in an `Fn::If` branch. */
  readonly via?: ValueOrigin;
}

/** `Action`, `NotAction`, `Resource`, `NotResource`: a string or a list, each element resolved. */
export interface ListField {
  readonly node: Node;
  readonly values: readonly Value[];
}

export interface PrincipalField {
  readonly node: Node;
  /** `Principal: "*"`. */
  readonly wildcard?: Value;
  /** `{ AWS: [...], Service: ..., Federated: ..., CanonicalUser: ... }`. */
  readonly entries: readonly { type: string; node: Node; values: readonly Value[] }[];
}

export interface Condition {
  /** `StringEquals`, `ForAnyValue:StringLike`, `Null`, … as written. */
  readonly operator: string;
  /** The condition key as written (`aws:PrincipalOrgID`). */
  readonly key: string;
  readonly node: Node;
  readonly values: readonly Value[];
}

export interface StringScalar {
  readonly node: Node;
  readonly value: string;
}
