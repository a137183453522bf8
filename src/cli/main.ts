import v8 from 'node:v8';
import { Command, CommanderError } from 'commander';
import { toolVersion } from '../core/tool-version.js';
import { checksCommand } from './checks.js';
import { coverageCommand } from './coverage.js';
import { diffCommand } from './diff.js';
import { exceptionsCommand } from './exceptions.js';
import { initCommand } from './init.js';
import { mergeCommand } from './merge.js';
import { processIo, type CliIo } from './io.js';
import { inertStderr, printError } from './print-errors.js';
import { runCommand } from './run.js';
import { trendCommand } from './trend.js';
import { validateCommand } from './validate.js';

/** Every command, one file each. */
export function commands(io: CliIo, setExitCode: (code: number) => void): Command[] {
  return [
    runCommand(io, setExitCode),
    validateCommand(io, setExitCode),
    checksCommand(io, setExitCode),
    exceptionsCommand(io, setExitCode),
    coverageCommand(io, setExitCode),
    diffCommand(io, setExitCode),
    mergeCommand(io, setExitCode),
    trendCommand(io, setExitCode),
    initCommand(io, setExitCode),
  ];
}

/**
 * A run parses one export while it holds the records of those before it. V8 by default lets the heap grow to several
 * times what is live before it collects, so a large organisation's audit would peak at mostly garbage; growing by
 * half each time keeps the peak near what is live, for a few more collections. `node --heap-growing-percent=N` wins.
 */
function favourMemory(): void {
  if (!process.execArgv.some((flag) => flag.startsWith('--heap-growing-percent'))) v8.setFlagsFromString('--heap-growing-percent=50');
}

/** Runs the CLI and returns the exit code: 0 ok, 1 the --fail-on set happened, 2 could not run. */
export async function main(argv: readonly string[], given: CliIo = processIo()): Promise<number> {
  favourMemory();
  // Whatever a command or commander writes to stderr may quote its input: one choke point masks and escapes it.
  const io = inertStderr(given);
  const debug = argv.includes('--debug');
  let exitCode = 0;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  // Usage errors (unknown option, missing argument) get a hint line like every other error.
  const output = {
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (message: string, write: (text: string) => void) => write(`${message.trimEnd()}\n  hint: run \`controlproof --help\` or \`controlproof <command> --help\`.\n`),
  };
  const program = new Command('controlproof')
    .description('Audit whether security controls work, not only whether they exist.')
    .version(toolVersion())
    .option('--debug', 'show stack traces for errors')
    .exitOverride()
    .configureOutput(output)
    .showSuggestionAfterError();
  for (const command of commands(io, setExitCode)) {
    program.addCommand(command.exitOverride().configureOutput(output).option('--debug', 'show stack traces for errors'));
  }
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    printError(io, error, debug);
    return 2;
  }
}
