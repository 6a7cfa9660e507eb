import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

const BIN = join(REPO, 'dist/bundle/main.cjs');

describe.runIf(existsSync(BIN))('the built bin entry, when the reader of its output goes away', () => {
  it('finishes the run and exits with its own status, without a stack trace', async () => {
    // Enough findings that the report outgrows the pipe's buffer: writes after the reader left fail.
    const dir = tempDir('iamlint-pipe-');
    const examples = join(REPO, 'examples');
    for (let i = 0; i < 40; i++) for (const name of readdirSync(examples)) cpSync(join(examples, name), join(dir, `copy-${i}`, name), { recursive: true });
    const child = spawn(process.execPath, [BIN, dir, '--format', 'json'], { env: { ...process.env, IAMLINT_NO_COMPILE_CACHE: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).not.toMatch(/EPIPE|Error:|at /);
    expect(code).toBe(1);
  }, 30_000);
});
