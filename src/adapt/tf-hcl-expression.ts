/**
 * A bounded parser for the HCL expressions written inside `${jsonencode(…)}` in Terraform JSON
 * configuration: object and tuple constructors, quoted templates, numbers, `true`/`false`/`null`.
 * Anything else that is a well-formed expression (references, function calls, `for` expressions,
 * operators) is kept as its text, to be read as an unknown value; syntax it does not understand makes
 * the whole parse give up. Offsets are those of the text given (the decoded configuration string).
 */
import type { TfRef } from './tf-reference.js';
import { readTemplate, referencesIn } from './tf-reference.js';

export type HclExpr = HclObject | HclTuple | HclTemplate | HclLiteral | HclOpaque;

interface Span {
  /** [start, end) in the text. */
  readonly start: number;
  readonly end: number;
}

export interface HclObject extends Span {
  readonly kind: 'object';
  readonly members: readonly HclMember[];
}

export interface HclMember {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: HclExpr;
}

export interface HclTuple extends Span {
  readonly kind: 'tuple';
  readonly items: readonly HclExpr[];
}

/** A quoted string. */
export interface HclTemplate extends Span {
  readonly kind: 'template';
  /**
   * The template as Terraform JSON syntax writes it: HCL backslash escapes undone in the literal parts,
   * `${…}` / `%{…}` and the `$${` / `%%{` escapes kept as written.
   */
  readonly template: string;
  /** Text offset of each unit of `template`, and of the closing quote last. */
  readonly units: readonly number[];
  /** The string's value when it has no interpolation. */
  readonly literal?: string;
  readonly refs: readonly TfRef[];
}

export interface HclLiteral extends Span {
  readonly kind: 'literal';
  readonly value: number | boolean | null;
}

/** An expression evaluated only when Terraform runs: its text (comments dropped, lines joined). */
export interface HclOpaque extends Span {
  readonly kind: 'expression';
  readonly text: string;
  readonly refs: readonly TfRef[];
}

const MAX_DEPTH = 32;
const MAX_NODES = 20_000;
const MAX_TEXT = 512 * 1024;

/** Where a value ends: the closing bracket of its context, a comma (but in interpolations), and in objects a line break. */
interface Context {
  readonly close: '}' | ']' | ')';
  readonly newline: boolean;
  readonly comma: boolean;
}
const IN_OBJECT: Context = { close: '}', newline: true, comma: true };
const IN_TUPLE: Context = { close: ']', newline: false, comma: true };
const IN_CALL: Context = { close: ')', newline: false, comma: true };
/** `${…}` and `%{…}` (a directive such as `%{ for k, v in m }` has commas at depth 0). */
const IN_INTERPOLATION: Context = { close: '}', newline: false, comma: false };

class GiveUp extends Error {}
/** An object key that is an expression: the object is known only when Terraform runs. */
class ComputedKey extends Error {}

function giveUp(): never {
  throw new GiveUp();
}

const isIdentStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isIdentChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_-]/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
/** Keywords of `for` expressions and directives that stand between operands. */
const KEYWORD_OPERATORS = new Set(['for', 'in', 'if']);
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

class Parser {
  private nodes = 0;

  constructor(
    private readonly s: string,
    private readonly end: number,
  ) {}

  /** Skips blanks and comments; line breaks too unless `newline` is false (they separate object members). */
  space(i: number, newline: boolean): number {
    const s = this.s;
    let j = i;
    while (j < this.end) {
      const c = s[j];
      if (c === ' ' || c === '\t' || c === '\r' || (c === '\n' && newline)) j++;
      else if (c === '#' || (c === '/' && s[j + 1] === '/')) {
        while (j < this.end && s[j] !== '\n') j++;
      } else if (c === '/' && s[j + 1] === '*') {
        const close = s.indexOf('*/', j + 2);
        if (close < 0 || close + 2 > this.end) giveUp();
        j = close + 2;
      } else break;
    }
    return j;
  }

  private count(depth: number): void {
    if (depth > MAX_DEPTH || ++this.nodes > MAX_NODES) giveUp();
  }

  value(i: number, ctx: Context, depth: number): HclExpr {
    this.count(depth);
    const s = this.s;
    const c = s[i];
    let lit: HclExpr | undefined;
    if (c === '{' || c === '[') {
      if (!this.startsFor(i + 1)) {
        try {
          lit = c === '{' ? this.object(i, depth) : this.tuple(i, depth);
        } catch (e) {
          if (!(e instanceof ComputedKey)) throw e;
        }
      }
    } else if (c === '"') lit = this.template(i, depth);
    else if (isDigit(c) || (c === '-' && isDigit(s[i + 1]))) lit = this.number(i);
    else if (isIdentStart(c)) lit = this.keyword(i);
    else if (c === '<' && s[i + 1] === '<') giveUp(); // heredoc
    else if (c !== '(' && c !== '!' && c !== '-') giveUp();
    if (lit && this.endsAt(lit.end, ctx)) return lit;
    return this.opaque(i, ctx, depth);
  }

  /** A value ends here when only its context's separator or closer follows. */
  private endsAt(i: number, ctx: Context): boolean {
    const j = this.space(i, !ctx.newline);
    const c = this.s[j];
    return j >= this.end || c === ',' || c === ctx.close || (ctx.newline && c === '\n');
  }

  private startsFor(i: number): boolean {
    const j = this.space(i, true);
    return this.s.startsWith('for', j) && !isIdentChar(this.s[j + 3]);
  }

  private keyword(i: number): HclLiteral | undefined {
    let j = i;
    while (j < this.end && isIdentChar(this.s[j])) j++;
    const word = this.s.slice(i, j);
    const next = this.s[j];
    if (next === '.' || next === '[' || next === '(') return undefined;
    if (word === 'true' || word === 'false') return { kind: 'literal', start: i, end: j, value: word === 'true' };
    if (word === 'null') return { kind: 'literal', start: i, end: j, value: null };
    return undefined;
  }

  private number(i: number): HclLiteral {
    const negative = this.s[i] === '-';
    NUMBER.lastIndex = negative ? i + 1 : i;
    const m = NUMBER.exec(this.s);
    if (!m) giveUp();
    const end = NUMBER.lastIndex;
    if (end > this.end || isIdentChar(this.s[end])) giveUp();
    const value = Number(m[0]) * (negative ? -1 : 1);
    if (!Number.isFinite(value)) giveUp();
    return { kind: 'literal', start: i, end, value };
  }

  private object(i: number, depth: number): HclObject {
    const s = this.s;
    const members: HclMember[] = [];
    const seen = new Set<string>();
    let j = i + 1;
    for (;;) {
      j = this.space(j, true);
      if (j >= this.end) giveUp();
      if (s[j] === '}') return { kind: 'object', start: i, end: j + 1, members };
      const keyStart = j;
      let key: string;
      let keyEnd: number;
      if (s[j] === '"') {
        const t = this.template(j, depth + 1);
        if (t.literal === undefined) throw new ComputedKey();
        key = t.literal;
        keyEnd = t.end;
      } else if (isIdentStart(s[j])) {
        keyEnd = j;
        while (keyEnd < this.end && isIdentChar(s[keyEnd])) keyEnd++;
        key = s.slice(j, keyEnd);
      } else if (s[j] === '(') throw new ComputedKey();
      else giveUp();
      j = this.space(keyEnd, false);
      if (s[j] === '=' && s[j + 1] !== '=' && s[j + 1] !== '>') j++;
      else if (s[j] === ':') j++;
      else giveUp();
      if (seen.has(key)) giveUp(); // Terraform rejects duplicate keys
      seen.add(key);
      const value = this.value(this.space(j, false), IN_OBJECT, depth + 1);
      members.push({ key, keyStart, keyEnd, value });
      j = this.space(value.end, false);
      if (s[j] === ',' || s[j] === '\n') j++;
      else if (s[j] !== '}') giveUp();
    }
  }

  private tuple(i: number, depth: number): HclTuple {
    const items: HclExpr[] = [];
    let j = i + 1;
    for (;;) {
      j = this.space(j, true);
      if (j >= this.end) giveUp();
      if (this.s[j] === ']') return { kind: 'tuple', start: i, end: j + 1, items };
      const item = this.value(j, IN_TUPLE, depth + 1);
      items.push(item);
      j = this.space(item.end, true);
      if (this.s[j] === ',') j++;
      else if (this.s[j] !== ']') giveUp();
    }
  }

  /** A quoted template starting at the quote. */
  template(i: number, depth: number): HclTemplate {
    this.count(depth);
    const s = this.s;
    let template = '';
    const units: number[] = [];
    let interpolated = false;
    let j = i + 1;
    for (;;) {
      if (j >= this.end) giveUp();
      const c = s[j]!;
      if (c === '"') break;
      if (c === '\n' || c === '\r') giveUp();
      if (c === '\\') {
        const [decoded, length] = this.escape(j);
        // `$` then an escaped `{` would read as an interpolation in Terraform JSON syntax.
        if (decoded.startsWith('{') && /[$%]$/.test(template)) giveUp();
        template += decoded;
        for (let k = 0; k < decoded.length; k++) units.push(j);
        j += length;
        continue;
      }
      if ((c === '$' || c === '%') && s[j + 1] === c && s[j + 2] === '{') {
        template += s.slice(j, j + 3);
        units.push(j, j + 1, j + 2);
        j += 3;
        continue;
      }
      if ((c === '$' || c === '%') && s[j + 1] === '{') {
        const close = this.scan(j + 2, IN_INTERPOLATION, depth + 1, false).end;
        if (s[close] !== '}') giveUp();
        template += s.slice(j, close + 1);
        for (let k = j; k <= close; k++) units.push(k);
        j = close + 1;
        interpolated = true;
        continue;
      }
      template += c;
      units.push(j);
      j++;
    }
    units.push(j);
    const info = readTemplate(template);
    const base = { kind: 'template' as const, start: i, end: j + 1, template, units };
    if (!interpolated && info.literal !== undefined) return { ...base, literal: info.literal, refs: [] };
    return { ...base, refs: info.refs };
  }

  private escape(j: number): [string, number] {
    const e = this.s[j + 1];
    if (e !== undefined && e in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[e]!, 2];
    if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8;
      const hex = this.s.slice(j + 2, j + 2 + len);
      if (j + 2 + len > this.end || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) giveUp();
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) giveUp();
      return [String.fromCodePoint(cp), 2 + len];
    }
    return giveUp();
  }

  private opaque(i: number, ctx: Context, depth: number): HclOpaque {
    const { last, text } = this.scan(i, ctx, depth, true);
    const joined = text.replace(/\s*\n\s*/g, ' ').trim();
    if (!joined) giveUp();
    return { kind: 'expression', start: i, end: last, text: joined, refs: referencesIn(joined) };
  }

  /**
   * Scans an expression up to the context's closer, a comma, or (in objects) a line break, all at
   * bracket depth 0. Two operands in a row (`1 2`, `a b`) are not an expression: it gives up. With
   * `stripComments` the comments are left out of the text; without, a comment gives up (it would end a
   * Terraform JSON interpolation early). `last`: the end of the last character that is neither blank
   * nor comment.
   */
  private scan(i: number, ctx: Context, depth: number, stripComments: boolean): { end: number; last: number; text: string } {
    if (depth > MAX_DEPTH) giveUp();
    const s = this.s;
    const stack: string[] = [];
    let text = '';
    let from = i;
    let last = i;
    let j = i;
    /** The previous token ends an operand (a name, a literal, a closing bracket). */
    let operand = false;
    const operandAt = (end: number) => {
      if (operand) giveUp();
      operand = true;
      j = last = end;
    };
    while (j < this.end) {
      const c = s[j]!;
      if (c === '#' || (c === '/' && (s[j + 1] === '/' || s[j + 1] === '*'))) {
        if (!stripComments) giveUp();
        text += s.slice(from, j) + ' ';
        // a line comment stops before its line break, which may end the expression
        j = from = this.space(j, false);
        continue;
      }
      if (!stack.length && ((c === ',' && ctx.comma) || (c === '\n' && ctx.newline))) break;
      if (c === '"') {
        operandAt(this.template(j, depth + 1).end);
        continue;
      }
      if (isIdentStart(c)) {
        let e = j;
        while (e < this.end && isIdentChar(s[e])) e++;
        if (KEYWORD_OPERATORS.has(s.slice(j, e))) {
          operand = false;
          j = last = e;
        } else operandAt(e);
        continue;
      }
      if (isDigit(c)) {
        NUMBER.lastIndex = j;
        NUMBER.exec(s);
        operandAt(Math.min(NUMBER.lastIndex, this.end));
        continue;
      }
      if (c === '<' && s[j + 1] === '<') giveUp();
      if (c === '(' || c === '[' || c === '{') {
        // a call or an index may follow an operand, an object constructor may not
        if (c === '{' && operand) giveUp();
        if (stack.length >= MAX_DEPTH) giveUp();
        stack.push(c === '(' ? ')' : c === '[' ? ']' : '}');
        operand = false;
        j = last = j + 1;
        continue;
      }
      if (c === ')' || c === ']' || c === '}') {
        if (!stack.length) break;
        if (stack.pop() !== c) giveUp();
        operand = false;
        operandAt(j + 1);
        continue;
      }
      if (c === '\n' && stack[stack.length - 1] === '}') operand = false; // members of an object constructor
      else if (!/\s/.test(c)) {
        operand = false;
        last = j + 1;
      }
      j++;
    }
    if (stack.length) giveUp();
    return { end: j, last, text: text + s.slice(from, j) };
  }

  /** `${jsonencode(<expr>)}`, with blanks around it and `~` strip markers allowed. */
  jsonencodeArgument(): HclExpr | undefined {
    const s = this.s;
    let j = 0;
    while (j < this.end && /\s/.test(s[j]!)) j++;
    if (!s.startsWith('${', j)) return undefined;
    j += 2;
    if (s[j] === '~') j++;
    j = this.space(j, true);
    if (!s.startsWith('jsonencode', j)) return undefined;
    j = this.space(j + 'jsonencode'.length, true);
    if (s[j] !== '(') return undefined;
    const arg = this.value(this.space(j + 1, true), IN_CALL, 1);
    j = this.space(arg.end, true);
    if (s[j] !== ')') return undefined;
    j = this.space(j + 1, true);
    if (s[j] === '~') j++;
    if (s[j] !== '}') return undefined;
    j++;
    while (j < this.end && /\s/.test(s[j]!)) j++;
    return j === this.end ? arg : undefined;
  }
}

function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (e) {
    if (e instanceof GiveUp || e instanceof ComputedKey) return undefined;
    throw e;
  }
}

/** One HCL expression filling the whole text (blanks and comments around it allowed); undefined when not read. */
export function parseHclExpression(text: string): HclExpr | undefined {
  if (text.length > MAX_TEXT) return undefined;
  return attempt(() => {
    const p = new Parser(text, text.length);
    const start = p.space(0, true);
    if (start >= text.length) return undefined;
    const expr = p.value(start, IN_CALL, 0);
    return p.space(expr.end, true) === text.length ? expr : undefined;
  });
}

/**
 * The argument of a Terraform JSON string that is exactly one `${jsonencode(…)}` interpolation;
 * undefined for any other string, or when the argument is not read.
 */
export function parseJsonencodeTemplate(text: string): HclExpr | undefined {
  if (text.length > MAX_TEXT || !text.includes('jsonencode')) return undefined;
  return attempt(() => new Parser(text, text.length).jsonencodeArgument());
}
