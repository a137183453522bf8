import { UserError, UserErrors } from '../core/errors.js';
import type { CliIo } from './io.js';

/**
 * Prints what went wrong: for each user error one `file:line:col: message` line and one hint line.
 * Anything else is a bug: one line, plus the stack only under --debug.
 */
export function printError(io: CliIo, error: unknown, debug: boolean): void {
  const errors = error instanceof UserErrors ? error.errors : error instanceof UserError ? [error] : undefined;
  if (errors) {
    for (const each of errors) {
      io.stderr(`${each.locatedFrom(io.cwd)}\n`);
      if (each.hint) io.stderr(`  hint: ${each.hint}\n`);
      if (debug && each.stack) io.stderr(`${each.stack}\n`);
    }
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`controlproof: internal error: ${message}\n`);
  io.stderr(debug && error instanceof Error && error.stack ? `${error.stack}\n` : '  hint: run again with --debug for the stack trace, and report it.\n');
}

export function printWarnings(io: CliIo, warnings: readonly UserError[]): void {
  for (const warning of warnings) {
    io.stderr(`warning: ${warning.locatedFrom(io.cwd)}\n`);
    if (warning.hint) io.stderr(`  hint: ${warning.hint}\n`);
  }
}
