import { Linter } from 'eslint';
import type { Rule } from 'eslint';
import { defineConfig } from 'eslint/config';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin, { rules } from '../eslint-plugin.js';
import { allRules } from '../rules/index.js';
import { packageInfo } from '../src/config/package-root.js';
import type { SourceInput } from '../src/eslint/adapter.js';
import { modelFor } from '../src/eslint/rules.js';

const CODE = `import * as aws from '@pulumi/aws';\nnew aws.ec2.Instance('web', { ami: 'ami-1', metadataOptions: { httpTokens: 'optional', httpPutResponseHopLimit: 2 } });\n`;
const lint = (config: Linter.Config[], code = CODE) => new Linter({ configType: 'flat' }).verify(code, config, 'infra/web.ts');
const TS = { files: ['**/*.ts'], languageOptions: { parser: tsParser } };

describe('the plugin object', () => {
  it('has meta for flat config, one rule per iamlint rule that runs in ESLint, and two configs', () => {
    expect(plugin.meta).toEqual({ name: 'iamlint', version: packageInfo().version, namespace: 'iamlint' });
    const ids = allRules.filter((r) => r.frontEnds.includes('eslint')).map((r) => r.id);
    expect(Object.keys(plugin.rules).sort()).toEqual([...ids].sort());
    expect(ids.length).toBeGreaterThanOrEqual(19);
    expect(Object.keys(plugin.configs).sort()).toEqual(['recommended', 'strict']);
  });

  it('gives every rule docs, message ids, its options schema and defaults', () => {
    for (const def of allRules) {
      const r = rules[def.id]!;
      expect(r.meta.docs?.url).toBe(`https://github.com/iamlint/iamlint/blob/main/docs/rules/${def.id}.md`);
      expect(r.meta.docs?.description).toBe(def.description);
      expect(Object.keys(r.meta.messages).sort()).toEqual(['error', 'note', 'warning']);
      expect(r.meta.schema).toEqual([def.optionsSchema]);
      expect(r.meta.defaultOptions).toEqual([def.defaultOptions]);
      expect(r.meta.type).toBe('problem');
    }
  });

  it('maps iamlint severities in recommended (notes off) and turns everything on in strict', () => {
    const recommended = plugin.configs.recommended.rules!;
    expect(recommended['iamlint/imdsv1-allowed']).toBe('error');
    expect(recommended['iamlint/missing-instance-profile']).toBe('warn');
    expect(recommended['iamlint/imds-hop-limit']).toBe('off');
    expect(recommended['iamlint/cross-account-trust']).toBe('off');
    expect(Object.values(plugin.configs.strict.rules!).every((level) => level === 'error')).toBe(true);
    expect(plugin.configs.recommended.plugins).toEqual({ iamlint: plugin });
  });
});

describe('in ESLint', () => {
  it('runs through `extends`, also when the plugin is registered under another key (its rules are renamed)', () => {
    const one = lint(defineConfig([TS, { files: ['**/*.ts'], plugins: { iamlint: plugin }, extends: ['iamlint/recommended'] }]));
    expect(one.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.severity}`)).toEqual(['2:29 iamlint/missing-instance-profile 1', '2:76 iamlint/imdsv1-allowed 2']);
    const other = lint(defineConfig([TS, { files: ['**/*.ts'], plugins: { sec: plugin }, extends: ['sec/recommended'] }]));
    expect(other.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.severity}`)).toEqual(['2:29 sec/missing-instance-profile 1', '2:76 sec/imdsv1-allowed 2']);
  });

  it('validates and applies rule options', () => {
    const config = (max: unknown): Linter.Config[] => [TS, { plugins: { iamlint: plugin }, rules: { 'iamlint/imds-hop-limit': ['warn', { max }] } }];
    expect(lint(config(1)).map((m) => `${m.ruleId} ${m.messageId}`)).toEqual(['iamlint/imds-hop-limit note']);
    expect(lint(config(2))).toEqual([]);
    expect(() => lint(config('two'))).toThrow(/imds-hop-limit/);
  });

  it('builds the model of a file once for all rules', () => {
    let built = 0;
    const seen = new Set<object>();
    const probe = {
      create(context: { sourceCode: SourceInput; filename: string; cwd: string }) {
        return {
          'Program:exit'() {
            seen.add(modelFor(context.sourceCode, context.filename, context.cwd));
            built = seen.size;
          },
        };
      },
    } as unknown as Rule.RuleModule;
    lint([TS, { plugins: { iamlint: plugin, probe: { rules: { a: probe, b: probe } } }, rules: { ...plugin.configs.strict.rules, 'probe/a': 'error', 'probe/b': 'error' } }]);
    expect(built).toBe(1);
  });

  it('does nothing on files without AWS code, and never fails on unusual syntax', () => {
    const code = [
      `import React from 'react';`,
      `class A { #secret = 1; static { this.x = 2; } @dec() m() { return <div title="x">{this.#secret}</div>; } }`,
      `export default function* g<T>(x: T) { yield* [x]; for await (const y of z) {} label: for (;;) break label; }`,
      'const t = tag`a${1}b`; const re = /x/g; const big = 10n; const o = { ...x, [k]: 1, get g() { return 1; } };',
    ].join('\n');
    const messages = new Linter({ configType: 'flat' }).verify(code, [{ files: ['**/*.tsx'], languageOptions: { parser: tsParser }, ...plugin.configs.strict }], 'ui/app.tsx');
    expect(messages).toEqual([]);
  });
});
