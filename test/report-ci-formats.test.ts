import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import type { Finding } from '../src/findings.js';
import { render } from '../src/report/index.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { xmlEscape } from '../src/report/xml.js';
import { cleanResult, mixedResult, options, PLAN_COLUMN } from './helpers/report-results.js';

describe('github workflow commands', () => {
  const out = render('github', mixedResult(), options());

  it('write one annotation per unsuppressed finding with repository-relative paths', () => {
    expect(out.split('\n')).toEqual([
      `::error file=infra/plan/tfplan.json,line=1,col=${PLAN_COLUMN},endLine=1,endColumn=${PLAN_COLUMN + 10},title=imdsv1-allowed::Instance aws_instance.web allows IMDSv1 because metadata_options.http_tokens is optional; set it to required.`,
      '::error file=infra/policies/admin.json,line=5,col=17,endLine=5,endColumn=20,title=wildcard-action::Policy policies/admin.json allows every action with `"Action": "*"` in statement 0; list the actions it needs.',
      '::notice file=infra/policies/read.json,line=4,col=17,endLine=4,endColumn=25,title=wildcard-action::Policy policies/read.json allows s3:Get* in statement 0, which includes s3:GetObject on every bucket; list the objects it reads.',
      '::error file=infra/templates/app.yaml,line=12,col=23,endLine=12,endColumn=31,title=imdsv1-allowed::Launch template AppTemplate allows IMDSv1 because MetadataOptions.HttpTokens is optional; set it to required.%0ARelated: the instance profile AppProfile [attached here] (infra/templates/app.yaml:14:9)%0ARelated: the role AppRole it grants (infra/templates/app.yaml:31:7)',
      '::warning file=infra/templates/app.yaml,line=40,endLine=42,title=hardcoded-access-key::User DeployUser has an access key id written in Outputs.Key; remove it and rotate the key.',
      '::error file=infra/templates/broken.yaml,line=3,col=9,endLine=3,endColumn=10,title=parse-error::templates/broken.yaml:3:9: a flow sequence [ is not closed; close it with ].',
      '',
    ]);
  });

  it('escape data and properties so input cannot inject commands', () => {
    expect(escapeData('100% done\r\n::set-output name=x::y')).toBe('100%25 done%0D%0A::set-output name=x::y');
    expect(escapeProperty('dir,a:b/x%.json')).toBe('dir%2Ca%3Ab/x%25.json');
    const hostile: Finding = {
      ruleId: 'wildcard-action',
      severity: 'warning',
      message: 'Bad\n::error::injected',
      location: { file: 'odd,name:x.json', startLine: 2, startColumn: 3, endLine: 2, endColumn: 3 },
      propertyPath: '',
      fingerprint: 'x',
      related: [],
    };
    expect(render('github', { ...cleanResult(), findings: [hostile] }, options())).toBe(
      '::warning file=infra/odd%2Cname%3Ax.json,line=2,col=3,endLine=2,endColumn=4,title=wildcard-action::Bad%0A::error::injected\n',
    );
  });

  it('write nothing on a clean run', () => {
    expect(render('github', cleanResult(), options())).toBe('');
  });
});

/** A small XML well-formedness check: balanced tags, quoted attributes, only the five entities and numeric references. */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')) problems.push('no XML declaration');
  const body = xml.slice(xml.indexOf('?>') + 2);
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let roots = 0;
  for (const m of body.matchAll(token)) {
    const [, close, name, , selfClose, text, stray] = m;
    if (stray) problems.push(`stray < at ${m.index}`);
    else if (text !== undefined) {
      for (const ref of text.matchAll(/&([^;\s]*);?/g)) {
        if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);$/i.test(ref[0])) problems.push(`bad reference ${ref[0]}`);
      }
      if (stack.length === 0 && text.trim() !== '') problems.push('text outside the root element');
    } else if (close) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClose) stack.push(name!);
    }
  }
  for (const attrs of body.matchAll(/="([^"]*)"/g)) {
    for (const ref of attrs[1]!.matchAll(/&([^;\s]*);?/g)) {
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);$/i.test(ref[0])) problems.push(`bad reference in attribute ${ref[0]}`);
    }
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)) problems.push('control characters XML 1.0 forbids');
  return problems;
}

describe('JUnit XML', () => {
  const xml = render('junit', mixedResult(), options());

  it('is well-formed', () => {
    expect(xmlProblems(xml)).toEqual([]);
    expect(xmlProblems('<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a>')).toContain('unbalanced </a>');
    expect(xmlProblems('<?xml version="1.0" encoding="UTF-8"?>\n<a>x & y</a>')).toContain('bad reference &');
  });

  it('has one testsuite per checked file with the counts Jenkins, GitLab and Azure read', () => {
    expect(xml).toContain('<testsuites name="iamlint" tests="8" failures="3" errors="1" skipped="1" time="1.234">');
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)].map((m) => m.slice(1).join(' '));
    expect(suites).toEqual([
      'infra/plan/tfplan.json 1 1 0 0',
      'infra/policies/admin.json 1 1 0 0',
      'infra/policies/read.json 1 0 0 0',
      'infra/templates/app.yaml 2 1 0 0',
      'infra/templates/broken.yaml 1 0 1 0',
      'infra/templates/clean.yaml 1 0 0 0',
      'infra/tf/main.tf.json 1 0 0 1',
    ]);
  });

  it('makes findings at or above --fail-on failures, parse errors errors, and suppressed findings skipped', () => {
    expect(xml).toContain(
      '<testcase classname="iamlint.wildcard-action" name="policies/admin.json (5:17)" file="infra/policies/admin.json" line="5" time="0">' +
        '<failure type="error wildcard-action" message="Policy policies/admin.json allows every action with `&quot;Action&quot;: &quot;*&quot;` in statement 0; list the actions it needs.">',
    );
    expect(xml).toContain('<error type="parse-error" message="templates/broken.yaml:3:9: a flow sequence [ is not closed; close it with ].">');
    expect(xml).toContain('<skipped message="suppressed (metadata): Legacy AMI without IMDSv2 support; replaced in Q3."/>');
    // A warning below the error threshold passes and keeps its text.
    expect(xml).toMatch(/<testcase classname="iamlint.hardcoded-access-key" name="DeployUser \(40:12\)"[^>]*><system-out>/);
    const strict = render('junit', mixedResult(), options({ failOn: 'note' }));
    expect(strict).toContain('failures="5" errors="1" skipped="1"');
  });

  it('escapes hostile text and drops characters XML cannot hold', () => {
    expect(xmlEscape('a<b>&"c\'\u0001\ud800')).toBe('a&lt;b&gt;&amp;&quot;c&apos;\ufffd\ufffd');
    const result = mixedResult();
    result.findings[0] = { ...result.findings[0]!, message: 'x]]></failure><injected a="1"/>\u0007', related: [] };
    const out = render('junit', result, options());
    expect(xmlProblems(out)).toEqual([]);
    expect(out).not.toContain('<injected');
  });

  it('reports a clean run as passing testcases', () => {
    const out = render('junit', cleanResult(), options());
    expect(xmlProblems(out)).toEqual([]);
    expect(out).toContain('<testsuites name="iamlint" tests="1" failures="0" errors="0" skipped="0" time="0.012">');
    expect(out).toContain('<testcase classname="iamlint" name="infra/templates/clean.yaml" file="infra/templates/clean.yaml" time="0"/>');
  });
});

describe('GitLab Code Quality report', () => {
  const schema = JSON.parse(readFileSync(new URL('./schemas/gitlab-code-quality.schema.json', import.meta.url), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it('validates against the documented format', () => {
    const issues = JSON.parse(render('gitlab', mixedResult(), options())) as unknown[];
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    expect(validate([{ description: 'x', check_name: 'y', fingerprint: 'z', severity: 'high', location: { path: './a', lines: { begin: 0 } } }])).toBe(false);
    expect(JSON.parse(render('gitlab', cleanResult(), options()))).toEqual([]);
  });

  it('maps findings to issues with repository paths, lines and severities, leaving out suppressed ones', () => {
    const issues = JSON.parse(render('gitlab', mixedResult(), options())) as { check_name: string; severity: string; location: unknown; fingerprint: string }[];
    expect(issues.map((i) => [i.check_name, i.severity, i.location])).toEqual([
      ['imdsv1-allowed', 'major', { path: 'infra/plan/tfplan.json', lines: { begin: 1, end: 1 } }],
      ['wildcard-action', 'critical', { path: 'infra/policies/admin.json', lines: { begin: 5, end: 5 } }],
      ['wildcard-action', 'info', { path: 'infra/policies/read.json', lines: { begin: 4, end: 4 } }],
      ['imdsv1-allowed', 'major', { path: 'infra/templates/app.yaml', lines: { begin: 12, end: 12 } }],
      ['hardcoded-access-key', 'minor', { path: 'infra/templates/app.yaml', lines: { begin: 40, end: 42 } }],
      ['parse-error', 'major', { path: 'infra/templates/broken.yaml', lines: { begin: 3, end: 3 } }],
    ]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('keeps fingerprints unique when two findings share one', () => {
    const result = mixedResult();
    const first = result.findings[0]!;
    result.findings.push({ ...first, location: { ...first.location, startLine: 2, endLine: 2 } });
    const issues = JSON.parse(render('gitlab', result, options())) as { fingerprint: string }[];
    expect(issues.map((i) => i.fingerprint).filter((f) => f.startsWith(first.fingerprint))).toEqual([first.fingerprint, `${first.fingerprint}-2`]);
  });
});
