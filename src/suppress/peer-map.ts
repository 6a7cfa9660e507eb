/**
 * Peer-tool rule ids whose suppressions iamlint honours (documented in docs/suppressions.md).
 * Only ids whose check clearly matches one of ours are listed; any other peer id is left to its tool.
 */
export type PeerTool = 'cfn_nag' | 'checkov' | 'cfn-lint';

export const PEER_RULE_MAP: Record<PeerTool, Record<string, readonly string[]>> = {
  cfn_nag: {
    F2: ['wildcard-action'], // `*` action in a role's trust policy
    F3: ['wildcard-action'], // `*` action in a role's permissions policy
    F4: ['wildcard-action'], // `*` action in an IAM policy
    F5: ['wildcard-action'], // `*` action in a managed policy
    F6: ['trust-wildcard-principal'], // Allow + NotPrincipal in a trust policy
    W11: ['wildcard-resource'], // `*` resource in a role's permissions policy
    W12: ['wildcard-resource'], // `*` resource in an IAM policy
    W13: ['wildcard-resource'], // `*` resource in a managed policy
    W14: ['allow-not-action'], // Allow + NotAction in a trust policy
    W15: ['allow-not-action'], // Allow + NotAction in a role's policy
    W16: ['allow-not-action'], // Allow + NotAction in an IAM policy
    W17: ['allow-not-action'], // Allow + NotAction in a managed policy
    F38: ['passrole-wildcard'], // iam:PassRole on `*` in a role's policy
    F39: ['passrole-wildcard'], // iam:PassRole on `*` in an IAM policy
    F40: ['passrole-wildcard'], // iam:PassRole on `*` in a managed policy
    W43: ['admin-access'], // AdministratorAccess attached
  },
  checkov: {
    CKV_AWS_41: ['hardcoded-access-key'], // provider credentials in the configuration
    CKV_AWS_45: ['hardcoded-access-key'], // secrets in Lambda environment variables
    CKV_AWS_46: ['hardcoded-access-key', 'credentials-on-instance'], // secrets in EC2 user data
    CKV_AWS_60: ['trust-wildcard-principal'], // role assumable by any principal
    CKV_AWS_61: ['cross-account-trust'], // role assumable by a whole account
    CKV_AWS_62: ['admin-access'], // `*` action on `*` resource
    CKV_AWS_63: ['wildcard-action'], // `*` action
    CKV_AWS_79: ['imdsv1-allowed'], // instance metadata service v1 enabled
    CKV_AWS_355: ['wildcard-resource'], // `*` resource for restrictable actions
    CKV_AWS_356: ['wildcard-resource'], // `*` resource for restrictable actions (policy documents)
  },
  'cfn-lint': {
    W3037: ['unknown-action'], // action not in the IAM service reference
    E3510: ['policy-syntax'], // identity policy grammar
    E3512: ['policy-syntax'], // resource policy grammar
    E3530: ['policy-syntax'], // trust policy grammar
  },
};

/** Our rule ids for a peer rule id (exact, case-sensitive as the peers write them); empty when unmapped. */
export function mapPeerRule(tool: PeerTool, peerId: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(PEER_RULE_MAP[tool], peerId) ? PEER_RULE_MAP[tool][peerId]! : [];
}
