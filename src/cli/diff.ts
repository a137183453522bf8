import { Command, Option } from 'commander';
import { formatNames } from '../formatters/select.js';
import { DEFAULT_DIFF_FAIL_ON, DIFF_FAIL_ON_CONDITIONS } from '../report/diff-conditions.js';
import type { DiffOptions } from './actions/diff.js';
import type { CliIo } from './io.js';
import { repeatedOption } from './options.js';

export function diffCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('diff')
    .description('what changed between two JSON reports, per control by id: each lens improved, regressed or unchanged; new and resolved findings, metric deltas, exception changes')
    .argument('<old>', 'the earlier report (run --format json)')
    .argument('<new>', 'the later report')
    .option('--format <format>', `${formatNames('diff').join('|')}; repeatable, as NAME or NAME=FILE`, repeatedOption, [])
    .option('-o, --output <file>', 'write the diff to FILE (atomically) instead of stdout')
    .option('--fail-on <list>', `exit 1 when any of these happen (comma list of ${DIFF_FAIL_ON_CONDITIONS.join(', ')}, or none)`, DEFAULT_DIFF_FAIL_ON)
    .option('--width <columns>', 'lay the table out in this many columns (default: the terminal\'s, else 80)')
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (oldArgument: string, newArgument: string, options: DiffOptions) => (await import('./actions/diff.js')).diff(io, setExitCode, oldArgument, newArgument, options));
}
