import type { Finding, Notification } from '../findings.js';
import { getIamCatalog } from '../iam/catalog.js';
import type { Model } from '../model/model.js';
import type { IamCatalog, Report, RuleContext, RuleDefinition } from '../rule-api.js';
import type { Node } from '../model/node.js';
import { prepareLocations, toFinding, type FindingDraft } from './locate.js';
import { effectiveSeverity, type RuleSettingsResolver } from './settings.js';

export interface RuleRun {
  findings: Finding[];
  notifications: Notification[];
}

/**
 * The catalog loads on first use, so runs whose rules never look at actions never read the IAM data.
 * A plain object that forwards: rules call these in their inner loops, where a Proxy trap per call
 * cost more than the lookups themselves.
 */
const lazyIam: IamCatalog = {
  expand: (pattern) => getIamCatalog().expand(pattern),
  matches: (pattern, action) => getIamCatalog().matches(pattern, action),
  isKnownService: (prefix) => getIamCatalog().isKnownService(prefix),
  actionExists: (action) => getIamCatalog().actionExists(action),
  accessLevels: (action) => getIamCatalog().accessLevels(action),
  supportsResourceLevel: (action) => getIamCatalog().supportsResourceLevel(action),
  suggest: (action) => getIamCatalog().suggest(action),
  get dataDate() {
    return getIamCatalog().dataDate;
  },
};

/**
 * Runs every candidate rule on one model; a rule that throws is reported, never fatal. Findings are
 * located once every rule has reported, so each document learns all the paths it must find at once
 * (`alsoLocated`: other nodes the caller will locate, such as the model's input problems).
 */
export function runRules(
  model: Model,
  rules: readonly RuleDefinition<object>[],
  settings: RuleSettingsResolver,
  relativeToBase: (file: string) => string,
  withSnippets = true,
  alsoLocated: readonly Node[] = [],
): RuleRun {
  const drafts: FindingDraft[] = [];
  const notifications: Notification[] = [];
  const primaryFile = model.documents[0]?.file ?? '';
  const primarySettings = settings.forFile(primaryFile);
  for (const rule of rules) {
    const setting = primarySettings.get(rule.id);
    if (!setting) continue;
    // Off for every file of the model (an override can turn a rule off for some paths): nothing to run.
    if (model.documents.every((d) => settings.forFile(d.file).get(rule.id)?.level === 'off')) continue;
    const reports: Report[] = [];
    const ctx: RuleContext<object> = {
      model,
      options: setting.options,
      iam: lazyIam,
      report: (r) => reports.push(r),
    };
    try {
      rule.check(ctx);
    } catch (err) {
      notifications.push({
        file: primaryFile,
        level: 'error',
        message: `rule ${rule.id} failed on this file and was skipped: ${(err as Error).message}`,
      });
      continue;
    }
    for (const report of reports) {
      const file = report.node.doc.file;
      const fileSetting = file === primaryFile ? setting : settings.forFile(file).get(rule.id)!;
      const severity = effectiveSeverity(fileSetting, report.severity);
      if (!severity) continue;
      drafts.push({ ruleId: rule.id, severity, report, fingerprintFile: relativeToBase(file), withSnippet: withSnippets });
    }
  }
  prepareLocations([...alsoLocated, ...drafts.flatMap((d) => [d.report.node, ...(d.report.related ?? []).map((r) => r.node)])]);
  return { findings: drafts.map((d) => toFinding(model, d)), notifications };
}
