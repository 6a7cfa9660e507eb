import { describe, expect, it } from 'vitest';
import { ruleMarkdown, ruleHelpText } from '../src/docs/rule-markdown.js';
import { pascalCase, ruleTags, securityLevel } from '../src/docs/rule-meta.js';
import { ruleTable, withRuleTable } from '../src/docs/rule-table.js';
import { codeBlock, inlineCode, link } from '../src/docs/markdown.js';
import { imdsRule, keyRule, wildcardRule } from './helpers/report-results.js';

describe('rule markdown', () => {
  const md = ruleMarkdown(wildcardRule);

  it('has the title, description and a facts table', () => {
    expect(md.startsWith('# Policy allows every action\n\nFinds Allow statements whose Action is `*` or `service:*` for a sensitive service.\n\n')).toBe(true);
    expect(md).toContain('| Rule id | `wildcard-action` |');
    expect(md).toContain('| Default severity | error |');
    expect(md).toContain('| Security severity | 9.3 (critical) |');
    expect(md).toContain('| Precision | high |');
    expect(md).toContain('| Tags | `security`, `external/cwe/cwe-269`, `external/cwe/cwe-732`, `iam`, `least-privilege` |');
    expect(md).toContain('| Runs in the ESLint plugin | no |');
    expect(ruleMarkdown(imdsRule)).toContain('| Runs in the ESLint plugin | yes, as `iamlint/imdsv1-allowed` |');
  });

  it('has why, examples per format in fenced blocks, fix, options and references', () => {
    expect(md).toContain('## Why it matters\n\nA wildcard action grants every present and future permission');
    expect(md).toContain(
      '### IAM policy\n\nBad:\n\n```json\n{ "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] }\n```\n\nGood:\n\n```json\n',
    );
    expect(md).toContain('## How to fix\n\nList the actions the principal needs');
    expect(md).toContain('| Option | Type | Default | Description |');
    expect(md).toContain('| `allowReadOnly` | boolean | `true` | Accept `service:Get*`-style read wildcards. |');
    expect(md).toContain('| `services` | string[] | `["iam","sts"]` | Services where `service:*` is reported \\| even when read-only. |');
    expect(md).toContain('- [Grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)');
    expect(md).toContain('- [CWE-269](https://cwe.mitre.org/data/definitions/269.html)');
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
    expect(ruleMarkdown(imdsRule)).toContain('## Options\n\nThis rule has no options.');
  });

  it('has a plain-text form for SARIF help.text', () => {
    const text = ruleHelpText(keyRule);
    expect(text.startsWith('Finds AWS access key ids and secret keys')).toBe(true);
    expect(text).toContain('How to fix: Set `HttpTokens: required`');
    expect(text).toContain('- CWE-798: https://cwe.mitre.org/data/definitions/798.html');
  });

  it('fences code that itself holds backticks', () => {
    expect(codeBlock('a ``` b', 'md')).toBe('````md\na ``` b\n````');
    expect(inlineCode('a`b')).toBe('``a`b``');
  });

  it('escapes brackets in link titles and wraps URLs with parentheses', () => {
    expect(link('Security Hub [AutoScaling.4] hop limit', 'https://docs.aws.amazon.com/x.html#autoscaling-4')).toBe(
      '[Security Hub \\[AutoScaling.4\\] hop limit](https://docs.aws.amazon.com/x.html#autoscaling-4)',
    );
    expect(link('Wiki', 'https://en.wikipedia.org/wiki/Hop_(networking)')).toBe('[Wiki](<https://en.wikipedia.org/wiki/Hop_(networking)>)');
  });
});

describe('rule metadata helpers', () => {
  it('band security severities the way GitHub does', () => {
    expect([9.3, 9.0, 7.0, 6.9, 4.0, 0.1, 0, 11].map(securityLevel)).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'low', 'none', 'none']);
  });

  it('make PascalCase names and cap tags at 20', () => {
    expect(pascalCase('imdsv1-allowed')).toBe('Imdsv1Allowed');
    expect(pascalCase('iam-user-access-key')).toBe('IamUserAccessKey');
    const many = { ...imdsRule, tags: Array.from({ length: 30 }, (_, i) => `t${i}`) };
    expect(ruleTags(many)).toHaveLength(20);
    expect(ruleTags(many).slice(0, 2)).toEqual(['security', 'external/cwe/cwe-1390']);
  });
});

describe('README rule table', () => {
  const table = ruleTable([wildcardRule, imdsRule]);

  it('lists rules by id, linked to their docs, with severity, description, formats and ESLint', () => {
    expect(table.split('\n')).toEqual([
      '| Rule | Severity | Description | Formats | ESLint |',
      '| --- | --- | --- | --- | --- |',
      '| [`imdsv1-allowed`](docs/rules/imdsv1-allowed.md) | error | Finds EC2 instances, launch templates and launch configurations whose metadata service accepts IMDSv1 requests. | CloudFormation, Terraform | yes |',
      '| [`wildcard-action`](docs/rules/wildcard-action.md) | error | Finds Allow statements whose Action is `*` or `service:*` for a sensitive service. | IAM policy | no |',
    ]);
  });

  it('goes between the markers and leaves the rest of the README alone', () => {
    const readme = '# iamlint\n\nIntro.\n\n## Rules\n\n<!-- rules:start -->\nold table\n<!-- rules:end -->\n\n## License\n\nMIT\n';
    expect(withRuleTable(readme, table)).toBe(`# iamlint\n\nIntro.\n\n## Rules\n\n<!-- rules:start -->\n${table}\n<!-- rules:end -->\n\n## License\n\nMIT\n`);
    expect(withRuleTable('# iamlint\n', 'T')).toBe('# iamlint\n\n## Rules\n\n<!-- rules:start -->\nT\n<!-- rules:end -->\n');
    expect(withRuleTable(undefined, 'T')).toBe('## Rules\n\n<!-- rules:start -->\nT\n<!-- rules:end -->\n');
    expect(ruleTable([])).toBe('_No rules are registered yet._');
  });
});
