import { chmodSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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

const SMALL_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] });

/** A fresh folder of `count` small, clean IAM policy files (for runs that must see many files). */
export function policyFolder(count: number): string {
  const dir = tempDir('iamlint-policies-');
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `policy-${i}.json`), SMALL_POLICY);
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
