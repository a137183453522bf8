import { Command } from 'commander';
import type { CliIo } from './io.js';

export function validateCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('validate')
    .description('check the catalog: schema, plugins and every reference; reads no data')
    .argument('[catalog]', 'catalog file (default: ./controls.yaml, else ./controls.example.yaml)')
    .action(async (catalogArgument: string | undefined) => (await import('./actions/validate.js')).validate(io, setExitCode, catalogArgument));
}
