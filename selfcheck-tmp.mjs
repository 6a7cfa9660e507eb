import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '/work/main/dist/eslint-plugin.js';
const eslint = new ESLint({ cwd: '/work/main', overrideConfigFile: true, overrideConfig: [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  { files: ['**/*.{ts,js}'], ...plugin.configs.strict },
]});
const t0 = Date.now();
const results = await eslint.lintFiles(process.argv.slice(2));
let n = 0; const byRule = {};
for (const r of results) for (const m of r.messages) { n++; byRule[m.ruleId ?? 'fatal'] = (byRule[m.ruleId ?? 'fatal'] ?? 0) + 1; if (!m.ruleId || process.env.SHOW) console.log(r.filePath.replace('/work/main/',''), m.line, m.column, m.ruleId, m.message.slice(0, 150)); }
console.log(results.length, 'files', n, 'messages', Date.now() - t0, 'ms', byRule);
