/** The library API: scan paths as the CLI does, and the types of what comes back. */
export { scan } from './engine/scan.js';
export type { ScanOptions, ScanResult, RuleSettings, RuleSetting, RuleLevel, SuppressionSettings } from './engine/types.js';
export type { Finding, Location, Severity, FileReport, Notification, Suppression } from './findings.js';
export { allRules } from '../rules/index.js';
export { loadText, loadFile } from './load/index.js';
export { adapt } from './adapt/index.js';
export * from './rule-api.js';
export { defaultScanOptions } from './engine/defaults.js';
