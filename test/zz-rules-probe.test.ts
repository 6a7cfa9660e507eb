import { it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { loadText } from '../src/load/index.js';
import { adaptCloudFormation } from '../src/adapt/cloudformation.js';
import { allRules } from '../rules/index.js';
import { runRule } from './helpers/run-rule.js';
it('probe', () => {
  const files: string[] = ['fixtures/cloudformation/no-false-positives/complex.yaml', 'fixtures/input/cfn-short-tags.yaml', 'fixtures/input/cfn-short-tags.json'];
  for (const d of readdirSync('fixtures/cloudformation')) {
    if (d === 'adapter' || d === 'no-false-positives') continue;
    for (const f of readdirSync(`fixtures/cloudformation/${d}`)) if (f.startsWith('good')) files.push(`fixtures/cloudformation/${d}/${f}`);
  }
  for (const file of files) {
    const r = loadText(readFileSync(file, 'utf8'), file);
    if (r.status !== 'loaded') { console.log(file, r.status); continue; }
    const m = adaptCloudFormation(r.doc);
    if (m.problems.length) console.log(file, 'PROBLEMS', m.problems.map((p) => p.message));
    for (const rule of allRules) {
      try {
        for (const rep of runRule(rule, m)) {
          const reg = rep.node.doc.locate(rep.node.path);
          console.log(`${file}:${reg.startLine}:${reg.startColumn} ${rule.id} ${rep.severity ?? rule.severity}: ${rep.message}`);
        }
      } catch (e) { console.log(`${file} ${rule.id} THREW ${(e as Error).stack}`); }
    }
  }
});
