import { parse as parseArn, type ARN } from '@aws-sdk/util-arn-parser';
import { hasWildcard } from './glob.js';

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** 12 digits; `aws` in AWS managed policy ARNs; `cloudfront` in legacy origin access identity principals. */
const ACCOUNT = /^(\d{12}|aws|cloudfront)$/;

/**
 * What is wrong with a resource ARN (pattern), or undefined when nothing is. Wildcards are allowed
 * anywhere in a Resource; a part with a wildcard is not judged, and a `*` may stand for several
 * parts, so a short pattern with a wildcard is accepted. `*` and API Gateway's `execute-api:/…`
 * shorthand are valid.
 */
export function resourceArnProblem(text: string): string | undefined {
  if (text === '*' || text.startsWith('execute-api:')) return undefined;
  if (!text.startsWith('arn:')) {
    // `ar*`, `*bucket*`: a pattern that may still match ARNs; `bucket/*` never does.
    const literalPrefix = text.split(/[*?]/)[0]!;
    if (hasWildcard(text) && 'arn:'.startsWith(literalPrefix)) return undefined;
    return 'is not an ARN (arn:partition:service:region:account:resource) or "*"';
  }
  let arn: ARN;
  try {
    arn = parseArn(text);
  } catch {
    return mayFillColons(text) ? undefined : INCOMPLETE;
  }
  return partsProblem(arn);
}

const INCOMPLETE = 'is not a complete ARN: it needs six colon-separated parts (arn:partition:service:region:account:resource)';

/** A short pattern is complete only if a wildcard before its last colon can stand for the missing parts (`arn:aws:s3:*`). */
function mayFillColons(text: string): boolean {
  const last = text.lastIndexOf(':');
  return /[*?]/.test(text.slice(0, last + 1)) || text.endsWith(':*');
}

/**
 * What is wrong with an `AWS` principal: `*`, a 12-digit account id, an IAM/STS ARN (no wildcards:
 * IAM does not match principal ARNs as patterns), or a unique id (`AROA…`, left by a deleted role).
 */
export function awsPrincipalProblem(text: string): string | undefined {
  if (text === '*' || /^\d{12}$/.test(text) || /^A[A-Z0-9]{15,127}$/.test(text)) return undefined;
  if (!text.startsWith('arn:')) return 'is not an AWS principal (an account id, an IAM ARN or "*")';
  let arn: ARN;
  try {
    arn = parseArn(text);
  } catch {
    return 'is not a complete ARN: it needs six colon-separated parts';
  }
  if (hasWildcard(text)) return 'uses a wildcard: principal ARNs are not patterns; name the principal, or use "*" with an aws:PrincipalArn condition';
  const parts = partsProblem(arn);
  if (parts) return parts;
  if (arn.service !== 'iam' && arn.service !== 'sts') return `names service "${arn.service}": AWS principals are IAM or STS ARNs`;
  return undefined;
}

const HOLE = '\u0002';

/**
 * What is wrong with a template ARN (`arn:${AWS::Partition}:s3::${Bucket}/*`): its literal frame is
 * checked, a placeholder may hold any one part but no colon (names, ids, regions never have one), so
 * a frame with too few colons is wrong whatever the values. A placeholder that holds an ARN
 * (`${Bucket.Arn}`, `${aws_s3_bucket.b.arn}`) may hold colons: nothing is judged then.
 */
export function templateArnProblem(partial: string): string | undefined {
  if (!partial.startsWith('arn:') || /\$\{[^}]*arn[^}]*\}/i.test(partial)) return undefined;
  const text = partial.replace(/\$\{[^}]*\}/g, HOLE);
  let arn: ARN;
  try {
    arn = parseArn(text);
  } catch {
    return mayFillColons(text) ? undefined : INCOMPLETE;
  }
  return partsProblem(arn);
}

function partsProblem(arn: ARN): string | undefined {
  const literal = (s: string) => s !== '' && !hasWildcard(s) && !s.includes(HOLE);
  if (literal(arn.partition) && !PARTITIONS.has(arn.partition)) return `has an unknown partition "${arn.partition}" (aws, aws-cn, aws-us-gov, …)`;
  if (arn.partition === '') return 'has an empty partition';
  if (arn.service === '') return 'has an empty service';
  if (literal(arn.region) && !REGION.test(arn.region)) return `has a malformed region "${arn.region}"`;
  if (literal(arn.accountId) && !ACCOUNT.test(arn.accountId)) return `has a malformed account id "${arn.accountId}" (12 digits)`;
  if (arn.resource === '') return 'has an empty resource part';
  return undefined;
}
