import type { RuleDefinition } from '../src/rule-api.js';
import credentialsOnInstance from './credentials-on-instance.js';
import hardcodedAccessKey from './hardcoded-access-key.js';
import iamUserAccessKey from './iam-user-access-key.js';
import imdsDisabledWithProfile from './imds-disabled-with-profile.js';
import imdsHopLimit from './imds-hop-limit.js';
import imdsv1Allowed from './imdsv1-allowed.js';
import instanceProfileRole from './instance-profile-role.js';
import maxSessionDuration from './max-session-duration.js';
import missingInstanceProfile from './missing-instance-profile.js';

/**
 * Every rule, one import per file. Keep sorted by id; `npm run docs` regenerates docs/rules and the README table from these.
 */
export const allRules: RuleDefinition<object>[] = [
  // rules are added here, one line each, sorted by id
  credentialsOnInstance,
  hardcodedAccessKey,
  iamUserAccessKey,
  imdsDisabledWithProfile,
  imdsHopLimit,
  imdsv1Allowed,
  instanceProfileRole,
  maxSessionDuration,
  missingInstanceProfile,
];
