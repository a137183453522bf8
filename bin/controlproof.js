#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A reader that stops early (`controlproof run | head -1`) closes the pipe: end quietly, as other tools do.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv);
