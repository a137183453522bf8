import { Command, Option } from 'commander';
import { DEFAULT_TIME_LIMIT_MS } from '../engine/time-limit.js';
import { formatNames } from '../formatters/select.js';
import { DEFAULT_FAIL_ON } from '../report/fail-on.js';
import type { RunOptions } from './actions/run.js';
import { BRIEF_OPTION_TEXT, HISTORY_OPTION_TEXT } from './brief.js';
import type { CliIo } from './io.js';
import { listOption, repeatedOption } from './options.js';

export function runCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('run')
    .description('run every control test and report both lenses: exists (evidence) and works (behaviour)')
    .argument('[catalog]', 'catalog file (default: ./controls.yaml, else ./controls.example.yaml)')
    .option('--format <format>', `${formatNames('run').join('|')}; repeatable, as NAME or NAME=FILE`, repeatedOption, [])
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--as-of <date>', 'the moment the assessment is about: a date, an instant or now (default: catalog as_of, else now)')
    .option('--fail-on <list>', 'exit 1 when any of these happen (comma list, or none)', DEFAULT_FAIL_ON)
    .option('--warn-days <n>', 'an exception ending within N days is "expiring"', '30')
    .option('--strict', 'parse every log record in full, rather than only those a check can match (slower; the findings are the same)')
    .option('--check-timeout <seconds>', 'a check still running after this long makes its test "error"', String(DEFAULT_TIME_LIMIT_MS / 1000))
    .option('--control <ids>', 'run only these controls (comma list, repeatable)', listOption('--control'), [])
    .option('--framework <key>', 'run only controls mapped to this framework')
    .option('--scope <name>', 'the account, region or unit this run covers, recorded on the report and each test (for merge)')
    .option('--brief', BRIEF_OPTION_TEXT)
    .option('--history <dir>', HISTORY_OPTION_TEXT)
    .option('--only-failing', 'show only controls that need attention (every one not assured)')
    .option('--max-findings <n>', 'findings listed per test, or all (default: 5 in the table, all in Markdown)')
    .option('--width <columns>', 'lay the table out in this many columns (default: the terminal\'s, else 80)')
    .option('--sarif-root <dir>', 'SARIF paths are relative to DIR, the repository root (default: the working directory)')
    .option('-q, --quiet', 'no warnings on stderr (the reasons of a failing exit still are)')
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (catalogArgument: string | undefined, options: RunOptions) => (await import('./actions/run.js')).run(io, setExitCode, catalogArgument, options));
}
