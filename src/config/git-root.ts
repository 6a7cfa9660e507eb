import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest directory at or above `from` holding a `.git` entry (folder or worktree file), without running git. */
export function gitTopLevel(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    try {
      statSync(join(dir, '.git'));
      return dir;
    } catch {
      // not here
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
