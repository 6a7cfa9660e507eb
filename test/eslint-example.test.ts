import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import tseslint from 'typescript-eslint';
import plugin from '../eslint-plugin.js';
import { packageInfo } from '../src/config/package-root.js';
import { eslintResultsToSarif } from '../src/eslint/sarif.js';
import { gitHubSarifProblems } from './helpers/github-sarif.js';
import { sarifSchemaErrors } from './helpers/sarif-schema.js';

const cwd = fileURLToPath(new URL('../fixtures/eslint-example/', import.meta.url));
const built = fileURLToPath(new URL('../dist/eslint-plugin.js', import.meta.url));

/** `file:line:col-endLine:endCol rule (eslint level, iamlint severity)` for each message, in ESLint's order. */
function summary(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) =>
    r.messages.map((m) => {
      const file = relative(cwd, r.filePath).split('\\').join('/');
      return `${file}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} (${m.severity === 2 ? 'error' : 'warn'}, ${m.messageId})`;
    }),
  );
}

const EXPECTED = [
  'src/app-stack.ts:13:25-13:90 iamlint/admin-access (error, error)',
  'src/app-stack.ts:17:19-17:33 iamlint/passrole-wildcard (error, error)',
  'src/app-stack.ts:17:35-17:50 iamlint/unknown-action (warn, warning)',
  'src/app-stack.ts:18:21-18:24 iamlint/wildcard-resource (warn, warning)',
  'src/app-stack.ts:22:38-27:6 iamlint/imdsv1-allowed (error, warning)',
  'src/app-stack.ts:30:18-30:40 iamlint/trust-wildcard-principal (error, error)',
  'src/app-stack.ts:31:27-31:45 iamlint/max-session-duration (warn, warning)',
  'src/deploy.js:6:32-6:52 iamlint/hardcoded-access-key (error, error)',
  'src/deploy.js:12:42-12:45 iamlint/admin-access (error, error)',
  'src/deploy.js:17:42-17:140 iamlint/imdsv1-allowed (error, warning)',
  'src/pulumi.ts:20:44-20:52 iamlint/wildcard-action (error, warning)',
  'src/pulumi.ts:20:64-20:67 iamlint/wildcard-resource (warn, warning)',
  'src/pulumi.ts:30:34-30:44 iamlint/imdsv1-allowed (error, error)',
];

describe('the example project (fixtures/eslint-example)', () => {
  let eslint: ESLint;
  let results: ESLint.LintResult[];

  beforeAll(async () => {
    if (!existsSync(built)) throw new Error('dist/eslint-plugin.js is missing: run `npm run build` (npm ci does) before the tests');
    // Exactly what `npx eslint src` does there: its own eslint.config.js, which imports `iamlint/eslint-plugin`.
    eslint = new ESLint({ cwd });
    results = await eslint.lintFiles(['src']);
  });

  it('reports the findings of the bad files at their exact places, and nothing in the good ones', () => {
    expect(summary(results)).toEqual(EXPECTED);
    const byFile = Object.fromEntries(results.map((r) => [relative(cwd, r.filePath), r.messages.length]));
    expect(byFile['src/secure-stack.ts']).toBe(0);
    expect(byFile['src/cdktf-main.ts']).toBe(0);
  });

  it('says what is wrong and how to fix it, naming the construct', () => {
    const messages = results.flatMap((r) => r.messages.map((m) => m.message));
    expect(messages).toContain(
      'Instance web sets metadataOptions.httpTokens to optional, so its instance metadata service answers IMDSv1 requests without a session token; set it to required.',
    );
    expect(messages).toContain(
      'credentials.accessKeyId in new EC2Client(…) (string literal) contains the AWS access key id AKIA…H2KV in plain text; remove it, deactivate and rotate the key in IAM, and let the workload use a role instead.',
    );
    expect(messages.join('\n')).not.toContain('AKIAXTPLPFT7V4SEH2KV');
  });

  it('finds the same with the plugin from the source tree (so dist/ is not stale)', async () => {
    const config: Linter.Config[] = [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
      { files: ['**/*.{js,mjs,cjs,ts}'], ...plugin.configs.recommended },
    ];
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });
    expect(summary(await eslint.lintFiles(['src'])), 'dist/ differs from the source: run `npm run build`').toEqual(EXPECTED);
  });

  it('converts to SARIF 2.1.0 that validates and that GitHub code scanning accepts', () => {
    const log = eslintResultsToSarif(results, { cwd, toolVersion: packageInfo().version, rulesMeta: eslint.getRulesMetaForResults(results) });
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(gitHubSarifProblems(log)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(EXPECTED.length);
    const first = run.results![0]!;
    expect(first).toMatchObject({
      ruleId: 'admin-access',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/app-stack.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 13, startColumn: 25, endLine: 13, endColumn: 90 },
          },
        },
      ],
    });
    expect(run.tool.driver.rules![first.ruleIndex!]!.id).toBe('admin-access');
    // The iamlint severity, not ESLint's rule level: an unset HttpTokens is a warning.
    const imds = run.results!.filter((r) => r.ruleId === 'imdsv1-allowed').map((r) => r.level);
    expect(imds).toEqual(['warning', 'warning', 'error']);
    expect(JSON.stringify(log)).not.toContain('AKIAXTPLPFT7V4SEH2KV');
  });

  it('ships the converter as an ESLint formatter (`eslint -f …/sarif-formatter.js`)', async () => {
    const { default: format } = await import('../src/eslint/sarif-formatter.js');
    const text = format(results, { cwd, rulesMeta: eslint.getRulesMetaForResults(results) } as ESLint.LintResultData);
    const log = JSON.parse(text) as Parameters<typeof sarifSchemaErrors>[0];
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect((log as { runs: { results: unknown[] }[] }).runs[0]!.results).toHaveLength(EXPECTED.length);
  });

  it('keeps eslint-disable suppressions and parse errors in the SARIF log', async () => {
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [{ files: ['**/*.js'], ...plugin.configs.recommended }] });
    const code = [
      `import { RunInstancesCommand } from '@aws-sdk/client-ec2';`,
      `// eslint-disable-next-line iamlint/imdsv1-allowed -- a one-off migration box, tracked in OPS-12`,
      `new RunInstancesCommand({ MinCount: 1, MaxCount: 1, MetadataOptions: { HttpTokens: 'optional' }, IamInstanceProfile: { Name: 'm' } });`,
    ].join('\n');
    const suppressed = await eslint.lintText(code, { filePath: `${cwd}src/migrate.js` });
    const broken = await eslint.lintText('const = ;', { filePath: `${cwd}src/broken.js` });
    const log = eslintResultsToSarif([...suppressed, ...broken], { cwd, toolVersion: packageInfo().version });
    expect(sarifSchemaErrors(log)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(1);
    expect(run.results![0]!.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'a one-off migration box, tracked in OPS-12', properties: { source: 'eslint' } },
    ]);
    const notes = run.invocations![0]!.toolExecutionNotifications!;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'src/broken.js' }, region: { startLine: 1, startColumn: 7 } } }] });
  });
});
