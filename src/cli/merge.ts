import { Command, Option } from 'commander';
import { formatNames } from '../formatters/select.js';
import type { MergeOptions } from './actions/merge.js';
import { BRIEF_OPTION_TEXT } from './brief.js';
import type { CliIo } from './io.js';
import { repeatedOption } from './options.js';

export function mergeCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('merge')
    .description('one report from several JSON reports of one catalog (one per account, region or business unit): tests keep their scope, each control takes the worst case per lens')
    .argument('<reports...>', 'reports written by run --format json (two or more); each test\'s scope is the run\'s --scope, else the file name without .json')
    .option('--format <format>', `${formatNames('run').join('|')}; repeatable, as NAME or NAME=FILE (default: json)`, repeatedOption, [])
    .option('-o, --output <file>', 'write the merged report to FILE (atomically) instead of stdout')
    .option('--allow-mixed', 'merge reports of different catalogs, tool versions or run settings (controls matched by id), with a warning each')
    .option('--fail-on <list>', 'exit 1 when any of these happen in the merged report (as run --fail-on; default none)', 'none')
    .option('--brief', BRIEF_OPTION_TEXT)
    .option('--width <columns>', 'lay the table out in this many columns (default: the terminal\'s, else 80)')
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (files: string[], options: MergeOptions) => (await import('./actions/merge.js')).merge(io, setExitCode, files, options));
}
