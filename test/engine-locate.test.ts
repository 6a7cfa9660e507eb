import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScanOptions } from '../src/engine/defaults.js';
import { scan } from '../src/engine/scan.js';

const root = join(import.meta.dirname, '..');

async function findingsOf(path: string, ruleId: string) {
  const result = await scan(defaultScanOptions({ paths: [path], cwd: root }));
  return result.findings.filter((f) => f.ruleId === ruleId);
}

describe('locating findings inside strings', () => {
  it('points at the key inside a YAML block scalar and masks it in the code frame', async () => {
    const [f] = await findingsOf('examples/cloudformation/web-tier.yaml', 'hardcoded-access-key');
    expect(f?.location).toEqual({ file: 'examples/cloudformation/web-tier.yaml', startLine: 77, startColumn: 47, endLine: 77, endColumn: 67 });
    expect(f?.resource).toEqual({ id: 'BuildAgent', type: 'AWS::EC2::Instance' });
    expect(f?.snippet?.lines.join('\n')).toContain('AKIA************WN3T');
    expect(JSON.stringify(f)).not.toContain('AKIA4QH7ZP2MXK6RWN3T');
  });

  it('points at the key inside a JSON string with escapes before it', async () => {
    const [f] = await findingsOf('fixtures/engine/key-in-escaped-string.tf.json', 'hardcoded-access-key');
    // Line 7 holds the string; `\n`, `\t` and `\"` escapes take two source characters each.
    const line = '        "user_data": "#!/bin/bash\\n\\t# \\"ci\\" runner\\nexport AWS_ACCESS_KEY_ID=AKIAZ7QW3ERTY5UI2OPL\\n"';
    const column = line.indexOf('AKIA') + 1;
    expect(f?.location).toMatchObject({ startLine: 7, startColumn: column, endLine: 7, endColumn: column + 20 });
    expect(f?.resource?.id).toBe('aws_instance.runner');
    expect(JSON.stringify(f)).not.toContain('AKIAZ7QW3ERTY5UI2OPL');
  });
});

describe('code frames', () => {
  it('are kept only when asked for (the CLI asks for them for the text report only)', async () => {
    const withFrames = await scan(defaultScanOptions({ paths: ['examples/policies'], cwd: root }));
    const without = await scan(defaultScanOptions({ paths: ['examples/policies'], cwd: root, snippets: false }));
    expect(withFrames.findings.length).toBeGreaterThan(0);
    expect(withFrames.findings.every((f) => f.snippet)).toBe(true);
    expect(without.findings.map((f) => f.snippet)).toEqual(without.findings.map(() => undefined));
    expect(without.findings.map((f) => f.location)).toEqual(withFrames.findings.map((f) => f.location));
  });
});
