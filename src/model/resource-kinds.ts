import type { Resource } from './model.js';

/**
 * What a linked resource is, by its type in any input format: an IAM role, an instance profile, a
 * resource whose attributes can hold anything (stack outputs, custom resources, parameters: no proof
 * either way), or something else. Data sources count by their type.
 */
export type LinkedResourceKind = 'role' | 'instance-profile' | 'pass-through' | 'other';

const ROLE_TYPES = /^(AWS::IAM::Role|aws_iam_role)$/;
const PROFILE_TYPES = /InstanceProfile|instance_profile/i;
const PASS_THROUGH_TYPES =
  /^(Custom::|AWS::CloudFormation::(Stack|CustomResource)$|AWS::ServiceCatalog::|AWS::SSM::Parameter$|aws_cloudformation_stack|aws_servicecatalog_|aws_ssm_parameter$|terraform_data$|null_resource$)/;

export function linkedResourceKind(resource: Resource): LinkedResourceKind {
  if (ROLE_TYPES.test(resource.type)) return 'role';
  if (PROFILE_TYPES.test(resource.type)) return 'instance-profile';
  if (PASS_THROUGH_TYPES.test(resource.type)) return 'pass-through';
  return 'other';
}
