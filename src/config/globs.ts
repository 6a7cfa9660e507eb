import { isAbsolute, relative, sep } from 'node:path';
import picomatch from 'picomatch';

/**
 * Rewrites a glob written relative to `fromDir` (the config file's folder) so it matches paths relative
 * to `toDir` (the working directory, which displayed paths are relative to). Returns every pattern
 * needed: a `**` may absorb the folders between the two, or not.
 */
export function rebaseGlob(glob: string, fromDir: string, toDir: string): string[] {
  const negated = glob.startsWith('!');
  const body = (negated ? glob.slice(1) : glob).replace(/^\.\//, '').replace(/^\//, '');
  const down = relative(fromDir, toDir).split(sep).join('/');
  if (down === '') return [glob];
  const prefix = negated ? '!' : '';
  if (down === '..' || down.startsWith('../') || isAbsolute(down)) {
    // The working directory is outside the config folder: reach the config folder with `../`.
    const up = relative(toDir, fromDir).split(sep).join('/');
    return [`${prefix}${up}/${body}`];
  }
  const results = new Set<string>();
  for (const rest of consume(body.split('/'), down.split('/'))) results.add(prefix + rest);
  // Files above the working directory but under the config folder are shown as `../…`.
  results.add(`${prefix}${relative(toDir, fromDir).split(sep).join('/')}/${body}`);
  return [...results];
}

function consume(glob: string[], dirs: string[]): string[] {
  if (!dirs.length) return glob.length ? [glob.join('/')] : [];
  const [head, ...tail] = glob;
  if (head === undefined) return [];
  if (head === '**') return [...consume(glob, dirs.slice(1)), ...consume(tail, dirs)];
  if (!tail.length) return []; // the glob ends at a folder above the working directory: matches no file in it
  return picomatch.isMatch(dirs[0]!, head, { dot: true }) ? consume(tail, dirs.slice(1)) : [];
}

export function rebaseGlobs(globs: readonly string[], fromDir: string, toDir: string): string[] {
  return [...new Set(globs.flatMap((g) => rebaseGlob(g, fromDir, toDir)))];
}

/**
 * Rebases an ignore glob (discovery matches a pattern without `/` against base names, anywhere) from
 * the config folder to the working directory: such patterns are kept, anchored ones are rewritten.
 */
export function rebaseIgnore(pattern: string, fromDir: string, toDir: string): string[] {
  const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  if (!body.replace(/\/+$/, '').includes('/')) return [pattern];
  return rebaseGlob(pattern, fromDir, toDir);
}
