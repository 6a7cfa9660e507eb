import { it } from 'vitest';
import { readdirSync } from 'node:fs';
import { allRules } from '../rules/index.js';
import { check } from '../test/helpers/policy-fixtures.js';
const mine = ['admin-access','allow-not-action','cross-account-trust','passrole-wildcard','policy-syntax','privilege-escalation','trust-wildcard-principal','unknown-action','wildcard-action','wildcard-resource'];
it('smoke', () => {
  for (const dir of readdirSync('fixtures/policy')) for (const f of readdirSync('fixtures/policy/' + dir)) {
    const file = `fixtures/policy/${dir}/${f}`;
    console.log('== ' + file);
    for (const r of allRules.filter((r) => mine.includes(r.id))) {
      try { for (const x of check(r, file)) console.log(`  ${r.id} ${x.line}:${x.column} [${x.severity ?? r.severity}] ${x.resource} ${x.message}${x.related.length ? ' REL ' + x.related.map(q => q.line+':'+q.column+' '+q.message).join(' | ') : ''}`); }
      catch (e) { console.log('  ERR', r.id, (e as Error).message); }
    }
  }
});
