import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { docsDrift, planDocs, projectRoot, writeDocs } from '../src/docs/generate.js';
import { imdsRule, wildcardRule } from './helpers/report-results.js';

describe('generated docs', () => {
  it('docs/rules/*.md and the README rule table match the rule definitions (run `npm run docs` after rule changes)', () => {
    const root = projectRoot();
    expect(docsDrift(root, allRules), 'out of date: run `npm run docs`').toEqual([]);
  });

  describe('the generator', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-docs-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes one page per rule and built-in id, fills the README table and removes stale pages', () => {
      writeFileSync(join(dir, 'README.md'), '# demo\n\n<!-- rules:start -->\n<!-- rules:end -->\n');
      mkdirSync(join(dir, 'docs/rules'), { recursive: true });
      writeFileSync(join(dir, 'docs/rules/removed-rule.md'), '# gone\n');
      const rules = [imdsRule, wildcardRule];
      expect(docsDrift(dir, rules).sort()).toEqual([
        'README.md',
        'docs/rules/imdsv1-allowed.md',
        'docs/rules/parse-error.md',
        'docs/rules/removed-rule.md',
        'docs/rules/suppression-reason.md',
        'docs/rules/unused-suppression.md',
        'docs/rules/wildcard-action.md',
      ]);
      writeDocs(dir, rules);
      expect(docsDrift(dir, rules)).toEqual([]);
      expect(existsSync(join(dir, 'docs/rules/removed-rule.md'))).toBe(false);
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('| [`wildcard-action`](docs/rules/wildcard-action.md) | error |');
      expect(readFileSync(join(dir, 'docs/rules/imdsv1-allowed.md'), 'utf8')).toBe(planDocs(dir, rules).files.get('docs/rules/imdsv1-allowed.md'));
      // An edited page is drift again.
      writeFileSync(join(dir, 'docs/rules/imdsv1-allowed.md'), '# edited by hand\n');
      expect(docsDrift(dir, rules)).toEqual(['docs/rules/imdsv1-allowed.md']);
      expect(writeDocs(dir, rules)).toEqual(['docs/rules/imdsv1-allowed.md']);
    });

    it('rejects two rules with one id', () => {
      expect(() => planDocs(dir, [imdsRule, { ...wildcardRule, id: 'imdsv1-allowed' }])).toThrow('two rules have the id imdsv1-allowed');
    });

    it('finds the project root from the source tree', () => {
      const root = projectRoot();
      expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name).toBe('iamlint');
    });
  });
});
