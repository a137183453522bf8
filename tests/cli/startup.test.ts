// What a command loads before it can answer: `--help`, `validate` and the demo run must not import what they do not
// use, so a future eager import (a formatter, a provider, a heavy package) fails here instead of slowing every start.
// No timing: the start-up figures are in `npm run bench` (scripts/bench/startup.ts). It runs the build's dist/ in a
// child node with a loader hook listing each module, so `npm run build` must have run (`npm test` builds).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const LIST_MODULES = path.join(repoRoot, 'tests/support/list-modules.mjs');
const DEMO = ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none'];

/** The modules `node <entry> ...args` loads, as paths relative to the repository (`node:fs` for built-ins). */
async function modulesLoaded(entry: readonly string[], args: readonly string[]): Promise<string[]> {
  const list = path.join(await tempTree({}), 'modules.txt');
  const { code, stderr } = await new Promise<{ code: unknown; stderr: string }>((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', CONTROLPROOF_MODULE_LIST: list };
    execFile(process.execPath, ['--import', pathToFileURL(LIST_MODULES).href, ...entry, ...args], { cwd: repoRoot, env, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, err) =>
      resolve({ code: error ? error.code : 0, stderr: err }),
    );
  });
  // Every command here succeeds: a usage error would load next to nothing and prove nothing.
  expect(code, stderr).toBe(0);
  const root = pathToFileURL(repoRoot).href;
  return readFileSync(list, 'utf8')
    .trim()
    .split('\n')
    .map((url) => (url.startsWith(`${root}/`) ? url.slice(root.length + 1) : url))
    .map((url) => url.replace(/^file:\/\/.*\/node_modules\//, 'node_modules/'));
}

/** The CLI's module graph as tsc compiled it: what the bundle initialises is what these modules import, lazily or not. */
const UNBUNDLED = ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist/cli/main.js')).href)}); process.exitCode = await main([process.argv[0], 'controlproof', ...process.argv.slice(1)]);`, '--'];

/** The npm packages among loaded modules: `zod`, `@jmespath-community/jmespath`. */
function packagesOf(modules: readonly string[]): string[] {
  return [...new Set(modules.flatMap((module) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(module)?.[1] ?? []))].sort();
}

function under(modules: readonly string[], folder: string): string[] {
  return modules.filter((module) => module.startsWith(folder));
}

/** `aws/iam-console-mfa` for dist/providers/aws/checks/iam-console-mfa.js; the generic provider's ids have no prefix. */
function definitionIds(modules: readonly string[], kind: 'checks' | 'sources'): string[] {
  return modules.flatMap((module) => {
    const match = new RegExp(`^dist/providers/([^/]+)/${kind}/(.+)\\.js$`).exec(module);
    if (!match) return [];
    return [match[1] === 'generic' ? `${match[2]}` : `${match[1]}/${match[2]}`];
  });
}

describe.concurrent('start-up: what a command loads', { timeout: 60_000 }, () => {
  it('bin/controlproof.js runs one self-contained bundle: no other file of the package and no npm package is read', async () => {
    for (const args of [['--help'], ['validate', 'controls.example.yaml'], DEMO]) {
      const modules = await modulesLoaded(['bin/controlproof.js'], args);
      expect(modules.filter((module) => !module.startsWith('node:'))).toEqual(['bin/controlproof.js', 'dist/bundle/cli.js']);
    }
  });

  it('--help loads the commands and commander alone: no catalog, engine, provider, kit, framework, formatter or other package', async () => {
    const modules = await modulesLoaded(UNBUNDLED, ['--help']);
    expect(packagesOf(modules)).toEqual(['commander']);
    for (const folder of ['dist/catalog/', 'dist/providers/', 'dist/kit/', 'dist/frameworks/', 'dist/evidence/', 'dist/formatters/run/', 'dist/formatters/html/']) {
      expect(under(modules, folder)).toEqual([]);
    }
    expect(under(modules, 'dist/engine/')).toEqual(['dist/engine/time-limit.js']);
  });

  it('validate loads only the checks and source types the catalog names, and nothing that reads data or writes a report', async () => {
    const modules = await modulesLoaded(UNBUNDLED, ['validate', 'controls.example.yaml']);
    const catalog = parse(readFileSync(path.join(repoRoot, 'controls.example.yaml'), 'utf8')) as {
      sources: Record<string, { type: string }>;
      controls: { tests?: { check: string }[] }[];
    };
    const named = {
      checks: new Set(catalog.controls.flatMap((control) => (control.tests ?? []).map((test) => test.check))),
      sources: new Set(Object.values(catalog.sources).map((source) => source.type)),
    };
    expect(definitionIds(modules, 'checks').filter((id) => !named.checks.has(id))).toEqual([]);
    expect(definitionIds(modules, 'sources').filter((id) => !named.sources.has(id))).toEqual([]);
    expect(definitionIds(modules, 'checks').length).toBe(named.checks.size);
    for (const folder of ['dist/engine/stream/', 'dist/evidence/', 'dist/report/summarize.js', 'dist/formatters/run/', 'dist/formatters/html/', 'dist/formatters/coverage/', 'dist/formatters/exceptions/']) {
      expect(under(modules, folder)).toEqual([]);
    }
    expect(packagesOf(modules).filter((name) => ['chalk', 'cli-table3'].includes(name))).toEqual([]);
  });

  it('the demo run loads the table formatter alone of the formats', async () => {
    const modules = await modulesLoaded(UNBUNDLED, DEMO);
    expect(under(modules, 'dist/formatters/run/').filter((module) => !module.startsWith('dist/formatters/run/table'))).toEqual([]);
    expect(under(modules, 'dist/formatters/html/')).toEqual([]);
  });
});
