import { Command, Option } from 'commander';
import { DEFAULT_TIME_LIMIT_MS } from '../engine/time-limit.js';
import { formatNames } from '../formatters/select.js';
import type { CoverageOptions } from './actions/coverage.js';
import type { CliIo } from './io.js';
import { repeatedOption } from './options.js';

export function coverageCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('coverage')
    .description('framework criteria × the controls mapped to them × both lenses: assured, unassured, and the gaps, per framework')
    .argument('[catalog]', 'catalog file (default: ./controls.yaml, else ./controls.example.yaml)')
    .option('--format <format>', `${formatNames('coverage').join('|')}; repeatable, as NAME or NAME=FILE`, repeatedOption, [])
    .option('-o, --output <file>', 'write the matrix to FILE (atomically) instead of stdout')
    .option('--as-of <date>', 'the moment the assessment is about: a date, an instant or now (default: catalog as_of, else now)')
    .option('--framework <key>', 'only this framework (built in or declared under frameworks:), and the controls mapped to it')
    .option('--check-timeout <seconds>', 'a check still running after this long makes its test "error"', String(DEFAULT_TIME_LIMIT_MS / 1000))
    .option('--width <columns>', 'lay the table out in this many columns (default: the terminal\'s, else 80)')
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (catalogArgument: string | undefined, options: CoverageOptions) => (await import('./actions/coverage.js')).coverage(io, setExitCode, catalogArgument, options));
}
