import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ajvClass } from '../lazy-modules.js';
import { ConfigError } from './errors.js';
import { configSchemaPath } from './package-root.js';
import type { ParsedConfigText } from './parse.js';
import { didYouMean } from './suggest.js';

let validator: ValidateFunction | undefined;
let topKeys: string[] = [];

function configValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(configSchemaPath(), 'utf8')) as { properties: Record<string, unknown> };
  topKeys = Object.keys(schema.properties);
  validator = new (ajvClass())({ allErrors: true, strict: false }).compile(schema);
  return validator;
}

const RULE_ENTRY = /^(\/overrides\/\d+)?\/rules\/[^/]+$/;

/** Validates config data against schemas/iamlint-config.schema.json; throws the first problem, located. */
export function validateConfigShape(display: string, parsed: ParsedConfigText): void {
  const validate = configValidator();
  if (validate(parsed.data)) return;
  const err = pickError(validate.errors ?? []);
  throw located(display, parsed, err.instancePath, describeError(err, topKeys), keyOf(err));
}

/** The most useful single error: the deepest one, with `oneOf` summaries replacing their branch noise. */
export function pickError(errors: ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length + (e.keyword === 'additionalProperties' ? 1 : 0);
  const sorted = [...errors].sort((a, b) => depth(b) - depth(a));
  const deepest = sorted[0]!;
  const oneOf = errors.find((e) => e.keyword === 'oneOf' && e.instancePath === deepest.instancePath);
  return oneOf && RULE_ENTRY.test(oneOf.instancePath) ? oneOf : deepest;
}

export function describeError(e: ErrorObject, knownKeys: readonly string[] = []): string {
  const key = pointerText(e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const hint = e.instancePath === '' ? didYouMean(extra, knownKeys) : '';
      return `${pointerText(`${e.instancePath}/${escape(extra)}`)}: unknown key${hint}`;
    }
    case 'required':
      return `${key}: missing required key \`${String((e.params as { missingProperty: string }).missingProperty)}\``;
    case 'enum':
      return `${key}: must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'oneOf':
      if (RULE_ENTRY.test(e.instancePath)) {
        return `${key}: must be a level ("off", "note", "warning", "error"), [level, options] or { level, options }`;
      }
      return `${key}: ${e.message ?? 'is invalid'}`;
    case 'propertyNames':
      return `${key}: rule ids are kebab-case (a-z, 0-9 and -)`;
    default:
      return `${key}: ${e.message ?? 'is invalid'}`;
  }
}

function keyOf(e: ErrorObject): string | undefined {
  if (e.keyword === 'additionalProperties') return String((e.params as { additionalProperty: string }).additionalProperty);
  if (e.keyword === 'propertyNames') return String((e.params as { propertyName?: string }).propertyName ?? '') || undefined;
  return undefined;
}

export function located(display: string, parsed: ParsedConfigText, pointer: string, problem: string, key?: string): ConfigError {
  const pos = parsed.locate(splitPointer(pointer), key) ?? parsed.locate(splitPointer(pointer));
  return new ConfigError(display, problem, pos?.line, pos?.column);
}

export function splitPointer(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function escape(seg: string): string {
  return seg.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `/` for the root, else the pointer itself. */
export function pointerText(pointer: string): string {
  return pointer === '' ? '/' : pointer;
}
