/**
 * Property-based tests: generated CloudFormation (YAML short forms and JSON), Terraform `.tf.json`,
 * plan/state JSON and IAM policies, valid and then mutated. Quick in `npm test`; `npm run fuzz` runs
 * the same properties with IAMLINT_FUZZ_RUNS runs each (IAMLINT_FUZZ_SEED replays a failure).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';
import type { InputFormat } from '../../src/model/source.js';
import { gitHubSarifProblems } from '../helpers/github-sarif.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';
import { cloudFormation, policyFile, terraformConfig, terraformPlan } from './generators.js';
import { mutateText, mutateTree, mutation } from './mutations.js';
import { INTERNAL_FAILURE, fileLines, findingRegions, inMemoryProblems, regionProblems, renders, scanDir, workspace } from './pipeline.js';
import { emitJson, emitYaml, toData, type Tree, type YamlStyle } from './tree.js';

const FUZZ_RUNS = Number(process.env.IAMLINT_FUZZ_RUNS ?? '') || 0;
const SEED = process.env.IAMLINT_FUZZ_SEED ? Number(process.env.IAMLINT_FUZZ_SEED) : undefined;
const params = (quick: number): fc.Parameters<unknown> => ({ numRuns: FUZZ_RUNS || quick, ...(SEED === undefined ? {} : { seed: SEED }) });

const yamlStyle: fc.Arbitrary<YamlStyle> = fc.record({
  flowUpTo: fc.nat({ max: 3 }),
  quote: fc.constantFrom('plain' as const, 'single' as const, 'double' as const),
  blocks: fc.boolean(),
});
const asYaml = yamlStyle.map((s) => (t: Tree) => emitYaml(t, s));
const asJson = fc.constantFrom(0, 2, 4).map((indent) => (t: Tree) => emitJson(t, indent));

interface Case {
  name: string;
  file: string;
  tree: fc.Arbitrary<Tree>;
  emit: fc.Arbitrary<(t: Tree) => string>;
  formats: InputFormat[];
}

const CASES: Case[] = [
  { name: 'CloudFormation YAML', file: 'stack.yaml', tree: cloudFormation, emit: asYaml, formats: ['cloudformation-yaml'] },
  { name: 'CloudFormation JSON', file: 'stack.json', tree: cloudFormation, emit: asJson, formats: ['cloudformation-json'] },
  { name: 'Terraform .tf.json', file: 'main.tf.json', tree: terraformConfig, emit: asJson, formats: ['terraform-json'] },
  { name: 'Terraform plan and state JSON', file: 'plan.json', tree: terraformPlan, emit: asJson, formats: ['terraform-plan', 'terraform-state'] },
  { name: 'IAM policy', file: 'policy.json', tree: policyFile, emit: asJson, formats: ['iam-policy'] },
];

const ws = workspace();
afterAll(() => ws.remove());
let runId = 0;

describe('generated documents, before mutation', () => {
  for (const c of CASES) {
    it(`${c.name}: load as ${c.formats.join(' or ')} to exactly the generated data, with every finding inside the file`, () => {
      fc.assert(
        fc.property(c.tree, c.emit, (tree, emit) => {
          const bytes = Buffer.from(emit(tree));
          const outcome = loadText(bytes, c.file);
          if (outcome.status !== 'loaded') throw new Error(`did not load: ${JSON.stringify(outcome)}\n${bytes.toString()}`);
          expect(c.formats).toContain(outcome.doc.format);
          expect(outcome.doc.root).toEqual(toData(tree));
          expect(inMemoryProblems(bytes, c.file)).toEqual([]);
        }),
        params(25),
      );
    });
  }

  it('a CloudFormation template gives the same findings written in YAML short forms and in JSON', async () => {
    await fc.assert(
      fc.asyncProperty(cloudFormation, asYaml, asJson, async (tree, yaml, json) => {
        const dir = `${ws.dir}/twins-${runId++}`;
        ws.write({ [`${dir.slice(ws.dir.length + 1)}/stack.yaml`]: yaml(tree), [`${dir.slice(ws.dir.length + 1)}/stack.json`]: json(tree) });
        const result = await scanDir(dir);
        const key = (f: (typeof result.findings)[number]) => `${f.ruleId} ${f.resource?.id ?? '-'} ${f.propertyPath} ${f.suppression ? 'suppressed' : ''} ${f.message}`;
        const of = (file: string) => result.findings.filter((f) => f.location.file === file).map(key).sort();
        expect(of('stack.yaml')).toEqual(of('stack.json'));
      }),
      params(20),
    );
  });
});

describe('mutated documents', () => {
  for (const c of CASES) {
    it(`${c.name}: load, adapt and rules never throw; locations lie inside the file; output is deterministic; SARIF validates`, async () => {
      await fc.assert(
        fc.asyncProperty(c.tree, c.emit, mutation, async (tree, emit, m) => {
          const bytes = mutateText(emit(mutateTree(tree, m.tree)), m.text);
          expect(inMemoryProblems(bytes, c.file)).toEqual([]);

          const sub = `run-${runId++}`;
          ws.write({ [`${sub}/${c.file}`]: bytes });
          const dir = `${ws.dir}/${sub}`;
          const first = await scanDir(dir);
          const second = await scanDir(dir);

          expect(first.files.map((f) => f.file)).toEqual([c.file]);
          const internal = [...first.notifications.map((n) => n.message), ...first.findings.map((f) => f.message)].filter((t) => INTERNAL_FAILURE.test(t));
          expect(internal).toEqual([]);
          const lines = fileLines(bytes);
          const outside = first.findings.flatMap((f) =>
            findingRegions(f).flatMap(({ where, file, region }) => (file === c.file ? regionProblems(region, lines, where) : [`${where}: in ${file}`])),
          );
          outside.push(...first.notifications.flatMap((n) => (n.region ? regionProblems(n.region, lines, `notification "${n.message}"`) : [])));
          expect(outside).toEqual([]);

          const a = renders(first, dir);
          expect(renders(second, dir)).toEqual(a);
          const log = JSON.parse(a.sarif) as Parameters<typeof gitHubSarifProblems>[0];
          expect(sarifSchemaErrors(log)).toEqual([]);
          expect(gitHubSarifProblems(log)).toEqual([]);
        }),
        params(30),
      );
    });
  }
});
