import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../src/engine/types.js';
import type { Finding } from '../src/findings.js';
import { render } from '../src/report/index.js';
import { codeFrame } from '../src/report/code-frame.js';
import { elapsed } from '../src/report/text.js';
import { PLAIN } from '../src/report/terminal.js';
import { cleanResult, mixedResult, options, PLAN_COLUMN } from './helpers/report-results.js';

const ESC = '\u001b';

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'imdsv1-allowed',
    severity: 'error',
    message: 'Instance Web allows IMDSv1; set HttpTokens to required.',
    location: { file: 't.yaml', startLine: 3, startColumn: 21, endLine: 3, endColumn: 29 },
    propertyPath: '',
    fingerprint: 'f',
    related: [],
    ...overrides,
  };
}

describe('text output', () => {
  const text = render('text', mixedResult(), options());

  it('groups findings by file with file:line:col, severity, rule id and message', () => {
    const lines = text.split('\n');
    const heads = lines.filter((l) => /^\S+:\d+:\d+ /.test(l));
    expect(heads).toEqual([
      `plan/tfplan.json:1:${PLAN_COLUMN} error imdsv1-allowed`,
      'policies/admin.json:5:17 error wildcard-action',
      'policies/read.json:4:17 note wildcard-action',
      'templates/app.yaml:12:23 error imdsv1-allowed',
      'templates/app.yaml:40:12 warning hardcoded-access-key',
      'templates/broken.yaml:3:9 error parse-error',
    ]);
    const fileHeaders = lines.filter((l) => /^\S+$/.test(l) && !l.includes(':'));
    expect(fileHeaders).toEqual(['plan/tfplan.json', 'policies/admin.json', 'policies/read.json', 'templates/app.yaml', 'templates/broken.yaml']);
    expect(text).toContain('\n  Launch template AppTemplate allows IMDSv1 because MetadataOptions.HttpTokens is optional; set it to required.\n');
  });

  it('shows a code frame with a gutter and carets under the region', () => {
    expect(text).toContain(
      [
        '    10 |     LaunchTemplateData:',
        '    11 |       MetadataOptions:',
        '  > 12 |         HttpTokens:   optional',
        '       |                       ^^^^^^^^',
        '    13 |         HttpPutResponseHopLimit: 1',
      ].join('\n'),
    );
  });

  it('lists related locations', () => {
    expect(text).toContain('  related templates/app.yaml:14:9 the instance profile AppProfile [attached here]\n');
    expect(text).toContain('  related templates/app.yaml:31:7 the role AppRole it grants.\n');
  });

  it('cuts a minified line to a window around the region and keeps the caret on it', () => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  > 1 | …'));
    expect(at).toBeGreaterThan(0);
    const code = lines[at]!.slice('  > 1 | '.length);
    const carets = lines[at + 1]!.slice('  > 1 | '.length);
    expect(code.length).toBeLessThanOrEqual(142);
    expect(carets.trim()).toBe('^'.repeat(10));
    expect(code.slice(carets.indexOf('^'), carets.indexOf('^') + 10)).toBe('"optional"');
  });

  it('does not show suppressed findings but counts them, and ends with the summary', () => {
    expect(text).not.toContain('aws_instance.bastion');
    expect(text.endsWith(
      [
        '6 findings (4 errors, 1 warning, 1 note), 1 suppressed.',
        'Files: 6 scanned (2 CloudFormation YAML, 2 IAM policy, 1 Terraform JSON, 1 Terraform plan), 1 skipped, 1 failed',
        'Time: 1.23 s',
        '',
      ].join('\n'),
    )).toBe(true);
  });

  it('reports a clean run and the baseline', () => {
    expect(render('text', cleanResult(), options({ baseline: { newCount: 0, fixedCount: 3 } }))).toBe(
      'No findings.\nFiles: 1 scanned (1 CloudFormation YAML), 0 skipped\nBaseline: 0 new, 3 fixed.\nTime: 12 ms\n',
    );
  });

  it('with quiet shows only findings at or above the threshold and no summary', () => {
    const quiet = render('text', mixedResult(), options({ quiet: true }));
    expect(quiet).not.toContain('hardcoded-access-key');
    expect(quiet).not.toContain('policies/read.json');
    expect(quiet).not.toContain('Files:');
    expect(quiet).toContain('templates/app.yaml:12:23 error imdsv1-allowed');
    expect(render('text', cleanResult(), options({ quiet: true }))).toBe('');
  });

  it('uses ANSI colors only when asked', () => {
    expect(text).not.toContain(ESC);
    const colored = render('text', mixedResult(), options({ color: true }));
    expect(colored).toContain(`${ESC}[31merror${ESC}[39m`);
    expect(colored).toContain(`${ESC}[33mwarning${ESC}[39m`);
    expect(colored.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toBe(text);
  });

  it('neutralises escape sequences and bidi overrides from the input', () => {
    const hostile = finding({
      message: `Instance ${ESC}[2J\u202eWeb allows IMDSv1.`,
      location: { file: `t${ESC}]0;x.yaml`, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      snippet: { startLine: 1, lines: [`a${ESC}[31m\tb`] },
    });
    const out = render('text', { ...cleanResult(), findings: [hostile] }, options());
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u202e');
    expect(out).toContain('> 1 | a\ufffd[31m b');
  });

  it('lists notifications that no parse-error finding shows', () => {
    const result: ScanResult = {
      ...cleanResult(),
      notifications: [{ file: 'templates/odd.yaml', level: 'error', message: 'rule imdsv1-allowed failed on this file and was skipped: boom' }],
    };
    expect(render('text', result, options())).toContain('Errors\n  error templates/odd.yaml: rule imdsv1-allowed failed on this file and was skipped: boom\n');
  });
});

describe('code frames', () => {
  it('underline the first line of a multi-line region, mark the others and stop after six lines', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1} text`);
    const f = finding({ location: { file: 't.yaml', startLine: 2, startColumn: 6, endLine: 10, endColumn: 3 }, snippet: { startLine: 1, lines } });
    expect(codeFrame(f, PLAIN, '')).toEqual([
      '  1 | line 1 text',
      '> 2 | line 2 text',
      '    |      ^^^^^^',
      '> 3 | line 3 text',
      '> 4 | line 4 text',
      '> 5 | line 5 text',
      '> 6 | line 6 text',
      '> 7 | line 7 text',
      '    | …',
    ]);
  });

  it('show the line after a multi-line region that ends inside the snippet', () => {
    const f = finding({
      location: { file: 't.yaml', startLine: 1, startColumn: 9, endLine: 2, endColumn: 10 },
      snippet: { startLine: 1, lines: ['Action: [', '  "s3:*" ]', 'Next: 1'] },
    });
    expect(codeFrame(f, PLAIN, '')).toEqual(['> 1 | Action: [', '    |         ^', '> 2 |   "s3:*" ]', '  3 | Next: 1']);
  });

  it('mark an empty region (an absent property) with one caret', () => {
    const f = finding({
      location: { file: 't.yaml', startLine: 2, startColumn: 5, endLine: 2, endColumn: 5 },
      snippet: { startLine: 2, lines: ['    Properties:'] },
    });
    expect(codeFrame(f, PLAIN, '')).toEqual(['> 2 |     Properties:', '    |     ^']);
  });

  it('show nothing without a snippet', () => {
    expect(codeFrame(finding({}), PLAIN)).toEqual([]);
  });

  it('format elapsed time', () => {
    expect(elapsed(8.4)).toBe('8 ms');
    expect(elapsed(2500)).toBe('2.50 s');
    expect(elapsed(125_000)).toBe('2 min 5 s');
  });
});
