import { Command, Option } from 'commander';
import { formatNames } from '../formatters/select.js';
import { DEFAULT_EXCEPTION_FAIL_ON } from '../report/fail-on.js';
import type { ExceptionsOptions } from './actions/exceptions.js';
import type { CliIo } from './io.js';
import { repeatedOption } from './options.js';

export function exceptionsCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('exceptions')
    .description('every exception\'s status (active, expiring, expired, unused) and age by risk tier')
    .argument('[catalog]', 'catalog file (default: ./controls.yaml, else ./controls.example.yaml)')
    .option('--format <format>', `${formatNames('exceptions').join('|')}; repeatable, as NAME or NAME=FILE`, repeatedOption, [])
    .option('-o, --output <file>', 'write the view to FILE (atomically) instead of stdout')
    .option('--as-of <date>', 'the moment the assessment is about: a date, an instant or now (default: catalog as_of, else now)')
    .option('--warn-days <n>', 'an exception ending within N days is "expiring"', '30')
    .option('--no-data', 'statuses by date only: run no tests and read no source (unused is not detected)')
    .option('--fail-on <list>', 'exit 1 when an exception is expired, expiring (comma list), or none', DEFAULT_EXCEPTION_FAIL_ON)
    .option('--width <columns>', 'wrap the table\'s text in this many columns (default: the terminal\'s, else 80)')
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (catalogArgument: string | undefined, options: ExceptionsOptions) => (await import('./actions/exceptions.js')).exceptions(io, setExitCode, catalogArgument, options));
}
