import { hash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * V8's compiled code for the bundle (`source`: the code exactly as compiled), kept between runs (what Node 22's module.enableCompileCache
 * does; Node 20 has no such thing). A file per bundle content, bundle path and Node version, in a folder of the
 * user's own under the temp folder; V8 checks the rest (its version and flags) and rejects a cache
 * that does not fit, which is then written again. Anything unusual (a folder someone else owns or
 * can write, a symlink, no permission) and the run goes on without a cache.
 */
export function compileCacheFile(source: string | Buffer, env: NodeJS.ProcessEnv = process.env, dir = defaultDir(), scriptPath = ''): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE || env.IAMLINT_NO_COMPILE_CACHE) return undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ownedPrivately(dir, true)) return undefined;
  } catch {
    return undefined;
  }
  // V8 checks a cache against the length of the code only: its content is in the name. So is the
  // script's path: V8 takes the file name in stack traces from the cache, not from the script.
  const key = hash('sha256', Buffer.concat([Buffer.from(`${scriptPath}\0`), Buffer.isBuffer(source) ? source : Buffer.from(source)])).slice(0, 32);
  return join(dir, `${process.version}-${process.arch}-${key}.cache`);
}

/** What a cache file holds: V8's code, and whether the run that wrote it scanned anything. */
export interface CompileCache {
  data: Buffer;
  /**
   * A run that only printed help or its version compiled little beyond the start-up code; a cache
   * it wrote is replaced by the first run that scans, which compiles the loaders, rules and reports.
   */
  afterScan: boolean;
}

/** The cached code, if the file is ours and whole: its first bytes are a digest of the rest (V8 would trust damaged code). */
export function readCompileCache(file: string): CompileCache | undefined {
  try {
    if (!ownedPrivately(file, false)) return undefined;
    const bytes = readFileSync(file);
    const rest = bytes.subarray(DIGEST_BYTES);
    if (rest.length <= 1 || !digest(rest).equals(bytes.subarray(0, DIGEST_BYTES))) return undefined;
    return { data: rest.subarray(1), afterScan: rest[0] === 1 };
  } catch {
    return undefined;
  }
}

/**
 * Written whole under a temporary name, then renamed: a run reading at the same time sees all or
 * nothing. Each build and Node version has its own file, so only the newest few are kept.
 */
export function writeCompileCache(file: string, cache: CompileCache): void {
  const partial = `${file}.${process.pid}.tmp`;
  const rest = Buffer.concat([Buffer.of(cache.afterScan ? 1 : 0), cache.data]);
  try {
    writeFileSync(partial, Buffer.concat([digest(rest), rest]), { mode: 0o600 });
    renameSync(partial, file);
    pruneCompileCache(dirname(file), KEPT_FILES);
  } catch {
    // no cache this time
  }
}

/** Builds and Node versions whose caches are kept (several projects may use different iamlint versions). */
const KEPT_FILES = 4;

/** Removes all but the `keep` most recently written cache files of a folder. */
export function pruneCompileCache(dir: string, keep: number): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cache'))
    .map((f) => ({ path: join(dir, f), written: lstatSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  for (const f of files.slice(keep)) rmSync(f.path, { force: true });
}

const DIGEST_BYTES = 32;

function digest(data: Buffer): Buffer {
  return hash('sha256', data, 'buffer');
}

function defaultDir(): string {
  return join(tmpdir(), `iamlint-compile-cache-${process.getuid?.() ?? 'user'}`);
}

/** Not a symlink, of the expected kind, owned by this user and not writable by others. */
function ownedPrivately(path: string, folder: boolean): boolean {
  const st = lstatSync(path);
  if (folder ? !st.isDirectory() : !st.isFile()) return false;
  if (process.getuid && st.uid !== process.getuid()) return false;
  return (st.mode & 0o022) === 0;
}
