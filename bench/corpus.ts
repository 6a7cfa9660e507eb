import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudFormationJson, cloudFormationYaml } from './corpus-cloudformation.js';
import { policyFile, terraformConfig, terraformPlan } from './corpus-terraform.js';
import { Random } from './random.js';

export interface CorpusStats {
  dir: string;
  files: number;
  bytes: number;
  byKind: Record<string, number>;
}

/** Writes `files` realistic inputs under `dir` (cleared first); the same seed writes the same bytes. */
export function writeCorpus(dir: string, files: number, seed: number): CorpusStats {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rnd = new Random(seed);
  const stats: CorpusStats = { dir, files: 0, bytes: 0, byKind: {} };
  const write = (kind: string, rel: string, text: string) => {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
    stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
  };
  for (let i = 0; i < files; i++) {
    const shard = `s${Math.floor(i / 100)}`;
    const roll = rnd.next();
    if (roll < 0.4) write('cloudformation-yaml', `${shard}/stack-${i}.yaml`, cloudFormationYaml(rnd, rnd.int(8, 40)));
    else if (roll < 0.6) write('cloudformation-json', `${shard}/stack-${i}.template.json`, cloudFormationJson(rnd, rnd.int(6, 30)));
    else if (roll < 0.75) write('terraform-json', `${shard}/module-${i}/main.tf.json`, terraformConfig(rnd, rnd.int(8, 32)));
    else if (roll < 0.85) write('terraform-plan', `${shard}/plan-${i}.json`, terraformPlan(rnd, rnd.int(2, 20), rnd.chance(0.5)));
    else write('iam-policy', `${shard}/policy-${i}.json`, policyFile(rnd));
  }
  return stats;
}

/** One minified plan of roughly `megabytes` MB (about 2.2 kB per instance and policy pair). */
export function writeBigPlan(path: string, megabytes: number, seed: number): number {
  const rnd = new Random(seed);
  const text = terraformPlan(rnd, Math.round((megabytes * 1024 * 1024) / 2300), false);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}
