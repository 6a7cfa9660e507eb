import { it } from 'vitest';
import { readdirSync } from 'node:fs';
import { allRules } from '../rules/index.js';
import { check } from './helpers/policy-fixtures.js';
const mine = ['admin-access','allow-not-action','cross-account-trust','passrole-wildcard','policy-syntax','privilege-escalation','trust-wildcard-principal','unknown-action','wildcard-action','wildcard-resource'];
const root = process.env.P4_ROOT ?? 'fixtures/policy';
it('smoke', () => {
  for (const dir of readdirSync(root)) { if (!mine.includes(dir) && dir !== 'wrappers') continue; for (const f of readdirSync(root + '/' + dir)) {
    const file = `${root}/${dir}/${f}`;
    console.log('== ' + file);
    for (const r of allRules) {
      try { for (const x of check(r, file)) console.log(`  ${r.id} ${x.line}:${x.column} [${x.severity ?? r.severity}] ${x.resource} ${x.message}${x.related.length ? ' REL ' + x.related.map(q => q.line+':'+q.column+' '+q.message).join(' | ') : ''}`); }
      catch (e) { console.log('  ERR', r.id, (e as Error).message); }
    }
  }}
});
