/**
 * The comment syntax shared by YAML comments and Terraform JSON `"//"` keys:
 *   iamlint-disable-next-line <rule>[, <rule>] -- <reason> [expires: YYYY-MM-DD]
 *   iamlint-disable-line …      (trailing comment: this line)
 *   iamlint-disable …           (until iamlint-enable [<rule>…] or the end of the file)
 *   iamlint-enable [<rule>…]
 *   iamlint-disable-file …      (the whole file; in the leading comment block)
 */
export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable' | 'disable-file';

export type ParsedDirective =
  | { kind: DirectiveKind; rules: string[]; reason: string; expires?: string; badExpiry?: string; text: string }
  | { kind: 'unknown'; word: string; text: string };

const DIRECTIVE = /^\s*iamlint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)(.*)$/s;
const LOOKS_LIKE = /^\s*(iamlint-[A-Za-z-]+)/;

/** Parses one comment text (without `#` or `//`); undefined when it is not an iamlint directive. */
export function parseDirective(text: string): ParsedDirective | undefined {
  const m = DIRECTIVE.exec(text);
  if (!m) {
    const word = LOOKS_LIKE.exec(text)?.[1];
    return word ? { kind: 'unknown', word, text: text.trim() } : undefined;
  }
  const kind = m[1] as DirectiveKind;
  const rest = m[2] ?? '';
  const sep = /(?:^|\s)--(?:\s|$)/.exec(rest);
  const rulesPart = sep ? rest.slice(0, sep.index) : rest;
  const reasonPart = sep ? rest.slice(sep.index + sep[0].length) : '';
  const rules = rulesPart.split(/[\s,]+/).filter(Boolean);
  return { kind, rules, ...parseReason(reasonPart), text: text.trim() };
}

const EXPIRES = /(^|[\s,;])(\(\s*)?expires:\s*([^\s,;)]*)\s*(\))?/i;

/** Splits `expires: YYYY-MM-DD` (optionally in parentheses) out of a reason. */
export function parseReason(raw: string): { reason: string; expires?: string; badExpiry?: string } {
  const m = EXPIRES.exec(raw);
  if (!m) return { reason: tidy(raw) };
  const [whole, lead = '', open, date = '', close] = m;
  // Keep an unbalanced parenthesis that belongs to the surrounding text.
  const kept = lead + (open && !close ? open : '') + (close && !open ? close : '');
  const reason = tidy(raw.slice(0, m.index) + kept + raw.slice(m.index + whole.length));
  return isIsoDate(date) ? { reason, expires: date } : { reason, badExpiry: date };
}

function tidy(s: string): string {
  return s
    .replace(/\(\s*\)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:-]+|[\s,;:]+$/g, '')
    .trim();
}

/** A real calendar date written as YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
