import { chmodSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];

// Registered when a test file imports this module (collection time): a hook added from inside a running
// test would never run.
afterAll(() => {
  for (const dir of created.splice(0)) removeTree(dir);
});

/**
 * A fresh folder (real path) under the system temp folder, removed when the test file ends. Tests make
 * some entries unreadable on purpose, so permissions are restored before removing.
 */
export function tempDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    restoreAccess(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function restoreAccess(dir: string): void {
  try {
    chmodSync(dir, 0o755);
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && !e.isSymbolicLink()) restoreAccess(join(dir, e.name));
  } catch {
    // Not ours to fix: rmSync reports what is left.
  }
}
