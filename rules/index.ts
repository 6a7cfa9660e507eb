import type { RuleDefinition } from '../src/rule-api.js';
import adminAccess from './admin-access.js';
import allowNotAction from './allow-not-action.js';
import credentialsOnInstance from './credentials-on-instance.js';
import crossAccountTrust from './cross-account-trust.js';
import hardcodedAccessKey from './hardcoded-access-key.js';
import iamUserAccessKey from './iam-user-access-key.js';
import imdsDisabledWithProfile from './imds-disabled-with-profile.js';
import imdsHopLimit from './imds-hop-limit.js';
import imdsv1Allowed from './imdsv1-allowed.js';
import instanceProfileRole from './instance-profile-role.js';
import maxSessionDuration from './max-session-duration.js';
import missingInstanceProfile from './missing-instance-profile.js';
import passroleWildcard from './passrole-wildcard.js';
import policySyntax from './policy-syntax.js';
import privilegeEscalation from './privilege-escalation.js';
import trustWildcardPrincipal from './trust-wildcard-principal.js';
import unknownAction from './unknown-action.js';
import wildcardAction from './wildcard-action.js';
import wildcardResource from './wildcard-resource.js';

/**
 * Every rule, one import per file. Keep sorted by id; `npm run docs` regenerates docs/rules and the README table from these.
 */
export const allRules: RuleDefinition<object>[] = [
  // rules are added here, one line each, sorted by id
  adminAccess,
  allowNotAction,
  credentialsOnInstance,
  crossAccountTrust,
  hardcodedAccessKey,
  iamUserAccessKey,
  imdsDisabledWithProfile,
  imdsHopLimit,
  imdsv1Allowed,
  instanceProfileRole,
  maxSessionDuration,
  missingInstanceProfile,
  passroleWildcard,
  policySyntax,
  privilegeEscalation,
  trustWildcardPrincipal,
  unknownAction,
  wildcardAction,
  wildcardResource,
];
