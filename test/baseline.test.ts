import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { applyBaseline } from '../src/baseline/apply.js';
import { buildBaseline, serializeBaseline, type BaselineFile } from '../src/baseline/file.js';
import type { Finding } from '../src/findings.js';
import { cli, workspace } from './helpers/run-cli.js';

const BAD = 'fixtures/cli/bad/launch-template.yaml';

function finding(ruleId: string, file: string, fingerprint: string, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    severity: 'error',
    message: `${ruleId} in ${file}`,
    location: { file, startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 },
    resource: { id: 'Web', type: 'AWS::EC2::LaunchTemplate' },
    propertyPath: '/Properties',
    fingerprint,
    related: [],
    ...extra,
  };
}

describe('baseline file', () => {
  it('records findings relative to the base dir, sorted by file, rule and fingerprint', () => {
    const b = buildBaseline(
      [finding('wildcard-action', 'b.yaml', 'ff'), finding('imdsv1-allowed', 'b.yaml', 'aa', { resource: undefined }), finding('wildcard-action', 'a.yaml', 'cc'), finding('imdsv1-allowed', 'b.yaml', '11')],
      { cwd: '/repo/infra', baseDir: '/repo' },
      '1.2.3',
    );
    expect(serializeBaseline(b)).toBe(
      JSON.stringify(
        {
          version: 1,
          tool: { name: 'iamlint', version: '1.2.3' },
          findings: [
            { fingerprint: 'cc', ruleId: 'wildcard-action', file: 'infra/a.yaml', resource: 'Web', message: 'wildcard-action in a.yaml' },
            { fingerprint: '11', ruleId: 'imdsv1-allowed', file: 'infra/b.yaml', resource: 'Web', message: 'imdsv1-allowed in b.yaml' },
            { fingerprint: 'aa', ruleId: 'imdsv1-allowed', file: 'infra/b.yaml', message: 'imdsv1-allowed in b.yaml' },
            { fingerprint: 'ff', ruleId: 'wildcard-action', file: 'infra/b.yaml', resource: 'Web', message: 'wildcard-action in b.yaml' },
          ],
        },
        null,
        2,
      ) + '\n',
    );
  });

  it('suppresses known fingerprints and counts fixed entries only for scanned files', () => {
    const baseline: BaselineFile = {
      version: 1,
      tool: { name: 'iamlint', version: '0.1.0' },
      findings: [
        { fingerprint: 'known', ruleId: 'imdsv1-allowed', file: 'infra/a.yaml', message: '' },
        { fingerprint: 'gone', ruleId: 'imdsv1-allowed', file: 'infra/a.yaml', message: '' },
        { fingerprint: 'elsewhere', ruleId: 'imdsv1-allowed', file: 'infra/not-scanned.yaml', message: '' },
      ],
    };
    const out = applyBaseline(
      [finding('imdsv1-allowed', 'a.yaml', 'known'), finding('imdsv1-allowed', 'a.yaml', 'new')],
      baseline,
      [{ file: 'a.yaml', status: 'scanned' }],
      { cwd: '/repo/infra', baseDir: '/repo', roots: ['a.yaml'] },
      'baseline.json',
    );
    expect(out.findings[0]!.suppression).toEqual({ kind: 'external', source: 'baseline', justification: 'recorded in the baseline baseline.json' });
    expect(out.findings[1]!.suppression).toBeUndefined();
    expect(out).toMatchObject({ matched: 1, newCount: 1, fixedCount: 1 });
  });
});

describe('baseline through the CLI', () => {
  const setup = () => workspace({ '.git/HEAD': '' }, { 'infra/web.yaml': BAD, 'infra/other.yaml': BAD });

  it('writes a baseline, then reports nothing new, survives moved lines and counts fixes', async () => {
    const root = setup();
    const written = await cli(['infra', '--write-baseline', '.iamlint-baseline.json'], { cwd: root });
    expect(written).toEqual({ code: 0, stdout: '', stderr: 'iamlint: wrote 4 findings to the baseline .iamlint-baseline.json\n' });
    const text = readFileSync(join(root, '.iamlint-baseline.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const file = JSON.parse(text) as BaselineFile;
    expect(file.findings.map((e) => [e.file, e.ruleId, e.resource])).toEqual([
      ['infra/other.yaml', 'imds-hop-limit', 'WebTemplate'],
      ['infra/other.yaml', 'imdsv1-allowed', 'WebTemplate'],
      ['infra/web.yaml', 'imds-hop-limit', 'WebTemplate'],
      ['infra/web.yaml', 'imdsv1-allowed', 'WebTemplate'],
    ]);

    const clean = await cli(['infra', '--baseline', '.iamlint-baseline.json'], { cwd: root });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('Baseline: 0 new, 0 fixed.');

    // Lines move (a comment block and a new resource above) and unrelated text changes: still matched.
    const web = join(root, 'infra/web.yaml');
    const original = readFileSync(web, 'utf8');
    const moved = original
      .replace('Resources:\n', 'Resources:\n  # Logs bucket added later.\n  Logs:\n    Type: AWS::S3::Bucket\n\n')
      .replace('Description: Web tier whose launch template still answers IMDSv1 requests.', 'Description: Web tier (renamed).')
      .replace('          HttpTokens: optional\n          HttpPutResponseHopLimit: 3\n', '          HttpPutResponseHopLimit: 3\n          HttpTokens: optional\n');
    writeFileSync(web, moved);
    const afterMove = await cli(['infra', '--baseline', '.iamlint-baseline.json', '-f', 'json'], { cwd: root });
    expect(afterMove.code).toBe(0);
    const json = JSON.parse(afterMove.stdout) as { findings: { location: { file: string; startLine: number }; suppression: { source: string } | null }[]; summary: { baseline: unknown } };
    expect(json.findings.filter((f) => f.location.file === 'infra/web.yaml').map((f) => [f.location.startLine, f.suppression?.source])).toEqual([
      [15, 'baseline'],
      [16, 'baseline'],
    ]);
    expect(json.summary.baseline).toEqual({ new: 0, fixed: 0 });
    expect(afterMove.stderr).toBe('iamlint: baseline: 0 new, 0 fixed (no longer found)\n');

    // Fix one finding and add a new one.
    writeFileSync(web, moved.replace('HttpTokens: optional', 'HttpTokens: required'));
    writeFileSync(join(root, 'infra/new.yaml'), readFileSync(join(root, 'infra/other.yaml'), 'utf8'));
    const changed = await cli(['infra', '--baseline', '.iamlint-baseline.json', '-f', 'sarif'], { cwd: root });
    expect(changed.code).toBe(1);
    const log = JSON.parse(changed.stdout) as Log;
    const results = log.runs[0]!.results!;
    const where = (r: (typeof results)[number]) => r.locations![0]!.physicalLocation!.artifactLocation!.uri;
    expect(results.map((r) => [where(r), r.ruleId, r.suppressions?.[0]?.kind ?? null])).toEqual([
      ['infra/new.yaml', 'imdsv1-allowed', null],
      ['infra/new.yaml', 'imds-hop-limit', null],
      ['infra/other.yaml', 'imdsv1-allowed', 'external'],
      ['infra/other.yaml', 'imds-hop-limit', 'external'],
      ['infra/web.yaml', 'imds-hop-limit', 'external'],
    ]);
    expect(changed.stderr).toBe('iamlint: baseline: 2 new, 1 fixed (no longer found)\n');

    // Scanning one file does not call the other files' entries fixed.
    const one = await cli(['infra/other.yaml', '--baseline', '.iamlint-baseline.json'], { cwd: root });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Baseline: 0 new, 0 fixed.');

    // Updating the baseline keeps what is still there and drops what was fixed.
    await cli(['infra', '--baseline', '.iamlint-baseline.json', '--write-baseline', '.iamlint-baseline.json'], { cwd: root });
    const updated = JSON.parse(readFileSync(join(root, '.iamlint-baseline.json'), 'utf8')) as BaselineFile;
    expect(updated.findings.map((e) => [e.file, e.ruleId])).toEqual([
      ['infra/new.yaml', 'imds-hop-limit'],
      ['infra/new.yaml', 'imdsv1-allowed'],
      ['infra/other.yaml', 'imds-hop-limit'],
      ['infra/other.yaml', 'imdsv1-allowed'],
      ['infra/web.yaml', 'imds-hop-limit'],
    ]);
  });

  it('matches the same baseline from a subfolder (paths are relative to the repository root)', async () => {
    const root = setup();
    await cli(['infra', '--write-baseline', '.iamlint-baseline.json'], { cwd: root });
    const sub = await cli(['.', '--baseline', '../.iamlint-baseline.json'], { cwd: join(root, 'infra') });
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('Baseline: 0 new, 0 fixed.');
  });

  it('reads the baseline path from the config file', async () => {
    const root = setup();
    await cli(['infra', '--write-baseline', 'ci/baseline.json'], { cwd: root });
    writeFileSync(join(root, 'iamlint.config.yaml'), 'baseline: ci/baseline.json\n');
    expect((await cli(['infra'], { cwd: root })).code).toBe(0);
  });

  it('exits 2 on a missing or malformed baseline', async () => {
    const root = setup();
    expect(await cli(['infra', '--baseline', 'nope.json'], { cwd: root })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'iamlint: nope.json: baseline file not found (create it with --write-baseline)\n',
    });
    writeFileSync(join(root, 'bad.json'), '{"version": 2, "findings": []}');
    expect((await cli(['infra', '--baseline', 'bad.json'], { cwd: root })).stderr).toBe('iamlint: bad.json: /version: unsupported baseline version 2; expected 1\n');
  });
});
