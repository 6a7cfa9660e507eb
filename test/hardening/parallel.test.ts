/**
 * The output does not depend on the parallelism: the built CLI over fixtures/ with one and with
 * several worker threads gives the same JSON. Worker threads run only from dist/ (the
 * tests run the TypeScript sources), so that part needs a build; CI builds dist in `npm ci`.
 * Work units and the recovery from a failed worker are tested here on the sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/discover.js';
import { defaultScanOptions } from '../../src/engine/defaults.js';
import { automaticThreads, claimUnit, scanInWorkers, unitCounter, workUnits } from '../../src/engine/parallel.js';
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

describe('automatic thread count', () => {
  it('adds a thread per 500 files for a CLI scan (its V8 settings), per 2,500 for a library scan, up to the cores', () => {
    expect([999, 1000, 1999, 4000].map((n) => automaticThreads(n, 2, true))).toEqual([1, 2, 2, 2]);
    expect(automaticThreads(2000, 8, true)).toBe(4);
    expect([1000, 4999, 5000, 10_000].map((n) => automaticThreads(n, 2, false))).toEqual([1, 1, 2, 2]);
    expect(automaticThreads(10, 1, true)).toBe(1);
  });
});

describe('work units', () => {
  it('packs YAML files, then JSON files, then Terraform modules (a folder\'s .tf.json files together) into units of at least the given size', () => {
    const list = files(['a.yaml', 'mod/iam.tf.json', 'b.json', 'mod/main.tf.json', 'c.yml', 'mod/other.JSON', 'd.template', 'e.tf.json']);
    const names = (size: number) => workUnits(list, size).map((u) => u.map((f) => f.file));
    expect(names(2)).toEqual([['a.yaml', 'c.yml'], ['d.template', 'b.json'], ['mod/other.JSON', 'mod/iam.tf.json', 'mod/main.tf.json'], ['e.tf.json']]);
    expect(names(1)).toEqual([['a.yaml'], ['c.yml'], ['d.template'], ['b.json'], ['mod/other.JSON'], ['mod/iam.tf.json', 'mod/main.tf.json'], ['e.tf.json']]);
    expect(names(100).flat()).toEqual(['a.yaml', 'c.yml', 'd.template', 'b.json', 'mod/other.JSON', 'mod/iam.tf.json', 'mod/main.tf.json', 'e.tf.json']);
    expect(workUnits([], 20)).toEqual([]);
  });

  it('gives every unit to exactly one claim, front and back alike, however the claims interleave', () => {
    for (const units of [0, 1, 2, 7]) {
      for (let pattern = 0; pattern < 64; pattern++) {
        const counter = unitCounter();
        const taken: number[] = [];
        // Bit k of the pattern: whether the k-th claim comes from the back; claims go on past the end.
        for (let k = 0; k < units + 3; k++) {
          const i = claimUnit(counter, units, ((pattern >> k % 6) & 1) === 1);
          if (i !== undefined) taken.push(i);
        }
        expect([...taken].sort((a, b) => a - b)).toEqual([...Array(units).keys()]);
      }
    }
  });

  it('serves the front in order and the back in reverse order', () => {
    const counter = unitCounter();
    expect([claimUnit(counter, 5), claimUnit(counter, 5, true), claimUnit(counter, 5), claimUnit(counter, 5, true), claimUnit(counter, 5, true), claimUnit(counter, 5)]).toEqual([
      0,
      4,
      1,
      3,
      2,
      undefined,
    ]);
  });
});

describe('a failing worker does not fail the run', () => {
  const policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}\n';
  const template = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  T:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MetadataOptions: { HttpTokens: optional }\n';
  ws.write({ 'p.json': policy, 'mod/main.tf.json': '{"resource": {"aws_instance": {"web": {"ami": "ami-1"}}}}\n', 's.yaml': template, 't.yaml': template });
  // Takes every unit left, then ends without reporting them.
  const takeAll = "import { workerData } from 'node:worker_threads';\nwhile (Atomics.add(workerData.counter, 0, 1) < workerData.units.length);\n";
  const scripts = {
    throws: { body: "throw new Error('boom');\n", warned: /^iamlint: a scan worker failed \(.*boom.*\); the files it had not reported are scanned in the main thread$/ },
    exitsWithCode: { body: 'process.exit(3);\n', warned: /^iamlint: a scan worker failed \(exited with code 3\); the files it had not reported are scanned in the main thread$/ },
    takesUnitsAndThrows: { body: `${takeAll}throw new Error('late');\n`, warned: /^iamlint: a scan worker failed \(.*late.*\); the files it had not reported are scanned in the main thread$/ },
    takesUnitsAndExits: { body: `${takeAll}process.exit(0);\n`, warned: /^iamlint: a scan worker ended before reporting \d+ files; they are scanned in the main thread$/ },
    // Ending normally without taking a unit is not a failure: the other threads took them all.
    exitsAtOnce: { body: 'process.exit(0);\n', warned: undefined },
  };
  for (const [name, { body }] of Object.entries(scripts)) writeFileSync(join(ws.dir, `${name}.mjs`), body);
  // Sorted first and slow to check, so this thread is still on them when the workers start and take the rest.
  const roles = Array.from({ length: 600 }, (_, i) => `  Role${i}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - { Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - { Effect: Allow, Action: "s3:*", Resource: "*" }\n`);
  ws.write({ '0-slow.yaml': `Resources:\n${roles.join('')}`, '1-slow.yaml': `Resources:\n${roles.join('')}` });

  const sorted = (p: PartialScan) => ({
    findings: [...p.findings].sort(compareFindings),
    files: [...p.files].sort((a, b) => (a.file < b.file ? -1 : 1)),
    notifications: [...p.notifications].sort(compareNotifications),
  });

  const base = defaultScanOptions();
  const options = defaultScanOptions({ cwd: ws.dir, baseDir: ws.dir, suppressions: { ...base.suppressions, today: TODAY } });
  let inOneThread: Promise<PartialScan> | undefined;

  for (const [name, { warned }] of Object.entries(scripts)) {
    it(`recovers when a worker ${name.replace(/[A-Z]/g, (c) => ' ' + c.toLowerCase())}: what it did not report is scanned in this thread`, async () => {
      const { files: paths } = await discover(['.'], { cwd: ws.dir, ignore: [] });
      inOneThread ??= scanFiles(paths, options);
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.message);
      process.on('warning', onWarning);
      try {
        // This thread and two (failing) workers, one file per unit.
        const part = await scanInWorkers(paths, options, 3, pathToFileURL(join(ws.dir, `${name}.mjs`)), 1);
        expect(sorted(part)).toEqual(sorted(await inOneThread));
        expect(part.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}:${f.location.startColumn}`)).toContain('imdsv1-allowed s.yaml:7:40');
        await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      } finally {
        process.off('warning', onWarning);
      }
      if (!warned) return expect(warnings).toEqual([]);
      expect(warnings.length).toBe(name === 'takesUnitsAndExits' ? 1 : 2);
      for (const w of warnings) expect(w).toMatch(warned);
    }, 30_000);
  }
});
