import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

/** A command-line mistake (a path that does not exist): the CLI exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface DiscoverOptions {
  /** Display paths are relative to this directory. */
  cwd: string;
  /** Globs matched against display paths (`fixtures/**`, `*.generated.json`); a pattern without `/` matches base names. */
  ignore: string[];
}

export interface Discovered {
  /** Sorted by display path. */
  files: { abs: string; file: string }[];
  problems: { path: string; message: string }[];
}

/** Folders never walked into (a folder named explicitly is still walked). */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform']);
/** What a folder walk returns; a file named explicitly is returned whatever its name. */
const LOADABLE = /\.(ya?ml|json|template)$/i;

interface Scope {
  dir: string;
  rules: Ignore;
}

/**
 * Files to scan from files, folders and globs. Folder walks honour `.gitignore` files (the repository's
 * from its root down, and every walked folder's own), `--ignore` globs and the skipped folders, and
 * never enter a folder twice (symbolic link loops). Unreadable folders become problems and the walk
 * goes on; a path that does not exist is a UsageError. The file-system calls are synchronous, as the
 * scan's reads are: each round trip through libuv's thread pool took 1.5–3 ms on a busy 2-core machine
 * (40 ms to list the 1,000-file benchmark corpus that way, 5–11 ms now). Async for the callers' sake.
 */
export async function discover(paths: string[], opts: DiscoverOptions): Promise<Discovered> {
  const cwd = resolve(opts.cwd);
  const display = (abs: string): string => {
    const rel = relative(cwd, abs);
    return rel === '' ? '.' : rel.split(sep).join('/');
  };
  const userIgnored = ignoreMatcher(opts.ignore);
  const isUserIgnored = (file: string, isDir: boolean) => userIgnored(file) || (isDir && userIgnored(`${file}/`));

  // By real path; a file reached both directly and through a symbolic link is listed under its own path.
  const found = new Map<string, { abs: string; file: string; viaLink: boolean }>();
  const problems: Discovered['problems'] = [];

  const add = (abs: string, real: string, viaLink: boolean, file = display(abs)) => {
    const seen = found.get(real);
    if (!seen || (seen.viaLink && !viaLink)) found.set(real, { abs, file, viaLink });
  };

  /**
   * `known`: the folder's real path and display path when its parent's walk already has them (a
   * child's are the parent's plus its name, unless it is a link): no realpath() or relative() per folder.
   */
  const walk = (
    dir: string,
    scopes: readonly Scope[],
    match: ((file: string) => boolean) | undefined,
    visitedDirs: Set<string>,
    known?: { real: string; shown: string },
  ): void => {
    let realDir: string;
    try {
      realDir = known?.real ?? realpath(dir);
    } catch (e) {
      problems.push({ path: display(dir), message: describeError(e, 'folder') });
      return;
    }
    const shown = known?.shown ?? display(dir);
    if (visitedDirs.has(realDir)) return; // a symbolic link loop, or a folder reached twice
    visitedDirs.add(realDir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: shown, message: describeError(e, 'folder') });
      return;
    }
    let inner = scopes;
    if (entries.some((e) => e.name === '.gitignore' && (e.isFile() || e.isSymbolicLink()))) {
      const rules = readGitignore(childPath(dir, '.gitignore'));
      if (rules) inner = [...scopes, { dir, rules }];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const under = scopePaths(inner, dir);
    for (const entry of entries) {
      const abs = childPath(dir, entry.name);
      const file = shown === '.' ? entry.name : `${shown}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let real = childPath(realDir, entry.name);
      if (entry.isSymbolicLink()) {
        try {
          const st = statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
          real = realpath(abs);
        } catch (e) {
          // A link that would be an input and cannot be followed is reported (the run then fails);
          // one to anything else (a README, a folder under an ignored path) is not an input.
          const input = LOADABLE.test(entry.name) && (!match || match(file)) && !isUserIgnored(file, false) && !gitIgnored(inner, under, entry.name, false);
          if (input) problems.push({ path: file, message: describeError(e, 'link') });
          continue;
        }
      }
      if (isDir) {
        if (SKIPPED_DIRS.has(entry.name) || isUserIgnored(file, true) || gitIgnored(inner, under, entry.name, true)) continue;
        walk(abs, inner, match, visitedDirs, { real, shown: file });
      } else if (isFile) {
        if (!LOADABLE.test(entry.name) || (match && !match(file)) || isUserIgnored(file, false) || gitIgnored(inner, under, entry.name, false)) continue;
        add(abs, real, entry.isSymbolicLink(), file);
      }
    }
  };

  for (const p of paths.length > 0 ? paths : ['.']) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        if (picomatch.scan(p).isGlob) {
          const before = found.size;
          walkGlob(p);
          // Like a path that does not exist: a pattern that names nothing is a mistake in the command.
          if (found.size === before) throw new UsageError(`no files match the pattern ${p}`);
          continue;
        }
        throw new UsageError(`path not found: ${p}`);
      }
      problems.push({ path: display(abs), message: describeError(e, 'path') });
      continue;
    }
    if (st.isDirectory()) walk(abs, ancestorScopes(abs, cwd), undefined, new Set());
    else if (st.isFile()) {
      if (!isUserIgnored(display(abs), false)) add(abs, realpathOr(abs), false);
    } else problems.push({ path: display(abs), message: 'not a regular file or folder' });
  }

  function walkGlob(pattern: string): void {
    const { base } = picomatch.scan(pattern);
    const baseAbs = resolve(cwd, base || '.');
    if (!existsSync(baseAbs)) return;
    const relPattern = normalizePattern(isAbsolute(pattern) ? relative(cwd, pattern).split(sep).join('/') : pattern);
    const match = picomatch(relPattern, { dot: true });
    walk(baseAbs, ancestorScopes(baseAbs, cwd), match, new Set());
  }

  const files = [...found.values()].map(({ abs, file }) => ({ abs, file })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

/** `--ignore` globs in gitignore syntax (base-name patterns match at any depth, `dir/` matches folders, `!` re-includes). */
function ignoreMatcher(globs: string[]): (file: string) => boolean {
  const patterns = globs.map(normalizePattern).filter((p) => p !== '');
  if (patterns.length === 0) return () => false;
  const matcher = ignore().add(patterns);
  // The `ignore` package takes relative paths inside the tree only.
  return (file) => file !== '' && file !== '..' && !file.startsWith('../') && !isAbsolute(file) && matcher.ignores(file);
}

function normalizePattern(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  return s;
}

function readGitignore(file: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // an unreadable .gitignore ignores nothing
  }
}

/**
 * The `.gitignore` files that apply above a walked folder: from the repository root (the nearest folder
 * with `.git`) down to the folder's parent; without a repository, from the working directory down.
 */
function ancestorScopes(dir: string, cwd: string): Scope[] {
  const chain: string[] = [];
  let gitRoot: string | undefined;
  for (let d = dirname(dir); ; d = dirname(d)) {
    chain.unshift(d);
    if (existsSync(join(d, '.git'))) {
      gitRoot = d;
      break;
    }
    if (dirname(d) === d) break;
  }
  if (existsSync(join(dir, '.git'))) return [];
  const top = gitRoot ?? (isInside(dir, cwd) && dir !== cwd ? cwd : undefined);
  if (!top) return [];
  const scopes: Scope[] = [];
  for (const d of chain.slice(chain.indexOf(top))) {
    if (!existsSync(join(d, '.gitignore'))) continue;
    const rules = readGitignore(join(d, '.gitignore'));
    if (rules) scopes.push({ dir: d, rules });
  }
  return scopes;
}

// The operating system's realpath(3), as fs/promises uses (the JavaScript realpathSync resolves links itself).
const realpath = (path: string): string => realpathSync.native(path);

/** A folder's entry: path.join without its normalising (a folder path from resolve() or realpath() is normal already). */
function childPath(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

function realpathOr(path: string): string {
  try {
    return realpath(path);
  } catch {
    return path;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Where a folder sits under each scope, as `.gitignore` rules see paths ('' for the scope's own
 * folder; undefined outside it): its entries' paths are these plus their names, without a
 * `relative()` per entry and scope.
 */
function scopePaths(scopes: readonly Scope[], dir: string): (string | undefined)[] {
  return scopes.map((scope) => {
    const rel = relative(scope.dir, dir).split(sep).join('/');
    return rel === '..' || rel.startsWith('../') ? undefined : rel;
  });
}

/** Git's order: the deepest `.gitignore` with a matching rule decides. `under`: scopePaths of the entry's folder. */
function gitIgnored(scopes: readonly Scope[], under: readonly (string | undefined)[], name: string, isDir: boolean): boolean {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i]!;
    const base = under[i];
    if (base === undefined) continue;
    const rel = base === '' ? name : `${base}/${name}`;
    const result = scope.rules.test(isDir ? `${rel}/` : rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

function describeError(e: unknown, what: 'folder' | 'link' | 'path'): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (what === 'link' && code === 'ENOENT') return 'broken symbolic link: its target does not exist';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'EACCES' || code === 'EPERM') return what === 'folder' ? 'permission denied: the folder cannot be read' : 'permission denied';
  if (code === 'ENOENT') return 'no longer exists (deleted while scanning?)';
  return `cannot read: ${e instanceof Error ? e.message : String(e)}`;
}
