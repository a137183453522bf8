// Plugins are untrusted code with a contract: a check that breaks it (a malformed or async result, a throw, an
// endless loop, a state that cannot cross threads) makes its own test `error`, naming the check and its plugin
// file, and every other test still runs.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { runAudit } from '../../src/engine/run-audit.js';
import type { Report, TestResult } from '../../src/report/model.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const asOf = new Date('2026-11-01T00:00:00Z');

/** A hand-written plugin check over `inputs`, its `run` or `visitor` given as JavaScript source. */
const plugin = (id: string, inputs: string, body: string): string =>
  `export default { id: 'acme/${id}', title: 'T', description: 'D.', remediation: 'R.', inputs: { records: '${inputs}' }, ${body} };\n`;

function catalog(source: string, checks: readonly string[]): string {
  return `version: 1
name: Untrusted
plugins: [${checks.map((id) => `plugins/${id}.mjs`).join(', ')}]
sources:
${source}controls:
  - id: PLG-01
    title: Plugins keep their contract
    owner: platform@example.com
    risk: low
    function: detect
    tests:
${checks.map((id) => `      - { check: acme/${id}, source: items }\n`).join('')}`;
}

function testsById(report: Report): Map<string, TestResult> {
  return new Map(report.controls.flatMap((control) => control.tests).map((test) => [test.check, test]));
}

describe('batch checks', () => {
  const plugins: Record<string, string> = {
    good: 'run: ({ inputs }) => ({ examined: inputs.records.length, findings: [] })',
    'no-result': 'run: () => { /* forgot to return */ }',
    'null-result': 'run: () => null',
    'async-run': 'run: async ({ inputs }) => ({ examined: inputs.records.length, findings: [] })',
    'async-rejects': "run: async () => { throw new Error('rejected later'); }",
    'no-resource': "run: () => ({ examined: 3, findings: [{ resource: 'a', message: 'm' }, { resource: 'b', message: 'm' }, { message: 'm' }] })",
    'nan-metric': 'run: () => ({ examined: 3, findings: [], metrics: { pct: 0 / 0 } })',
    'bad-details': "run: () => ({ examined: 3, findings: [], details: 'see logs' })",
    throws: "run: () => { throw new RangeError('no such row'); }",
    endless: 'run: () => { for (;;); }',
  };
  const expected: Record<string, string> = {
    'no-result': 'returned undefined: expected { examined, findings }',
    'null-result': 'returned null: expected { examined, findings }',
    'async-run': 'returned a Promise: checks are synchronous (run and finish must not be async)',
    'async-rejects': 'returned a Promise: checks are synchronous (run and finish must not be async)',
    'no-resource': 'returned findings[2].resource: expected a string, found undefined',
    'nan-metric': 'returned metrics.pct: expected a finite number, found NaN',
    'bad-details': 'returned details: expected an object, found "see logs"',
    throws: 'failed: no such row',
    endless: 'did not finish within 0.3 s',
  };

  it('makes each broken check an error naming it and its plugin file, never a crash or a pass', async () => {
    const files = Object.fromEntries(Object.entries(plugins).map(([id, body]) => [`plugins/${id}.mjs`, plugin(id, 'json', body)]));
    const dir = await tempTree({ ...files, 'items.json': '[1, 2, 3]', 'controls.yaml': catalog('  items: { type: json, path: items.json }\n', Object.keys(plugins)) });
    const report = await runAudit(await loadCatalog(path.join(dir, 'controls.yaml')), { asOf, warnDays: 30, timeLimitMs: 300 });
    const tests = testsById(report);

    expect(tests.get('acme/good')).toMatchObject({ status: 'pass', examined: 3 });
    for (const [id, problem] of Object.entries(expected)) {
      expect(tests.get(`acme/${id}`), id).toMatchObject({ status: 'error', examined: 0, findings: [], error: `check acme/${id} (plugin plugins/${id}.mjs) ${problem}` });
    }
    expect(report.controls[0]?.works).toBe('error');
  });
});

/** A stream source of lines, in a plugin of its own (worker threads import it). */
const LINES = "export default { type: 'acme/lines', kind: 'stream', description: 'Lines.', readFile: (file) => file.text.split('\\n').filter((line) => line !== '') };\n";
const COUNT = 'merge: (a, b) => ({ n: a.n + b.n }), finish: (state) => ({ examined: state.n, findings: [] })';

describe('stream checks', () => {
  const plugins: Record<string, string> = {
    'count-lines': `visitor: { init: () => ({ n: 0 }), visit: (state) => { state.n += 1; }, ${COUNT} }`,
    'endless-visit': `visitor: { init: () => ({ n: 0 }), visit: () => { for (;;); }, ${COUNT} }`,
    'async-visit': `visitor: { init: () => ({ n: 0 }), visit: async () => { throw new Error('later'); }, ${COUNT} }`,
    'endless-finish': "visitor: { init: () => ({ n: 0 }), visit: () => undefined, merge: (a) => a, finish: () => { for (;;); } }",
    'async-finish': "visitor: { init: () => ({ n: 0 }), visit: () => undefined, merge: (a) => a, finish: async () => ({ examined: 1, findings: [] }) }",
    'function-state': 'visitor: { init: () => () => 0, visit: () => undefined, merge: (a) => a, finish: () => ({ examined: 1, findings: [] }) }',
    'instance-state': `visitor: { init: () => new (class Tally { n = 0; add = () => { this.n += 1; }; })(), visit: (state) => state.add(), ${COUNT} }`,
  };
  const unclonable = 'keeps a visitor state that cannot cross to a worker thread';
  const expected: Record<string, string> = {
    'endless-visit': 'did not finish within 0.5 s on notes/a.txt',
    'async-visit': 'returned a Promise from visit: checks are synchronous (visit must not be async)',
    'endless-finish': 'did not finish within 0.5 s',
    'async-finish': 'returned a Promise: checks are synchronous (run and finish must not be async)',
    'function-state': `${unclonable} (() => 0 could not be cloned.)`,
    'instance-state': `${unclonable} (() => { this.n += 1; } could not be cloned.)`,
  };

  for (const workers of [0, 2]) {
    it(`makes each broken check an error naming it and its plugin file, the others right (${workers} workers)`, async () => {
      const files = Object.fromEntries(Object.entries(plugins).map(([id, body]) => [`plugins/${id}.mjs`, plugin(id, 'acme/lines', body)]));
      const text = catalog('  items: { type: acme/lines, path: notes/*.txt }\n', Object.keys(plugins)).replace('plugins: [', 'plugins: [plugins/lines.mjs, ');
      const dir = await tempTree({ ...files, 'plugins/lines.mjs': LINES, 'notes/a.txt': 'one\ntwo\n', 'notes/b.txt': 'three\n', 'notes/c.txt': 'four\nfive\n', 'controls.yaml': text });
      const report = await runAudit(await loadCatalog(path.join(dir, 'controls.yaml')), { asOf, warnDays: 30, workers, timeLimitMs: 500 });
      const tests = testsById(report);

      expect(report.sources).toMatchObject([{ name: 'items', status: 'ok', records: 5 }]);
      expect(tests.get('acme/count-lines')).toMatchObject({ status: 'pass', examined: 5 });
      for (const [id, problem] of Object.entries(expected)) {
        const test = tests.get(`acme/${id}`);
        expect(test, id).toMatchObject({ status: 'error', examined: 0 });
        const prefix = `check acme/${id} (plugin plugins/${id}.mjs) ${problem}`;
        expect(test?.error?.slice(0, prefix.length), id).toBe(prefix);
      }
    });
  }

  it('makes a state that turns unclonable only while visiting an error too, when it crosses threads', async () => {
    const id = 'late-function';
    const body = `visitor: { init: () => ({ n: 0 }), visit: (state) => { state.n += 1; state.again = () => 1; }, ${COUNT} }`;
    const text = catalog('  items: { type: acme/lines, path: notes/*.txt }\n', [id]).replace('plugins: [', 'plugins: [plugins/lines.mjs, ');
    const dir = await tempTree({ [`plugins/${id}.mjs`]: plugin(id, 'acme/lines', body), 'plugins/lines.mjs': LINES, 'notes/a.txt': 'one\n', 'notes/b.txt': 'two\n', 'notes/c.txt': 'three\n', 'controls.yaml': text });
    const report = await runAudit(await loadCatalog(path.join(dir, 'controls.yaml')), { asOf, warnDays: 30, workers: 2 });
    expect(testsById(report).get(`acme/${id}`)?.error).toMatch(/^check acme\/late-function \(plugin plugins\/late-function\.mjs\) keeps a visitor state that cannot cross to a worker thread \(\(\) => 1 could not be cloned\.\)/);
  });
});
