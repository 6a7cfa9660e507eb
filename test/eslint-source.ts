import { Linter } from 'eslint';
import * as espree from 'espree';
import tsParser from '@typescript-eslint/parser';
import type { Model } from '../src/model/model.js';
import type { SourceInput } from '../src/eslint/adapter.js';
import { adaptSource } from '../src/eslint/adapter.js';

/** Parses code the way ESLint does (typescript-eslint's parser for .ts, espree for .js) and builds its model. */
export function modelOf(code: string, file = 'app.ts'): Model {
  let model: Model | undefined;
  const linter = new Linter({ configType: 'flat' });
  const capture = {
    create(context: { sourceCode: unknown; filename: string }) {
      return {
        'Program:exit'() {
          model = adaptSource(context.sourceCode as SourceInput, file);
        },
      };
    },
  };
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'],
        languageOptions: { parser: file.endsWith('.ts') ? tsParser : espree, sourceType: 'module', ecmaVersion: 'latest' },
        plugins: { t: { rules: { capture } } },
        rules: { 't/capture': 'error' },
      },
    ],
    file,
  );
  const fatal = messages.find((m) => m.fatal || m.ruleId === 't/capture');
  if (fatal) throw new Error(`${fatal.line}:${fatal.column} ${fatal.message}`);
  if (!model) throw new Error('the rule did not run');
  return model;
}
