/**
 * node dist/bench/warm.js DIR [RUNS]: the warm ratio. iamlint (one thread, JSON report thrown away) and
 * the parse floor run in one process, each twice first so that the optimising compiler has caught up,
 * then alternately RUNS times; prints the medians and the median of the paired ratios as JSON. What a
 * cold run adds over this is start-up and compilation.
 */
import { runCli } from '../src/cli/run.js';
import { parseAll } from './floor-parse.js';
import { median } from './measure.js';

const [dir, runsArg = '7'] = process.argv.slice(2);
if (!dir) throw new Error('usage: warm.js DIR [RUNS]');
const io = { stdout: { write: () => true }, stderr: process.stderr, cwd: process.cwd(), env: process.env, isTTY: false };
const lint = () => runCli(['--jobs', '1', '--format', 'json', '--fail-on', 'never', dir], io);
const floor = () => parseAll([dir]);

for (let i = 0; i < 2; i++) {
  floor();
  await lint();
}
const lintMs: number[] = [];
const floorMs: number[] = [];
const ratios: number[] = [];
for (let i = 0; i < Number(runsArg); i++) {
  let t = performance.now();
  await lint();
  lintMs.push(performance.now() - t);
  t = performance.now();
  floor();
  floorMs.push(performance.now() - t);
  ratios.push(lintMs[i]! / floorMs[i]!);
}
process.stdout.write(JSON.stringify({ iamlintMs: median(lintMs), floorMs: median(floorMs), ratio: median(ratios) }) + '\n');
