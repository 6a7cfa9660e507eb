import { it } from 'vitest';
import { scan } from '../src/engine/scan.js';
import { defaultScanOptions } from '../src/engine/defaults.js';
it('x', async () => {
  const r = await scan(defaultScanOptions({ paths: ['fixtures/terraform/adapter/jsonencode'], cwd: process.cwd() }));
  for (const f of r.findings) console.log(f.ruleId, f.location.startLine+':'+f.location.startColumn+'-'+f.location.endLine+':'+f.location.endColumn, f.resource?.id, f.propertyPath, f.message);
  console.log(JSON.stringify((r as any).notifications ?? []));
});
