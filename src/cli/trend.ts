import { Command, Option } from 'commander';
import { formatNames } from '../formatters/select.js';
import { DEFAULT_TREND_FAIL_ON, DEFAULT_TREND_LAST, TREND_FAIL_ON_CONDITIONS } from '../report/trend-conditions.js';
import type { TrendOptions } from './actions/trend.js';
import type { CliIo } from './io.js';
import { repeatedOption } from './options.js';

export function trendCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('trend')
    .description('per control and lens, the trajectory over the last N runs (improving, stagnating, deteriorating, gap), with metrics, exception age and detection coverage over time')
    .argument('<reports...>', 'JSON reports of runs over time (run --format json), or folders of them (their *.json files); ordered by as_of')
    .option('--last <runs>', `judge the trajectory over the newest N runs (default ${DEFAULT_TREND_LAST})`)
    .option('--format <format>', `${formatNames('trend').join('|')}; repeatable, as NAME or NAME=FILE`, repeatedOption, [])
    .option('-o, --output <file>', 'write the trend to FILE (atomically) instead of stdout')
    .option('--fail-on <list>', `exit 1 when any control is on one of these trajectories (comma list of ${TREND_FAIL_ON_CONDITIONS.join(', ')}, or none)`, DEFAULT_TREND_FAIL_ON)
    .option('--width <columns>', 'lay the table out in this many columns (default: the terminal\'s, else 80)')
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (reports: string[], options: TrendOptions) => (await import('./actions/trend.js')).trend(io, setExitCode, reports, options));
}
