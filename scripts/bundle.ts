// Bundles the compiled CLI (dist/cli/main.js) and its stream worker, dependencies included, into one file each
// under dist/bundle/, which bin/controlproof.js runs. Resolving and compiling some 350 small ES modules (zod alone
// is 95, 60 of them locales) cost more at start-up than the work of a small run; one file costs one read and one
// parse. What the sources import lazily (commands' actions, formatters, checks and sources by id) stays lazy: a
// dynamic import becomes a module initialised on first use. The library entry points (dist/index.js,
// dist/testing/) stay as tsc writes them, for plugins and programmatic use.
import { build, type Plugin } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The bundles sit two folders below the package root, as every compiled module does, so paths the code finds from
 * its own URL still hold: ../../package.json, ../../templates, and ./worker.js beside the worker pool.
 */
export const BUNDLE_DIR = 'dist/bundle';

/** The CommonJS dependencies (yaml, commander, …) call require for Node's built-in modules, which ES modules lack. */
const REQUIRE_SHIM = "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);";

/**
 * zod's namespace carries every locale (60 modules, half of zod's code), so no bundler can leave them out of `z`.
 * controlproof speaks English only, and zod registers English itself (from its own en.js, not this index): the
 * index becomes an empty module, and `z.locales` (and `z.core.locales`) with it.
 */
const ZOD_LOCALES: Plugin = {
  name: 'zod-without-locales',
  setup(plugins) {
    plugins.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]zod[\\/]v4[\\/](classic[\\/]external|mini[\\/]external|core[\\/]index)\.js$/.test(importer) ? { path: 'zod-locales', namespace: 'zod-without-locales' } : undefined,
    );
    plugins.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

export async function bundle(): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'dist/cli/main.js', worker: 'dist/engine/stream/worker.js' },
    outdir: BUNDLE_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: REQUIRE_SHIM },
    legalComments: 'none',
    plugins: [ZOD_LOCALES],
    logLevel: 'warning',
  });
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === self) await bundle();
