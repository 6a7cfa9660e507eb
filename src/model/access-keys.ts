import { Node } from './node.js';
import type { Json } from './source.js';

/**
 * Recognising AWS credentials in text. Access key ids are `AKIA` (long-term), `ASIA` (temporary),
 * `ABIA` and `ACCA` followed by 16 base32 characters; other four-letter prefixes (`AIDA` users,
 * `AROA` roles, `AIPA` profiles, `ANPA` policies, `AGPA` groups) are unique ids of principals, not
 * secrets. A secret access key is 40 characters of base64 and looks like many other strings, so it
 * counts only with evidence: a key name saying so, a keyword just before it, or an access key id near it.
 * AWS documentation example keys (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`) never count.
 */

export type CredentialKind = 'access-key-id' | 'secret-access-key';

export interface CredentialHit {
  readonly kind: CredentialKind;
  /** Offsets in the scanned text. */
  readonly start: number;
  readonly end: number;
  /** Safe to print: `AKIA…MPLE`. */
  readonly masked: string;
  /** Why a secret counts: `key name`, `keyword`, `access key id nearby`. */
  readonly evidence?: string;
}

const ACCESS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;
const SECRET_CANDIDATE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** Words that name a secret access key right before the value: `aws_secret_access_key = `, `"SecretAccessKey": "`, `--secret-key `. */
const SECRET_KEYWORD_BEFORE =
  /(?:secret[_-]?access[_-]?key|secret[_-]?key)(?:["'`\]]?\s*(?:=>|[:=]|,)?\s*["'`]?|\s+|["']?\s*,\s*["']?value["']?\s*[:=]\s*["']?)$/i;
/** How far an access key id may be from a secret for the pair to count (characters). */
const NEARBY = 400;

const BASE64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+') BASE64[c.charCodeAt(0)] = 1;

/**
 * Whether the text holds `length` base64 characters in a row (`[A-Za-z0-9/+]{length}`), the cheap test
 * before looking for a secret access key. Checks each window from its end and jumps past the first
 * character that is not base64, so it reads a few characters of most windows: some 20 times faster
 * than the regular expression over the strings of a template or plan.
 */
export function hasBase64Run(text: string, length = 40): boolean {
  const n = text.length;
  let start = 0;
  while (start + length <= n) {
    let j = start + length - 1;
    while (j >= start) {
      const c = text.charCodeAt(j);
      if (c < 128 && BASE64[c] === 1) j--;
      else break;
    }
    if (j < start) return true;
    start = j + 1;
  }
  return false;
}

/** `AKIA…MPLE`: the first and last four characters, never the whole value. */
export function maskSecret(s: string): string {
  if (s.length <= 8) return '…';
  return `${s.slice(0, 4)}…${s.slice(-4)}`;
}

export function isExampleKey(s: string): boolean {
  return /EXAMPLE/.test(s);
}

/** Normalised key names (`AWS_SECRET_ACCESS_KEY`, `aws_secret_access_key`, `SecretAccessKey`) that say "secret access key". */
export function isSecretKeyName(name: string): boolean {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return n.includes('secretaccesskey') || n.includes('secretkey') || n === 'awssecret';
}

/** Valid-looking, non-example access key ids in a text. */
export function findAccessKeyIds(text: string): CredentialHit[] {
  const out: CredentialHit[] = [];
  for (const m of text.matchAll(ACCESS_KEY_ID)) {
    if (isExampleKey(m[0])) continue;
    out.push({ kind: 'access-key-id', start: m.index, end: m.index + m[0].length, masked: maskSecret(m[0]) });
  }
  return out;
}

function looksLikeSecret(s: string): boolean {
  if (isExampleKey(s)) return false;
  if (/^[0-9a-f]{40}$/i.test(s)) return false; // SHA-1 digests, git commits
  // Random base64 of 30 bytes has lower case, upper case and digits with near certainty; words and ids do not.
  return /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);
}

export interface SecretEvidence {
  /** Names around the string: its key, its parent's key, a sibling `Name` value (`AWS_SECRET_ACCESS_KEY`). */
  readonly names?: readonly string[];
  /** An access key id sits next to this string (a sibling value of the same object). */
  readonly idNearby?: boolean;
}

/** Access key ids and (with evidence) secret access keys in one text, in order of appearance. */
export function findCredentials(text: string, evidence: SecretEvidence = {}): CredentialHit[] {
  const ids = findAccessKeyIds(text);
  const out: CredentialHit[] = [...ids];
  if (text.length >= 40) {
    const named = (evidence.names ?? []).some(isSecretKeyName);
    for (const m of text.matchAll(SECRET_CANDIDATE)) {
      const value = m[0];
      if (!looksLikeSecret(value)) continue;
      const start = m.index;
      let why: string | undefined;
      if (SECRET_KEYWORD_BEFORE.test(text.slice(Math.max(0, start - 64), start))) why = 'keyword';
      else if (named && text.length <= 48) why = 'key name';
      else if (ids.some((id) => Math.abs(id.start - start) <= NEARBY)) why = 'access key id nearby';
      else if (evidence.idNearby && text.length <= 48) why = 'access key id nearby';
      if (why) out.push({ kind: 'secret-access-key', start, end: start + value.length, masked: maskSecret(value), evidence: why });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const NAME_KEYS = new Set(['name', 'key', 'parametername', 'parameter_key', 'parameterkey']);

function valueAt(root: Json, path: readonly (string | number)[]): Json | undefined {
  let v: Json | undefined = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? (typeof k === 'number' ? v[k] : undefined) : (v as Record<string, Json>)[String(k)];
    if (v === undefined) return undefined;
  }
  return v;
}

/**
 * What a string's surroundings say about it: the keys on its path (`Parameters/AwsSecretKey/Default`,
 * `provider/aws/secret_key`), the `Name` of the object it sits in (`{Name: AWS_SECRET_ACCESS_KEY, Value: …}`),
 * and whether a sibling value holds an access key id.
 */
export function evidenceAround(node: Node): SecretEvidence {
  const names: string[] = [];
  for (const k of node.path.slice(-3)) if (typeof k === 'string') names.push(k);
  let idNearby = false;
  const parentPath = node.path.slice(0, -1);
  const parentValue = valueAt(node.doc.root, parentPath);
  if (parentValue !== undefined) {
    const parent = new Node(node.doc, parentPath, parentValue);
    const siblings = parent.isObject ? parent.entries() : parent.items().map((c, i): [string, Node] => [String(i), c]);
    for (const [k, c] of siblings) {
      if (typeof c.value !== 'string' || c.path.length === node.path.length && c.key === node.key) continue;
      if (NAME_KEYS.has(k.toLowerCase())) names.push(c.value);
      if (findAccessKeyIds(c.value).length) idNearby = true;
    }
  }
  return { names, idNearby };
}
