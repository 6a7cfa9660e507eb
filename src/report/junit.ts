import type { Finding } from '../findings.js';
import type { ScanResult } from '../engine/types.js';
import { ciPath } from './paths.js';
import { failsAt } from './severity.js';
import type { RenderOptions } from './types.js';
import { element, xmlEscape } from './xml.js';

interface Case {
  xml: string;
  failure: boolean;
  error: boolean;
  skipped: boolean;
}

function describe(f: Finding, path: string, opts: RenderOptions): string {
  const lines = [`${path}:${f.location.startLine}:${f.location.startColumn} ${f.severity} ${f.ruleId}`, f.message];
  if (f.resource) lines.push(`Resource: ${f.resource.id} (${f.resource.type})`);
  for (const r of f.related) {
    const at = `${ciPath(r.location.file, opts.cwd, opts.baseDir)}:${r.location.startLine}:${r.location.startColumn}`;
    lines.push(`Related: ${r.message.trim().replace(/\.$/, '')} at ${at}`);
  }
  return lines.join('\n');
}

function findingCase(f: Finding, path: string, opts: RenderOptions): Case {
  const name = `${f.resource?.id ?? path} (${f.location.startLine}:${f.location.startColumn})`;
  const attrs = { classname: `iamlint.${f.ruleId}`, name, file: path, line: f.location.startLine, time: '0' };
  const body = xmlEscape(describe(f, path, opts));
  if (f.suppression) {
    const message = `suppressed (${f.suppression.source}): ${f.suppression.justification}`;
    return { xml: element('testcase', attrs, element('skipped', { message })), failure: false, error: false, skipped: true };
  }
  if (f.ruleId === 'parse-error') {
    return { xml: element('testcase', attrs, element('error', { type: f.ruleId, message: f.message }, body)), failure: false, error: true, skipped: false };
  }
  if (failsAt(f.severity, opts.failOn)) {
    return {
      xml: element('testcase', attrs, element('failure', { type: `${f.severity} ${f.ruleId}`, message: f.message }, body)),
      failure: true,
      error: false,
      skipped: false,
    };
  }
  // Below the --fail-on threshold: the report stays green, as the exit code does, and keeps the text.
  return { xml: element('testcase', attrs, element('system-out', {}, body)), failure: false, error: false, skipped: false };
}

/**
 * JUnit XML (Jenkins, GitLab, Azure DevOps): one testsuite per checked file and one testcase per
 * finding. Findings at or above `--fail-on` are failures, parse errors are errors, suppressed findings
 * are skipped, and a file without findings gets one passing testcase.
 */
export function renderJunit(result: ScanResult, findings: readonly Finding[], opts: RenderOptions): string {
  const files = new Map<string, Finding[]>();
  for (const f of result.files) if (f.status !== 'skipped') files.set(f.file, []);
  for (const f of findings) {
    const list = files.get(f.location.file);
    if (list) list.push(f);
    else files.set(f.location.file, [f]);
  }
  const reports = new Map(result.files.map((f) => [f.file, f]));
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const [file, list] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const path = ciPath(file, opts.cwd, opts.baseDir);
    const cases = list.map((f) => findingCase(f, path, opts));
    if (cases.length === 0) {
      const failed = reports.get(file)?.status === 'error';
      const attrs = { classname: 'iamlint', name: path, file: path, time: '0' };
      const message = reports.get(file)?.reason ?? 'the file could not be checked';
      cases.push(
        failed
          ? { xml: element('testcase', attrs, element('error', { type: 'parse-error', message }, xmlEscape(message))), failure: false, error: true, skipped: false }
          : { xml: element('testcase', attrs), failure: false, error: false, skipped: false },
      );
    }
    const count = (k: 'failure' | 'error' | 'skipped') => cases.filter((c) => c[k]).length;
    const suite = { failures: count('failure'), errors: count('error'), skipped: count('skipped') };
    tests += cases.length;
    failures += suite.failures;
    errors += suite.errors;
    skipped += suite.skipped;
    suites.push(
      `  ${element(
        'testsuite',
        { name: path, tests: cases.length, failures: suite.failures, errors: suite.errors, skipped: suite.skipped, time: '0' },
        `\n${cases.map((c) => `    ${c.xml}`).join('\n')}\n  `,
      )}`,
    );
  }
  const time = (result.elapsedMs / 1000).toFixed(3);
  const root = element('testsuites', { name: 'iamlint', tests, failures, errors, skipped, time }, suites.length > 0 ? `\n${suites.join('\n')}\n` : '');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
