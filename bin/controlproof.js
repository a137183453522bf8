#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ can keep V8's compiled code between runs: a quiet optimisation that never throws, kept in the
// OS temp folder (or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), never in the working one.
// Node 20 has no such cache. It must be on before the CLI is imported, hence the dynamic import below.
module.enableCompileCache?.();

// One file holding the CLI and its dependencies (scripts/bundle.ts): one read and one parse at start-up.
const { main } = await import('../dist/bundle/cli.js');

// A reader that stops early (`controlproof run | head -1`) closes the pipe: end quietly, as other tools do.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv);
