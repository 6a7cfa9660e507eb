import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a finding's file lies relative to the base directory, with `/` separators; undefined when outside it. */
export function baseRelativePath(file: string, cwd: string, baseDir: string): string | undefined {
  const rel = relative(baseDir, resolve(cwd, file));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** The path CI systems want (repository-relative when possible, otherwise the path as given), `/` separators. */
export function ciPath(file: string, cwd: string, baseDir: string): string {
  return baseRelativePath(file, cwd, baseDir) ?? resolve(cwd, file).split(sep).join('/');
}

// RFC 3986 pchar minus ':' (a colon in a relative reference's first segment would read as a scheme).
const KEEP = /[!$&'()*+,;=@]/;

function encodeSegment(segment: string): string {
  let out = '';
  for (const ch of segment) out += KEEP.test(ch) ? ch : encodeURIComponent(ch);
  return out;
}

/** A relative URI reference for a `/`-separated relative path. */
export function relativeUri(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

/** `file:` URI of a directory, with the trailing slash that makes it a base URI. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** `file:` URI of a file. */
export function fileUri(file: string, cwd: string): string {
  return pathToFileURL(resolve(cwd, file)).href;
}
