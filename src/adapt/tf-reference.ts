/**
 * Terraform references and string templates, read from expression text without a full HCL parser:
 * enough to find `aws_x.name.attr`, `data.aws_x.name.attr`, `var.x`, `local.x`, `module.m.out` in
 * `${…}` interpolations (configuration JSON) and in plan `references` strings.
 */

export type TfRefRoot = 'resource' | 'data' | 'var' | 'local' | 'module';

export interface TfRef {
  readonly root: TfRefRoot;
  /** `aws_iam_role.app`, `data.aws_ami.al2023`, `var.name`, `local.tags`, `module.iam`: no index, no attribute. */
  readonly address: string;
  /** Resource or data source type. */
  readonly type?: string;
  readonly name: string;
  /** `[0]`, `["key"]`; `'*'` for splats; absent when not written or computed (`[count.index]`). */
  readonly index?: string | number;
  /** The first attribute after the object (`name`, `arn`, `json`; the output name for modules). */
  readonly attribute?: string;
  /** The traversal as written. */
  readonly text: string;
}

/** One step of a traversal: `.name` or `[index]` (undefined index: not a literal key). */
type Step = { name: string } | { index: string | number | undefined };

const NOT_RESOURCES = new Set(['each', 'count', 'self', 'path', 'terraform', 'true', 'false', 'null', 'for', 'in', 'if']);
const RESOURCE_TYPE = /^[A-Za-z][A-Za-z0-9-]*_[A-Za-z0-9_-]+$/;

function identStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}
function identChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_-]/.test(c);
}

/** Templates nested in strings nested in templates…: deeper than this is not read (Terraform users never get there). */
const MAX_NESTING = 32;

/** Index just after a quoted string starting at `i` (the opening quote), nested `${…}` included. */
function skipQuoted(s: string, i: number, nesting: number): number {
  let j = i + 1;
  while (j < s.length) {
    const c = s[j];
    if (c === '\\') j += 2;
    else if (c === '"') return j + 1;
    else if (s.startsWith('${', j) || s.startsWith('%{', j)) {
      const end = closingBrace(s, j + 2, nesting + 1);
      j = end < 0 ? s.length : end + 1;
    } else j++;
  }
  return s.length;
}

/** Index of the `}` closing an interpolation whose expression starts at `i`; -1 when unterminated. */
export function closingBrace(s: string, i: number, nesting = 0): number {
  if (nesting > MAX_NESTING) return -1;
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s[j];
    if (c === '"') {
      j = skipQuoted(s, j, nesting);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return j;
      depth--;
    }
    j++;
  }
  return -1;
}

/** Reads a traversal (`a.b[0].c`, `x.*.y`) starting at `i`; returns its steps and the index after it. */
function readTraversal(s: string, i: number): { steps: Step[]; end: number; computedIndex: string[] } {
  const steps: Step[] = [];
  const computedIndex: string[] = [];
  let j = i;
  const readIdent = (): string => {
    const start = j;
    while (identChar(s[j])) j++;
    return s.slice(start, j);
  };
  steps.push({ name: readIdent() });
  for (;;) {
    if (s[j] === '.' && identStart(s[j + 1])) {
      j++;
      steps.push({ name: readIdent() });
    } else if (s[j] === '.' && s[j + 1] === '*') {
      j += 2;
      steps.push({ index: '*' });
    } else if (s[j] === '.' && /[0-9]/.test(s[j + 1] ?? '')) {
      // legacy `list.0` index syntax
      j++;
      const start = j;
      while (/[0-9]/.test(s[j] ?? '')) j++;
      steps.push({ index: Number(s.slice(start, j)) });
    } else if (s[j] === '[') {
      const close = closingBracket(s, j + 1);
      if (close < 0) break;
      const inner = s.slice(j + 1, close).trim();
      if (/^[0-9]+$/.test(inner)) steps.push({ index: Number(inner) });
      else if (inner === '*') steps.push({ index: '*' });
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) steps.push({ index: JSON.parse(inner) as string });
      else {
        steps.push({ index: undefined });
        computedIndex.push(inner);
      }
      j = close + 1;
    } else break;
  }
  return { steps, end: j, computedIndex };
}

function closingBracket(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s[j];
    if (c === '"') {
      j = skipQuoted(s, j, 0);
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) return j;
      depth--;
    }
    j++;
  }
  return -1;
}

function refFromSteps(steps: Step[], text: string): TfRef | undefined {
  const nameAt = (k: number): string | undefined => {
    const st = steps[k];
    return st && 'name' in st ? st.name : undefined;
  };
  /** After the object's steps: optional index, then the attribute. */
  const tail = (k: number): { index?: string | number; attribute?: string } => {
    const out: { index?: string | number; attribute?: string } = {};
    let at = k;
    const st = steps[at];
    if (st && 'index' in st) {
      if (st.index !== undefined) out.index = st.index;
      at++;
    }
    const attr = nameAt(at);
    if (attr !== undefined) out.attribute = attr;
    return out;
  };
  const first = nameAt(0);
  if (first === undefined) return undefined;
  if (first === 'data') {
    const type = nameAt(1);
    const name = nameAt(2);
    if (!type || !name) return undefined;
    return { root: 'data', address: `data.${type}.${name}`, type, name, text, ...tail(3) };
  }
  if (first === 'var' || first === 'local') {
    const name = nameAt(1);
    if (!name) return undefined;
    return { root: first, address: `${first}.${name}`, name, text };
  }
  if (first === 'module') {
    const name = nameAt(1);
    if (!name) return undefined;
    return { root: 'module', address: `module.${name}`, name, text, ...tail(2) };
  }
  if (NOT_RESOURCES.has(first) || !RESOURCE_TYPE.test(first)) return undefined;
  const name = nameAt(1);
  if (!name) return undefined;
  return { root: 'resource', address: `${first}.${name}`, type: first, name, text, ...tail(2) };
}

/** A plan `references` entry or any traversal text: `aws_iam_role.app.name`, `module.iam.arn`, `var.x[0]`. */
/** The same few reference strings recur in every instance of a counted resource: parsed once each. */
const parsed = new Map<string, TfRef | undefined>();
const PARSED_LIMIT = 4096;

export function parseReference(text: string): TfRef | undefined {
  if (parsed.has(text)) return parsed.get(text);
  const ref = parseReferenceText(text);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(text, ref);
  return ref;
}

function parseReferenceText(text: string): TfRef | undefined {
  const t = text.trim();
  if (!identStart(t[0])) return undefined;
  const { steps, end } = readTraversal(t, 0);
  if (end !== t.length) return undefined;
  return refFromSteps(steps, t);
}

/** Every reference in an expression (`jsonencode({ a = aws_x.y.arn })`, `"${var.a}-${local.b}"`). */
export function referencesIn(expr: string, nesting = 0): TfRef[] {
  const out: TfRef[] = [];
  if (nesting > MAX_NESTING) return out;
  const forVars = new Set<string>();
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"') {
      const end = skipQuoted(expr, i, nesting);
      for (const part of templateParts(expr.slice(i + 1, Math.max(i + 1, end - 1)))) {
        if (part.kind === 'expr') out.push(...referencesIn(part.text, nesting + 1));
      }
      i = end;
      continue;
    }
    if (identStart(c) && !identChar(expr[i - 1]) && expr[i - 1] !== '.') {
      const { steps, end, computedIndex } = readTraversal(expr, i);
      const first = steps[0] && 'name' in steps[0] ? steps[0].name : '';
      let k = end;
      while (expr[k] === ' ') k++;
      if (first === 'for') {
        // `for k, v in coll :` binds k and v for the rest of the expression
        const m = /^for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\b/.exec(expr.slice(i));
        if (m) {
          forVars.add(m[1]!);
          if (m[2]) forVars.add(m[2]);
        }
      } else if (expr[k] !== '(' && !forVars.has(first)) {
        const ref = refFromSteps(steps, expr.slice(i, end));
        if (ref) out.push(ref);
      }
      for (const inner of computedIndex) out.push(...referencesIn(inner, nesting + 1));
      i = end;
      continue;
    }
    i++;
  }
  return out;
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expr'; text: string } | { kind: 'directive'; text: string };

/** Splits a template into literal text (escapes undone), `${…}` interpolations and `%{…}` directives. */
export function templateParts(s: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < s.length) {
    if ((s.startsWith('$${', i) || s.startsWith('%%{', i))) {
      text += s[i + 1] + '{';
      i += 3;
      continue;
    }
    if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      const close = closingBrace(s, i + 2);
      if (close < 0) {
        // unterminated: Terraform rejects it; keep it as text so nothing is invented
        text += s.slice(i);
        break;
      }
      if (text) parts.push({ kind: 'text', text });
      text = '';
      const inner = s.slice(i + 2, close).replace(/^~/, '').replace(/~$/, '').trim();
      parts.push({ kind: s[i] === '$' ? 'expr' : 'directive', text: inner });
      i = close + 1;
      continue;
    }
    text += s[i];
    i++;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

export interface TemplateInfo {
  /** No interpolation: the string's value (escapes `$${` / `%%{` undone). */
  readonly literal?: string;
  /** The whole string is one `${expr}`: its expression text. */
  readonly sole?: string;
  /** The whole string is one `${traversal}`: the reference. */
  readonly single?: TfRef;
  readonly refs: readonly TfRef[];
}

/** What a configuration string is: a literal, a single reference, or a template with references. */
export function readTemplate(s: string): TemplateInfo {
  if (!s.includes('${') && !s.includes('%{')) return { literal: s, refs: [] };
  const parts = templateParts(s);
  if (parts.every((p) => p.kind === 'text')) return { literal: parts.map((p) => p.text).join(''), refs: [] };
  const refs: TfRef[] = [];
  for (const p of parts) if (p.kind !== 'text') refs.push(...referencesIn(p.text));
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'expr') {
    const single = parseReference(only.text);
    return single ? { sole: only.text, single, refs } : { sole: only.text, refs };
  }
  return { refs };
}

/** An address without its instance keys: `module.web["a"].aws_instance.x[0]` → `module.web.aws_instance.x`. */
export function withoutInstanceKeys(address: string): string {
  let out = '';
  let i = 0;
  while (i < address.length) {
    if (address[i] === '[') {
      const close = closingBracket(address, i + 1);
      if (close < 0) return out + address.slice(i);
      i = close + 1;
      continue;
    }
    out += address[i];
    i++;
  }
  return out;
}
