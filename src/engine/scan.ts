import { discover } from '../discover.js';
import type { RuleDefinition } from '../rule-api.js';
import { allRules } from '../../rules/index.js';
import { tuneV8ForScan } from './v8-settings.js';
import { scanInWorkers, workerCount } from './parallel.js';
import { cmp, compareFindings, compareNotifications, scanFiles } from './scan-files.js';
import { RuleSettingsResolver } from './settings.js';
import type { ScanOptions, ScanResult } from './types.js';

export { scanFiles, parseErrorFinding, compareFindings, compareNotifications } from './scan-files.js';
export type { DiscoveredFile, PartialScan } from './scan-files.js';

export async function scan(options: ScanOptions, rules: readonly RuleDefinition<object>[] = allRules): Promise<ScanResult> {
  const started = performance.now();
  const settings = new RuleSettingsResolver(rules, options);
  const { files: paths, problems } = await discover(options.paths, { cwd: options.cwd, ignore: options.ignore });
  const jobs = rules === allRules ? workerCount(options.jobs, paths.length, options.ownsProcess === true) : 1;
  if (options.ownsProcess) tuneV8ForScan(paths.length, jobs);
  const part = jobs > 1 ? await scanInWorkers(paths, options, jobs) : await scanFiles(paths, options, rules);
  for (const p of problems) {
    part.notifications.push({ file: p.path, level: 'error', message: p.message });
    part.files.push({ file: p.path, status: 'error', reason: p.message });
  }
  part.findings.sort(compareFindings);
  part.files.sort((a, b) => cmp(a.file, b.file));
  part.notifications.sort(compareNotifications);
  return {
    ...part,
    rules: [...settings.candidates()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    elapsedMs: performance.now() - started,
  };
}
