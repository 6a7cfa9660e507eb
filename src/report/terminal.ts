/**
 * Terminal-safe text: input files and messages may hold escape sequences, control characters and
 * bidirectional overrides that would rewrite what the reader sees. Each one is replaced by one
 * character, so columns stay aligned.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeText(text: string): string {
  return text.replace(/\t/g, ' ').replace(UNSAFE, '\ufffd');
}

/** As safeText, and newlines become spaces (for one-line fields). */
export function safeLine(text: string): string {
  return safeText(text.replace(/\r\n|\r|\n/g, ' '));
}

export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => (s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`);

export const ANSI: Palette = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24),
};

const id = (s: string) => s;
export const PLAIN: Palette = { red: id, yellow: id, cyan: id, dim: id, bold: id, underline: id };
