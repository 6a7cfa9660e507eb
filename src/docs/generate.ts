import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allRules } from '../../rules/index.js';
import { BUILTIN_RULES } from '../report/builtin-rules.js';
import { ruleMarkdown } from './rule-markdown.js';
import { ruleDocsPath, type DocumentedRule } from './rule-meta.js';
import { ruleTable, withRuleTable } from './rule-table.js';

export const RULE_DOCS_DIR = 'docs/rules';

export interface DocsPlan {
  /** Project-relative path → the content the generator writes. */
  files: Map<string, string>;
  /** Project-relative paths of rule pages that no rule generates any more. */
  stale: string[];
}

/** Where package.json names the package `iamlint`: the same from src/docs and from dist/src/docs. */
export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'iamlint') return dir;
    if (dirname(dir) === dir) throw new Error(`no iamlint package.json above ${from}`);
  }
}

/** Every file `npm run docs` writes: one page per rule and built-in id, and the README with the rule table. */
export function planDocs(root: string, rules: readonly DocumentedRule[] = allRules): DocsPlan {
  const ids = new Set<string>();
  for (const r of [...rules, ...BUILTIN_RULES]) {
    if (ids.has(r.id)) throw new Error(`two rules have the id ${r.id}`);
    ids.add(r.id);
  }
  const files = new Map<string, string>();
  for (const rule of [...rules, ...BUILTIN_RULES]) files.set(ruleDocsPath(rule.id), ruleMarkdown(rule));
  const readmePath = join(root, 'README.md');
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined;
  files.set('README.md', withRuleTable(readme, ruleTable(rules)));
  const dir = join(root, RULE_DOCS_DIR);
  const present = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
  const stale = present.map((f) => `${RULE_DOCS_DIR}/${f}`).filter((p) => !files.has(p));
  return { files, stale };
}

/** Paths whose content on disk differs from the plan (missing, changed, or stale). */
export function docsDrift(root: string, rules: readonly DocumentedRule[] = allRules): string[] {
  const plan = planDocs(root, rules);
  const drift: string[] = [];
  for (const [path, content] of plan.files) {
    const abs = join(root, path);
    if (!existsSync(abs) || readFileSync(abs, 'utf8') !== content) drift.push(path);
  }
  return [...drift, ...plan.stale];
}

/** Writes the plan; returns the paths it changed or removed. */
export function writeDocs(root: string, rules: readonly DocumentedRule[] = allRules): string[] {
  const plan = planDocs(root, rules);
  const changed: string[] = [];
  for (const [path, content] of plan.files) {
    const abs = join(root, path);
    if (existsSync(abs) && readFileSync(abs, 'utf8') === content) continue;
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    changed.push(path);
  }
  for (const path of plan.stale) {
    rmSync(join(root, path));
    changed.push(path);
  }
  return changed;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const changed = writeDocs(projectRoot());
  process.stdout.write(changed.length === 0 ? 'Rule docs are up to date.\n' : `Updated ${changed.join(', ')}\n`);
}
