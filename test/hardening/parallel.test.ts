/**
 * The output does not depend on the parallelism: the built CLI over fixtures/ with one and with
 * several worker threads gives the same JSON. Worker threads run only from dist/ (the
 * tests run the TypeScript sources), so that part needs a build; CI builds dist in `npm ci`.
 * Sharding and the recovery from a failed worker are tested here on the sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/discover.js';
import { defaultScanOptions } from '../../src/engine/defaults.js';
import { scanInWorkers, shardFiles } from '../../src/engine/parallel.js';
import { compareFindings, compareNotifications, scanFiles, type DiscoveredFile, type PartialScan } from '../../src/engine/scan.js';
import { TODAY, workspace } from './pipeline.js';

const REPO = resolve(import.meta.dirname, '../..');
const CLI = join(REPO, 'dist/bundle/main.cjs');
const built = existsSync(CLI);

function runBuilt(jobs: number): string {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', '--fail-on', 'never', '--no-color', '--jobs', String(jobs), 'fixtures'], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { summary: { elapsedMs?: number } };
  delete out.summary.elapsedMs;
  return JSON.stringify(out, null, 2);
}

describe('output order whatever the parallelism', () => {
  it.skipIf(!built)(
    `the built CLI gives the same JSON (findings, files, errors, summary) over fixtures/ with --jobs 1, 2 and 3${built ? '' : ' (skipped: dist/bundle/main.cjs is missing; run npm run build)'}`,
    () => {
      const single = runBuilt(1);
      expect((JSON.parse(single) as { findings: unknown[] }).findings.length).toBeGreaterThan(100);
      expect(runBuilt(2)).toBe(single);
      expect(runBuilt(3)).toBe(single);
    },
    60_000,
  );
});

const ws = workspace('iamlint-parallel-');
afterAll(() => ws.remove());

const files = (names: string[]): DiscoveredFile[] => names.map((file) => ({ abs: join(ws.dir, file), file }));

describe('sharding', () => {
  it('keeps the .tf.json files of one folder in one shard and balances the rest by count', () => {
    const list = files(['a.yaml', 'mod/iam.tf.json', 'b.json', 'mod/main.tf.json', 'c.yaml', 'mod/other.json', 'd.yaml']);
    const shards = shardFiles(list, 2);
    expect(shards.map((s) => s.map((f) => f.file))).toEqual([
      ['a.yaml', 'b.json', 'c.yaml', 'd.yaml'],
      ['mod/iam.tf.json', 'mod/main.tf.json', 'mod/other.json'],
    ]);
    expect(shardFiles(list, 2)).toEqual(shards);
    expect(shardFiles(list.slice(0, 1), 4)).toHaveLength(1);
  });
});

describe('a failing worker does not fail the run', () => {
  const policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}\n';
  const template = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  T:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MetadataOptions: { HttpTokens: optional }\n';
  ws.write({ 'p.json': policy, 'mod/main.tf.json': '{"resource": {"aws_instance": {"web": {"ami": "ami-1"}}}}\n', 's.yaml': template, 't.yaml': template });
  const scripts = {
    throws: "throw new Error('boom');\n",
    exitsEarly: "process.exit(0);\n",
    exitsWithCode: "process.exit(3);\n",
  };
  for (const [name, body] of Object.entries(scripts)) writeFileSync(join(ws.dir, `${name}.mjs`), body);

  const sorted = (p: PartialScan) => ({
    findings: [...p.findings].sort(compareFindings),
    files: [...p.files].sort((a, b) => (a.file < b.file ? -1 : 1)),
    notifications: [...p.notifications].sort(compareNotifications),
  });

  for (const name of Object.keys(scripts)) {
    it(`recovers when a worker ${name.replace(/[A-Z]/g, (c) => ' ' + c.toLowerCase())}: the shard is scanned in this thread`, async () => {
      const { files: paths } = await discover(['.'], { cwd: ws.dir, ignore: [] });
      const base = defaultScanOptions();
      const options = defaultScanOptions({ cwd: ws.dir, baseDir: ws.dir, suppressions: { ...base.suppressions, today: TODAY } });
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.message);
      process.on('warning', onWarning);
      try {
        // Three shards: one in this thread, two in (failing) workers.
        const part = await scanInWorkers(paths, options, 3, pathToFileURL(join(ws.dir, `${name}.mjs`)));
        expect(sorted(part)).toEqual(sorted(await scanFiles(paths, options)));
        expect(part.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}:${f.location.startColumn}`)).toContain('imdsv1-allowed s.yaml:7:40');
        await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      } finally {
        process.off('warning', onWarning);
      }
      expect(warnings.length).toBe(2);
      expect(warnings[0]).toMatch(/^iamlint: a scan worker failed \(.+\); its \d+ files are scanned in the main thread$/);
    });
  }
});
