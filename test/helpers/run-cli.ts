import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { tempDir } from './temp-dir.js';

export const REPO = resolve(import.meta.dirname, '../..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in process with captured output (no TTY, no NO_COLOR unless given). */
export async function cli(argv: string[], opts: { cwd?: string; env?: Record<string, string>; isTTY?: boolean; today?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: opts.cwd ?? REPO,
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    today: opts.today ?? '2026-06-15',
  });
  return { code, stdout, stderr };
}

/** A fresh folder (real path, removed when the test file ends) with the given files; `copy` entries are copied from the repository. */
export function workspace(files: Record<string, string>, copy: Record<string, string> = {}): string {
  const root = tempDir('iamlint-cli-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const [to, from] of Object.entries(copy)) {
    mkdirSync(dirname(join(root, to)), { recursive: true });
    cpSync(join(REPO, from), join(root, to), { recursive: true });
  }
  return root;
}
