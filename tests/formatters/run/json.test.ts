import { describe, expect, it } from 'vitest';
import json from '../../../src/formatters/run/json.js';
import { reportSchema } from '../../../src/report/model.js';
import { sampleReport } from '../sample-report.js';

describe('json formatter', () => {
  it('round-trips through the report schema', () => {
    const output = json.format(sampleReport, { color: false });
    expect(reportSchema.parse(JSON.parse(output))).toEqual(sampleReport);
  });

  it('is byte-identical across calls, indented by two spaces and newline-terminated', () => {
    const output = json.format(sampleReport, { color: false });
    expect(json.format(sampleReport, { color: true })).toBe(output);
    expect(output.split('\n').slice(0, 3)).toEqual(['{', '  "schema": "controlproof/report@2",', '  "tool": {']);
    expect(output.endsWith('}\n')).toBe(true);
  });

  it('leaves out optional fields that are undefined', () => {
    const report = structuredClone(sampleReport);
    const test = report.controls[0]?.tests[0];
    if (!test) throw new Error('sample report changed: MFA-2 has no test');
    test.error = undefined;
    test.title = undefined;
    expect(Object.hasOwn(test, 'error')).toBe(true);
    const written: unknown = JSON.parse(json.format(report, { color: false }));
    const parsed = reportSchema.parse(written);
    expect(Object.keys(parsed.controls[0]?.tests[0] ?? {})).toEqual([
      'check',
      'inputs',
      'status',
      'examined',
      'excepted',
      'findings',
      'metrics',
      'position',
    ]);
  });

  it('keeps nullable fields as null', () => {
    const output = json.format(sampleReport, { color: false });
    expect(output).toContain('"median_age_days": null');
  });
});
