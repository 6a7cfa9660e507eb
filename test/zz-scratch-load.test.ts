import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { loadText, openEmbeddedJson } from '../src/load/index.js';
import { Node } from '../src/model/node.js';
it('scratch', () => {
  for (const [f, p, inner] of [
    ['fixtures/input/embedded-policy.tf.json', ['resource','aws_iam_policy','admin','policy'], ['Statement',0,'Action']],
    ['fixtures/input/embedded-policy.tf.json', ['resource','aws_iam_policy','admin','policy'], ['Statement',0,'Sid']],
    ['fixtures/input/plan-minified.json', ['planned_values','root_module','resources',1,'values','policy'], ['Statement',0,'Action']],
    ['fixtures/input/get-role-policy.json', ['PolicyDocument'], ['Statement',0,'Action']],
    ['fixtures/input/embedded-policy-in-yaml.yaml', ['Resources','Literal','Properties','PolicyDocument'], ['Statement',0,'Action']],
    ['fixtures/input/embedded-policy-in-yaml.yaml', ['Resources','Quoted','Properties','PolicyDocument'], ['Statement',0,'Action']],
    ['fixtures/input/embedded-policy-in-yaml.yaml', ['Resources','Folded','Properties','PolicyDocument'], ['Statement',0,'Action']],
    ['fixtures/input/embedded-policy-in-yaml.yaml', ['Resources','NotJson','Properties','PolicyDocument'], ['Statement',0,'Action']],
  ] as [string, (string|number)[], (string|number)[]][]) {
    const o = loadText(readFileSync(f), f);
    if (o.status !== 'loaded') { console.log(f, o); continue; }
    const n = Node.root(o.doc).at(...p)!;
    const e = openEmbeddedJson(n);
    if (!e) { console.log(f, 'no embedded'); continue; }
    const r = e.doc.locate(inner);
    const line = o.doc.lines!(r.startLine, r.endLine);
    console.log(f, o.doc.format, JSON.stringify(r), JSON.stringify(line.map((l, i) => i === 0 ? l.slice(r.startColumn - 1, line.length === 1 ? r.endColumn - 1 : undefined) : l)));
  }
});
