import { UserError, UserErrors } from '../core/errors.js';
import { inert } from '../formatters/text/inert.js';
import { maskText } from '../report/mask-secrets.js';
import type { Warning } from '../report/model.js';
import type { CliIo } from './io.js';

/** One piece of a message for the terminal (it may quote a catalog or an export): secrets masked, control characters shown. */
export function terminalText(text: string): string {
  return inert(maskText(text));
}

/** Every write to stderr, whatever wrote it: secrets masked and control characters shown, except the newlines that end lines. */
export function inertStderr(io: CliIo): CliIo {
  return { ...io, stderr: (text) => io.stderr(maskText(text).split('\n').map(inert).join('\n')) };
}

/**
 * Prints what went wrong: for each user error one `file:line:col: message` line and one hint line.
 * Anything else is a bug: one line, plus the stack only under --debug.
 */
export function printError(io: CliIo, error: unknown, debug: boolean): void {
  const errors = error instanceof UserErrors ? error.errors : error instanceof UserError ? [error] : undefined;
  if (errors) {
    for (const each of errors) {
      printWarning(io, '', { message: each.locatedFrom(io.cwd), ...(each.hint ? { hint: each.hint } : {}) });
      if (debug && each.stack) printStack(io, each.stack);
    }
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`controlproof: internal error: ${terminalText(message)}\n`);
  if (debug && error instanceof Error && error.stack) printStack(io, error.stack);
  else io.stderr('  hint: run again with --debug for the stack trace, and report it.\n');
}

/** A stack's lines, each made safe: its first line repeats the message. */
function printStack(io: CliIo, stack: string): void {
  io.stderr(`${stack.split('\n').map(terminalText).join('\n')}\n`);
}

function printWarning(io: CliIo, prefix: string, warning: Warning): void {
  io.stderr(`${prefix}${terminalText(warning.message)}\n`);
  if (warning.hint) io.stderr(`  hint: ${terminalText(warning.hint)}\n`);
}

/** The catalog's warnings, located from the working directory. */
export function printWarnings(io: CliIo, warnings: readonly UserError[]): void {
  for (const warning of warnings) printWarning(io, 'warning: ', { message: warning.locatedFrom(io.cwd), ...(warning.hint ? { hint: warning.hint } : {}) });
}

/** A report view's warnings, as the view words them. */
export function printViewWarnings(io: CliIo, warnings: readonly Warning[]): void {
  for (const warning of warnings) printWarning(io, 'warning: ', warning);
}

/** Why the run exits 1: the --fail-on conditions that happened, one line each. */
export function printFailing(io: CliIo, failOn: string, reasons: readonly string[]): void {
  if (reasons.length === 0) return;
  io.stderr(`controlproof: failing (--fail-on ${terminalText(failOn)}):\n${reasons.map((reason) => `  - ${terminalText(reason)}\n`).join('')}`);
}
