/** Validation against the official OASIS SARIF 2.1.0 schema (schemas/sarif-schema-2.1.0.json, draft-04). */
import { readFileSync } from 'node:fs';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

// CJS packages under NodeNext: the class and the plugin are on `.default`.
const AjvDraft04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!validate) {
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(new URL('../../schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
    validate = ajv.compile(schema);
  }
  return validate;
}

/** Schema violations as `path: message` lines; empty when the log is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  const v = validator();
  if (v(log)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'} ${JSON.stringify(e.params)}`);
}
