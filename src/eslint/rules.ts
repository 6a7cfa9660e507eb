import { relative, sep } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { ESLintUtils } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { ruleDocsUrl } from '../docs/rule-meta.js';
import type { Severity } from '../findings.js';
import { getIamCatalog } from '../iam/catalog.js';
import type { Model } from '../model/model.js';
import type { Report, RuleDefinition } from '../rule-api.js';
import { locOf } from './ast.js';
import type { SourceInput } from './adapter.js';
import { adaptSource } from './adapter.js';

/** The message ids of every iamlint ESLint rule: the iamlint severity of the finding (the text is the rule's message). */
export type MessageId = Severity;

export const MESSAGES: Record<MessageId, string> = { error: '{{message}}', warning: '{{message}}', note: '{{message}}' };

const createRule = ESLintUtils.RuleCreator((id) => ruleDocsUrl(id));

/**
 * The model of the file being linted, shared by all iamlint rules that run on it. ESLint runs every
 * rule of one file before the next file, so one entry is enough; a WeakMap keyed by the source would
 * keep each file's model alive through young-generation collections (see model/memo.ts), and ESLint
 * freezes its SourceCode, so the model cannot be kept on it.
 */
let current: { sourceCode: SourceInput; model: Model } | undefined;

/** The model of the file being linted, built on first use and cached for the other rules. */
export function modelFor(sourceCode: SourceInput, filename: string, cwd: string): Model {
  if (current?.sourceCode === sourceCode) return current.model;
  const rel = relative(cwd, filename);
  const file = rel && !rel.startsWith('..') ? rel.split(sep).join('/') : filename;
  current = { sourceCode, model: adaptSource(sourceCode, file) };
  return current.model;
}

/** ESLint validates options with its own Ajv (draft-04 to 07): drop the keys it does not need. */
function eslintSchema(schema: Record<string, unknown>): JSONSchema4 {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest as unknown as JSONSchema4;
}

export type IamlintEslintRule = TSESLint.RuleModule<MessageId, [Record<string, unknown>]>;

/**
 * The ESLint rule for an iamlint rule: on `Program:exit` it builds (or reuses) the file's model and
 * runs the very same `check` as the CLI, reporting each finding at the source range of its node.
 */
export function eslintRule(def: RuleDefinition<object>): IamlintEslintRule {
  const defaults = def.defaultOptions as Record<string, unknown>;
  return createRule<[Record<string, unknown>], MessageId>({
    name: def.id,
    meta: {
      type: 'problem',
      docs: { description: def.description },
      messages: MESSAGES,
      schema: [eslintSchema(def.optionsSchema)],
      defaultOptions: [defaults],
    },
    create(context, [options]) {
      return {
        'Program:exit'() {
          const model = modelFor(context.sourceCode, context.filename, context.cwd);
          const seen = new Set<string>();
          def.check({
            model,
            options: options ?? defaults,
            iam: getIamCatalog(),
            report(r: Report) {
              const region = (r.span && r.node.doc.locateText?.(r.node.path, r.span.start, r.span.end)) || r.node.doc.locate(r.node.path);
              const severity = r.severity ?? def.severity;
              // A statement used twice in the code is one problem at one place.
              const key = `${region.startLine}:${region.startColumn}:${region.endLine}:${region.endColumn}\u0000${severity}\u0000${r.message}`;
              if (seen.has(key)) return;
              seen.add(key);
              context.report({ loc: locOf(region), messageId: severity, data: { message: r.message } });
            },
          });
        },
      };
    },
  });
}
