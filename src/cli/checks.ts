import { Command } from 'commander';
import type { CliIo } from './io.js';

export function checksCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('checks')
    .description('list the built-in checks, or show one check\'s documentation')
    .argument('[id]', 'a check id, e.g. aws/iam-console-mfa')
    .action(async (id: string | undefined) => (await import('./actions/checks.js')).checks(io, setExitCode, id));
}
