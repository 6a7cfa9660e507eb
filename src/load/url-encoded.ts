import { safeDecodeURIComponent } from './detect.js';

/**
 * `%7B%22Version%22…` (a policy as `aws iam get-role-policy` and the IAM API return it) → the JSON
 * text; undefined when the string is not URL-encoded JSON.
 */
export function decodeUrlEncodedJson(s: string): string | undefined {
  if (!/^\s*%(7B|5B)/i.test(s)) return undefined;
  const decoded = safeDecodeURIComponent(s);
  return decoded !== undefined && /^\s*[[{]/.test(decoded) ? decoded : undefined;
}
