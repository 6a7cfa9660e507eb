import type { Json } from '../model/source.js';

/** Enum members of the AWS libraries and what they are at runtime (symbol keys as in bindings.ts). */
export const CONSTANTS: ReadonlyMap<string, Json> = new Map<string, Json>([
  ['aws-cdk-lib/aws-ec2#HttpTokens.REQUIRED', 'required'],
  ['aws-cdk-lib/aws-ec2#HttpTokens.OPTIONAL', 'optional'],
  ['aws-cdk-lib/aws-ec2#LaunchTemplateHttpTokens.REQUIRED', 'required'],
  ['aws-cdk-lib/aws-ec2#LaunchTemplateHttpTokens.OPTIONAL', 'optional'],
  ['aws-cdk-lib/aws-iam#Effect.ALLOW', 'Allow'],
  ['aws-cdk-lib/aws-iam#Effect.DENY', 'Deny'],
  ['aws-cdk-lib/aws-iam#AccessKeyStatus.ACTIVE', 'Active'],
  ['aws-cdk-lib/aws-iam#AccessKeyStatus.INACTIVE', 'Inactive'],
  ['@pulumi/aws/iam#Principals.Ec2Principal', { Service: 'ec2.amazonaws.com' }],
  ['@pulumi/aws/iam#Principals.LambdaPrincipal', { Service: 'lambda.amazonaws.com' }],
  ['@pulumi/aws/iam#Principals.EcsTasksPrincipal', { Service: 'ecs-tasks.amazonaws.com' }],
  ['@pulumi/aws/iam#Principals.EcsPrincipal', { Service: 'ecs.amazonaws.com' }],
]);

/** `Duration.<unit>(n)` in seconds. */
export const DURATION_UNITS: Readonly<Record<string, number>> = { millis: 0.001, seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** `PT12H`, `P1D`, `PT90M` in seconds (what CDK's `Duration.parse` accepts); undefined when not that form. */
export function parseIsoDuration(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
}

/** Paths of AWS-managed policies that Pulumi's `aws.iam.ManagedPolicy` enum names; others are left unknown. */
const MANAGED_PATHS: Readonly<Record<string, string>> = {
  AdministratorAccess: '',
  PowerUserAccess: '',
  IAMFullAccess: '',
  ReadOnlyAccess: '',
  AmazonS3FullAccess: '',
  AmazonS3ReadOnlyAccess: '',
  AmazonEC2FullAccess: '',
  AmazonEC2ReadOnlyAccess: '',
  AmazonSSMManagedInstanceCore: '',
  AmazonDynamoDBFullAccess: '',
  SecretsManagerReadWrite: '',
  CloudWatchAgentServerPolicy: '',
  AWSLambdaBasicExecutionRole: 'service-role/',
  AWSLambdaVPCAccessExecutionRole: 'service-role/',
  AmazonEC2RoleforSSM: 'service-role/',
  ViewOnlyAccess: 'job-function/',
  SystemAdministrator: 'job-function/',
  NetworkAdministrator: 'job-function/',
  DatabaseAdministrator: 'job-function/',
};

export function MANAGED_POLICY_ARN(name: string): string | undefined {
  const path = MANAGED_PATHS[name];
  return path === undefined ? undefined : `arn:aws:iam::aws:policy/${path}${name}`;
}
