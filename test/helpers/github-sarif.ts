/**
 * GitHub code scanning's ingestion rules for SARIF (what the upload accepts and how it reads it), as
 * checks over a parsed log. The OASIS schema checks structure; these check what GitHub adds on top.
 * Use `assertGitHubSarif(log)` in tests; `gitHubSarifProblems(log)` lists every problem.
 */
import type { Log, PhysicalLocation, Region } from 'sarif';

const MAX_TEXT = 1024;
const MAX_NAME = 255;
const MAX_TAGS = 20;
const MAX_RESULTS = 25_000;
const MAX_LOCATIONS = 1_000;
const LEVELS = new Set(['none', 'note', 'warning', 'error']);
const PRECISIONS = new Set(['very-high', 'high', 'medium', 'low']);
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

const isPositiveInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

function regionProblems(region: Region | undefined, where: string): string[] {
  if (!region) return [`${where}: no region (GitHub needs startLine to show and fingerprint the alert)`];
  const p: string[] = [];
  const { startLine, startColumn = 1, endLine = region.startLine, endColumn } = region;
  if (!isPositiveInt(startLine)) p.push(`${where}: startLine ${String(startLine)} is not an integer ≥ 1`);
  if (!isPositiveInt(startColumn)) p.push(`${where}: startColumn ${String(startColumn)} is not an integer ≥ 1`);
  if (!isPositiveInt(endLine)) p.push(`${where}: endLine ${String(endLine)} is not an integer ≥ 1`);
  else if (isPositiveInt(startLine) && endLine < startLine) p.push(`${where}: endLine ${endLine} is before startLine ${startLine}`);
  if (endColumn !== undefined) {
    if (!isPositiveInt(endColumn)) p.push(`${where}: endColumn ${String(endColumn)} is not an integer ≥ 1`);
    else if (endLine === startLine && endColumn <= startColumn) {
      p.push(`${where}: endColumn ${endColumn} is not after startColumn ${startColumn} (endColumn is exclusive)`);
    }
  }
  return p;
}

function locationProblems(loc: PhysicalLocation | undefined, where: string): string[] {
  const uri = loc?.artifactLocation?.uri;
  if (typeof uri !== 'string' || uri === '') return [`${where}: no artifactLocation.uri`];
  const p: string[] = [];
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) p.push(`${where}: uri ${uri} is absolute; GitHub wants a repository-relative path`);
  if (uri.startsWith('/')) p.push(`${where}: uri ${uri} starts with /`);
  if (uri.includes('\\')) p.push(`${where}: uri ${uri} has a backslash; use / separators`);
  if (uri.split('/').some((s) => s === '.' || s === '..')) p.push(`${where}: uri ${uri} has . or .. segments`);
  return [...p, ...regionProblems(loc?.region, where)];
}

export function gitHubSarifProblems(log: Log): string[] {
  const p: string[] = [];
  if (typeof log.$schema !== 'string' || log.$schema === '') p.push('log: no $schema');
  if (log.version !== '2.1.0') p.push(`log: version is ${String(log.version)}, not 2.1.0`);
  if (!Array.isArray(log.runs) || log.runs.length !== 1) return [...p, `log: ${log.runs?.length ?? 0} runs; iamlint writes exactly one`];
  const run = log.runs[0]!;
  const driver = run.tool?.driver;
  if (!driver?.name) p.push('driver: no name');
  if (driver?.semanticVersion !== undefined && !SEMVER.test(driver.semanticVersion)) p.push(`driver: semanticVersion ${driver.semanticVersion} is not SemVer`);
  const rules = driver?.rules;
  if (!Array.isArray(rules)) p.push('driver: no rules array');
  const ids = new Set<string>();
  for (const [i, rule] of (rules ?? []).entries()) {
    const w = `rules[${i}] (${rule.id})`;
    if (!rule.id) p.push(`${w}: no id`);
    if (ids.has(rule.id)) p.push(`${w}: duplicate id`);
    ids.add(rule.id);
    for (const [field, text] of [
      ['shortDescription', rule.shortDescription?.text],
      ['fullDescription', rule.fullDescription?.text],
    ] as const) {
      if (typeof text !== 'string' || text.trim() === '') p.push(`${w}: no ${field}.text`);
      else if (text.length > MAX_TEXT) p.push(`${w}: ${field}.text has ${text.length} characters (max ${MAX_TEXT})`);
    }
    if (typeof rule.help?.text !== 'string' || rule.help.text.trim() === '') p.push(`${w}: no help.text`);
    if (rule.name !== undefined && rule.name.length > MAX_NAME) p.push(`${w}: name longer than ${MAX_NAME}`);
    const level = rule.defaultConfiguration?.level;
    if (level !== undefined && !['note', 'warning', 'error'].includes(level)) p.push(`${w}: defaultConfiguration.level ${level}`);
    const props = (rule.properties ?? {}) as Record<string, unknown>;
    const tags = props.tags;
    if (tags !== undefined) {
      if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) p.push(`${w}: tags is not an array of strings`);
      else if (tags.length > MAX_TAGS) p.push(`${w}: ${tags.length} tags (max ${MAX_TAGS})`);
    }
    if (props.precision !== undefined && !PRECISIONS.has(String(props.precision))) p.push(`${w}: precision ${String(props.precision)}`);
    const score = props['security-severity'];
    if (score !== undefined) {
      if (typeof score !== 'string' || !/^\d{1,2}(\.\d+)?$/.test(score)) p.push(`${w}: security-severity ${JSON.stringify(score)} is not a numeric string`);
      else if (Number(score) < 0.1 || Number(score) > 10) p.push(`${w}: security-severity ${score} is outside 0.1–10.0`);
      if (!Array.isArray(tags) || !tags.includes('security')) p.push(`${w}: security-severity without the security tag`);
    }
  }
  if (run.columnKind !== 'utf16CodeUnits') p.push(`run: columnKind is ${String(run.columnKind)}, not utf16CodeUnits`);
  const id = run.automationDetails?.id;
  if (id !== undefined) {
    const cut = id.lastIndexOf('/');
    if (cut <= 0) p.push(`run: automationDetails.id ${id} has no category before a /`);
  }
  if (!Array.isArray(run.results)) return [...p, 'run: no results array (emit [] on clean runs so alerts close)'];
  if (run.results.length > MAX_RESULTS) p.push(`run: ${run.results.length} results (max ${MAX_RESULTS})`);
  for (const [i, r] of run.results.entries()) {
    const w = `results[${i}] (${r.ruleId})`;
    if (typeof r.ruleId !== 'string' || r.ruleId === '') p.push(`${w}: no ruleId`);
    if (!Number.isInteger(r.ruleIndex) || rules?.[r.ruleIndex!]?.id !== r.ruleId) p.push(`${w}: ruleIndex ${String(r.ruleIndex)} does not point at rule ${r.ruleId}`);
    if (r.level !== undefined && !LEVELS.has(r.level)) p.push(`${w}: level ${r.level}`);
    if (typeof r.message?.text !== 'string' || r.message.text.trim() === '') p.push(`${w}: no message.text`);
    if (!Array.isArray(r.locations) || r.locations.length === 0) p.push(`${w}: no locations`);
    else p.push(...locationProblems(r.locations[0]!.physicalLocation, `${w} locations[0]`));
    const related = r.relatedLocations ?? [];
    if ((r.locations?.length ?? 0) + related.length > MAX_LOCATIONS) p.push(`${w}: more than ${MAX_LOCATIONS} locations`);
    const relatedIds = new Set<number>();
    for (const [j, loc] of related.entries()) {
      if (loc.id !== undefined) {
        if (relatedIds.has(loc.id)) p.push(`${w} relatedLocations[${j}]: duplicate id ${loc.id}`);
        relatedIds.add(loc.id);
      }
      p.push(...locationProblems(loc.physicalLocation, `${w} relatedLocations[${j}]`));
    }
    // Embedded links `[text](n)` must point at a related location id (unescaped brackets only).
    for (const m of (r.message?.text ?? '').matchAll(/(?<!\\)\[(?:[^\]\\]|\\.)*\]\((\d+)\)/g)) {
      if (!relatedIds.has(Number(m[1]))) p.push(`${w}: message links to location ${m[1]}, which is not a related location id`);
    }
    for (const [k, v] of Object.entries(r.partialFingerprints ?? {})) {
      if (typeof v !== 'string' || v === '') p.push(`${w}: partialFingerprints.${k} is not a non-empty string`);
    }
  }
  return p;
}

export function assertGitHubSarif(log: Log): void {
  const problems = gitHubSarifProblems(log);
  if (problems.length > 0) throw new Error(`SARIF that GitHub code scanning would reject or misread:\n- ${problems.join('\n- ')}`);
}
