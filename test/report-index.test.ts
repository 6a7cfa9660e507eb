import { describe, expect, it } from 'vitest';
import { failsAt, OUTPUT_FORMATS, render } from '../src/report/index.js';
import { quietFilter } from '../src/report/severity.js';
import { cleanResult, mixedResult, options } from './helpers/report-results.js';

describe('render', () => {
  it('renders every output format, ending with a newline', () => {
    expect(OUTPUT_FORMATS).toEqual(['text', 'json', 'sarif', 'github', 'junit', 'gitlab']);
    for (const format of OUTPUT_FORMATS) {
      const out = render(format, mixedResult(), options());
      expect(out.length, format).toBeGreaterThan(100);
      expect(out.endsWith('\n'), format).toBe(true);
    }
  });

  it('writes parseable output for machine formats on a clean run', () => {
    expect(JSON.parse(render('json', cleanResult(), options())).findings).toEqual([]);
    expect(JSON.parse(render('sarif', cleanResult(), options())).runs[0].results).toEqual([]);
    expect(JSON.parse(render('gitlab', cleanResult(), options()))).toEqual([]);
  });

  it('applies the fail-on threshold', () => {
    expect(failsAt('warning', 'error')).toBe(false);
    expect(failsAt('error', 'warning')).toBe(true);
    expect(failsAt('note', 'note')).toBe(true);
    expect(failsAt('error', 'never')).toBe(false);
    const findings = mixedResult().findings;
    expect(quietFilter(findings, 'never').every((f) => f.severity === 'error')).toBe(true);
    expect(quietFilter(findings, 'note')).toHaveLength(findings.length);
  });
});
