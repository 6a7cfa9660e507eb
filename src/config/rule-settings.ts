import type { Ajv, ValidateFunction } from 'ajv';
import { ajvClass } from '../lazy-modules.js';
import type { RuleLevel, RuleSetting, RuleSettings } from '../engine/types.js';
import type { RuleDefinition } from '../rule-api.js';
import type { ParsedConfigText } from './parse.js';
import { didYouMean } from './suggest.js';
import { describeError, located, pickError } from './validate.js';

type RawEntry = RuleLevel | [RuleLevel, Record<string, unknown>?] | { level?: RuleLevel; options?: Record<string, unknown> };

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function optionsValidator(rule: RuleDefinition<object>): ValidateFunction {
  let v = compiled.get(rule.optionsSchema);
  if (!v) {
    ajv ??= new (ajvClass())({ allErrors: true, strict: false, useDefaults: false });
    v = ajv.compile(rule.optionsSchema);
    compiled.set(rule.optionsSchema, v);
  }
  return v;
}

/**
 * Turns a `rules` object (already shape-checked by the config schema) into engine settings, checking
 * rule ids against the registry and options against each rule's own schema.
 */
export function readRuleSettings(
  raw: Record<string, RawEntry>,
  pointer: string,
  rules: readonly RuleDefinition<object>[],
  display: string,
  parsed: ParsedConfigText,
): RuleSettings {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out: RuleSettings = {};
  for (const [id, entry] of Object.entries(raw)) {
    const rule = byId.get(id);
    if (!rule) {
      throw located(display, parsed, pointer, `${pointer}/${id}: unknown rule${didYouMean(id, [...byId.keys()])}`, id);
    }
    const setting: RuleSetting = {};
    let optionsPointer = '';
    if (typeof entry === 'string') setting.level = entry;
    else if (Array.isArray(entry)) {
      setting.level = entry[0];
      if (entry[1]) {
        setting.options = entry[1];
        optionsPointer = `${pointer}/${id}/1`;
      }
    } else {
      if (entry.level) setting.level = entry.level;
      if (entry.options) {
        setting.options = entry.options;
        optionsPointer = `${pointer}/${id}/options`;
      }
    }
    if (setting.options) checkOptions(rule, setting.options, optionsPointer, display, parsed);
    out[id] = setting;
  }
  return out;
}

function checkOptions(rule: RuleDefinition<object>, options: Record<string, unknown>, pointer: string, display: string, parsed: ParsedConfigText): void {
  const validate = optionsValidator(rule);
  if (validate(options)) return;
  const err = pickError(validate.errors ?? []);
  const rebased = { ...err, instancePath: pointer + err.instancePath };
  const key = err.keyword === 'additionalProperties' ? String((err.params as { additionalProperty: string }).additionalProperty) : undefined;
  const known = Object.keys((rule.optionsSchema as { properties?: Record<string, unknown> }).properties ?? {});
  let problem = describeError(rebased);
  if (key) problem += didYouMean(key, known) || (known.length ? `; ${rule.id} takes ${known.join(', ')}` : `; ${rule.id} takes no options`);
  throw located(display, parsed, rebased.instancePath, `${problem} (options of rule ${rule.id})`, key);
}
