import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { InputFormat, Json } from '../model/source.js';
import type { Event } from 'js-yaml';
import { decodeText } from './decode.js';
import { detectFormat, extensionSyntax, guessFormat, type Syntax } from './detect.js';
import { duplicateJsonKeys } from './json-duplicates.js';
import type { ContainerEnds } from './json-containers.js';
import { JsonDocument, parseJson } from './json.js';
import { LineTable } from './lines.js';
import { DEFAULT_MAX_FILE_SIZE, type LoadOptions, type LoadOutcome, type LoadWarning } from './types.js';
import { parseYaml } from './yaml.js';
import { YamlDocument } from './yaml-document.js';

export { openEmbeddedJson } from './embedded.js';
export { decodeUrlEncodedJson } from './url-encoded.js';
export { DEFAULT_MAX_FILE_SIZE } from './types.js';
export { MAX_DEPTH } from './limits.js';
export type { LoadOptions, LoadOutcome, LoadWarning } from './types.js';

/**
 * Reads one file's text into a document (or says why not). `file` is the display path, stored in the
 * document. Synchronous: tests, fuzzers and in-process callers use it directly.
 */
export function loadText(input: string | Uint8Array, file: string, opts: Partial<LoadOptions> = {}): LoadOutcome {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  const max = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (bytes > max) return { status: 'error', message: tooLarge(bytes, max), bytes };
  const decoded = decodeText(input);
  if (!decoded.ok) return { status: 'error', message: decoded.message, region: decoded.region, bytes };
  const text = decoded.text;
  const firstChar = text.search(/\S/);
  if (firstChar === -1) return { status: 'skipped', reason: 'empty file', bytes };

  const ext = extensionSyntax(file);
  const startsLikeJson = text[firstChar] === '{' || text[firstChar] === '[';
  if (ext === 'json' || (ext === undefined && startsLikeJson)) return loadJson(text, file, bytes, ext === 'json');
  if (startsLikeJson) {
    // CloudFormation reads a body as JSON when it is JSON; YAML flow style falls through to YAML.
    const asJson = parseJson(text, true);
    if (asJson.ok) return finish(asJson.value, text, file, bytes, 'json', [], asJson);
  }
  return loadYaml(text, file, bytes, ext !== undefined);
}

function loadJson(text: string, file: string, bytes: number, named: boolean): LoadOutcome {
  const parsed = parseJson(text, true);
  if (parsed.ok) return finish(parsed.value, text, file, bytes, 'json', [], parsed);
  const mode = parsed.message.startsWith('nesting') ? 'limit' : named ? 'guess' : 'skip';
  return parseFailure(text, file, bytes, 'json', parsed.message, parsed.offset, mode);
}

function loadYaml(text: string, file: string, bytes: number, named: boolean): LoadOutcome {
  const parsed = parseYaml(text);
  if (parsed.ok) {
    const table = new LineTable(text);
    const warnings = parsed.duplicates.map(({ key, start, end }) => ({
      message: `duplicate key "${key}": only its last value is used`,
      region: table.region(start, end),
    }));
    return finish(parsed.value, text, file, bytes, 'yaml', warnings, parsed);
  }
  if (parsed.kind === 'empty') return { status: 'skipped', reason: 'empty file (no YAML document, only comments)', bytes };
  if (parsed.kind === 'multi') {
    const ours = parsed.documents.map((d) => detectFormat(d, file, 'yaml')).find((d) => 'format' in d);
    if (ours && 'format' in ours) {
      return {
        status: 'error',
        message: `the file holds ${parsed.documents.length} YAML documents; a template must be a single document`,
        format: ours.format,
        bytes,
      };
    }
    return { status: 'skipped', reason: 'a multi-document YAML stream, not a template or policy', bytes };
  }
  const mode = parsed.limit ? 'limit' : named ? 'guess' : 'skip';
  return parseFailure(text, file, bytes, 'yaml', parsed.message, parsed.offset, mode);
}

/**
 * A file that could not be parsed. `limit` (depth, aliases): always an error. `guess` (a syntax error
 * in a .json/.yaml/.yml/.template file): an error when the text looks like one of our formats, else the
 * file is skipped like any other file that is not ours (editor settings with comments, Helm
 * templates, …). `skip`: a file named explicitly with another extension that is not YAML or JSON.
 */
function parseFailure(
  text: string,
  file: string,
  bytes: number,
  syntax: Syntax,
  reason: string,
  offset: number | undefined,
  mode: 'limit' | 'guess' | 'skip',
): LoadOutcome {
  const what = syntax === 'json' ? 'JSON' : 'YAML';
  const table = new LineTable(text);
  const region = offset === undefined ? undefined : table.region(offset, offset + 1);
  const message = region ? `${what} error at line ${region.startLine}, column ${region.startColumn}: ${reason}` : `${what} error: ${reason}`;
  const format: InputFormat | undefined = guessFormat(text, file, syntax);
  if (mode === 'limit' || (mode === 'guess' && format)) return { status: 'error', message, format, region, bytes };
  return { status: 'skipped', reason: `not a file iamlint reads (${message})`, bytes };
}

/** Terraform writes these itself, with no repeated names: only files people edit are checked for them. */
const MACHINE_WRITTEN: ReadonlySet<InputFormat> = new Set(['terraform-plan', 'terraform-state']);

/** `parsed`: what the parser found besides the data (YAML events, JSON container ends), kept for locating. */
function finish(root: Json, text: string, file: string, bytes: number, syntax: Syntax, warnings: LoadWarning[], parsed: { events?: Event[]; containers?: ContainerEnds }): LoadOutcome {
  const detected = detectFormat(root, file, syntax);
  if ('skip' in detected) return { status: 'skipped', reason: detected.skip, bytes };
  if (syntax === 'json' && !MACHINE_WRITTEN.has(detected.format)) warnings = [...warnings, ...duplicateKeyWarnings(text, detected.format)];
  const doc = syntax === 'json' ? new JsonDocument(file, detected.format, root, text, parsed.containers) : new YamlDocument(file, detected.format, root, text, parsed.events);
  return warnings.length > 0 ? { status: 'loaded', doc, bytes, warnings } : { status: 'loaded', doc, bytes };
}

function duplicateKeyWarnings(text: string, format: InputFormat): LoadWarning[] {
  const duplicates = duplicateJsonKeys(text);
  if (duplicates.length === 0) return [];
  const table = new LineTable(text);
  // Terraform merges repeated block keys (two "resource" objects both count); iamlint, like JSON.parse, keeps the last.
  const effect = format === 'terraform-json' ? 'iamlint reads only its last value, so what the earlier one holds is not checked' : 'only its last value is used';
  return duplicates.map(({ key, start, end }) => ({ message: `duplicate key "${key}": ${effect}`, region: table.region(start, end) }));
}

function tooLarge(size: number, max: number): string {
  return `the file is ${formatBytes(size)}, above the maximum file size of ${formatBytes(max)} (--max-file-size)`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB (${n} bytes)`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB (${n} bytes)`;
  return `${n} bytes`;
}

/**
 * Reads and loads one file. The size is checked on the open handle before anything is read, so a huge
 * file costs one `fstat`. Failures (deleted while scanning, no permission, not a regular file) are
 * `error` outcomes, never exceptions.
 */
export async function loadFile(absPath: string, file: string, opts: LoadOptions): Promise<LoadOutcome> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO must not hang the run.
    handle = await open(absPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { status: 'error', message: describeFsError(e) };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { status: 'error', message: 'not a regular file' };
    if (st.size > opts.maxFileSize) return { status: 'error', message: tooLarge(st.size, opts.maxFileSize), bytes: st.size };
    const buffer = await handle.readFile();
    return loadText(buffer, file, opts);
  } catch (e) {
    return { status: 'error', message: describeFsError(e) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * loadFile without the thread pool: the scan reads one file at a time between CPU-bound steps, and four
 * asynchronous calls per file (open, fstat, read, close) cost more than the reads themselves.
 */
export function loadFileSync(absPath: string, file: string, opts: LoadOptions): LoadOutcome {
  let fd: number;
  try {
    fd = openSync(absPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { status: 'error', message: describeFsError(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { status: 'error', message: 'not a regular file' };
    if (st.size > opts.maxFileSize) return { status: 'error', message: tooLarge(st.size, opts.maxFileSize), bytes: st.size };
    const buffer = readBufferFor(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, buffer, read, st.size - read, read);
      if (n === 0) break; // the file shrank since fstat
      read += n;
    }
    // loadText decodes the bytes into a string and keeps no reference to them.
    return loadText(buffer.subarray(0, read), file, opts);
  } catch (e) {
    return { status: 'error', message: describeFsError(e) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing to do: the descriptor is gone either way
    }
  }
}

/**
 * One read buffer, reused from file to file (the bytes are decoded into a string at once), instead of
 * an off-heap allocation per file that only a garbage collection returns. Files above REUSED_MAX get
 * a buffer of their own, dropped after.
 */
const REUSED_MAX = 8 * 1024 * 1024;
let reused = Buffer.allocUnsafeSlow(64 * 1024);

function readBufferFor(size: number): Buffer {
  if (size > REUSED_MAX) return Buffer.allocUnsafeSlow(size);
  if (size > reused.length) reused = Buffer.allocUnsafeSlow(Math.min(REUSED_MAX, Math.max(size, reused.length * 2)));
  return reused;
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file does not exist (deleted while scanning?)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: the file cannot be read';
    case 'EISDIR':
      return 'a directory, not a file';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return `cannot read the file: ${e instanceof Error ? e.message : String(e)}`;
  }
}
