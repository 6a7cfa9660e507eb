import picomatch from 'picomatch';
import type { Severity } from '../findings.js';
import type { RuleDefinition } from '../rule-api.js';
import type { RuleLevel, RuleSetting, RuleSettings, ScanOptions } from './types.js';

export interface EffectiveRule {
  rule: RuleDefinition<object>;
  level: RuleLevel;
  /** true when the user set a level: every finding of the rule then takes it. */
  levelOverridden: boolean;
  options: object;
}

/** Rule settings for one file: defaults, then `rules`, then every matching override in order. */
export class RuleSettingsResolver {
  private readonly overrides: { match: (file: string) => boolean; rules: RuleSettings }[];
  private readonly cache = new Map<string, Map<string, EffectiveRule>>();

  constructor(
    private readonly rules: readonly RuleDefinition<object>[],
    private readonly options: Pick<ScanOptions, 'rules' | 'overrides'>,
  ) {
    this.overrides = options.overrides.map((o) => ({ match: filesMatcher(o.files), rules: o.rules }));
  }

  /** The rules that may run anywhere (a rule off by default may be turned on by an override). */
  candidates(): RuleDefinition<object>[] {
    return this.rules.filter(
      (r) => this.options.rules[r.id]?.level !== 'off' || this.overrides.some((o) => o.rules[r.id]?.level && o.rules[r.id]?.level !== 'off'),
    );
  }

  forFile(file: string): Map<string, EffectiveRule> {
    const matching = this.overrides.filter((o) => o.match(file));
    const key = matching.length ? file : '';
    const hit = this.cache.get(key);
    if (hit) return hit;
    const out = new Map<string, EffectiveRule>();
    for (const rule of this.rules) {
      const layers: (RuleSetting | undefined)[] = [this.options.rules[rule.id], ...matching.map((o) => o.rules[rule.id])];
      let level: RuleLevel = rule.severity;
      let levelOverridden = false;
      let options: object = rule.defaultOptions;
      for (const layer of layers) {
        if (!layer) continue;
        if (layer.level) {
          level = layer.level;
          levelOverridden = true;
        }
        if (layer.options) options = { ...options, ...layer.options };
      }
      out.set(rule.id, { rule, level, levelOverridden, options });
    }
    this.cache.set(key, out);
    return out;
  }
}

export function effectiveSeverity(setting: EffectiveRule, reported: Severity | undefined): Severity | undefined {
  if (setting.level === 'off') return undefined;
  if (setting.levelOverridden) return setting.level;
  return reported ?? setting.rule.severity;
}

/** `files` globs of an override: `!pattern` entries exclude what the others include. */
function filesMatcher(globs: string[]): (file: string) => boolean {
  const include = globs.filter((g) => !g.startsWith('!'));
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  if (include.length === 0) return () => false;
  return picomatch(include, { dot: true, ignore: exclude });
}
