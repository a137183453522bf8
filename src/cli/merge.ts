import path from 'node:path';
import { Command, Option } from 'commander';
import { UserError } from '../core/errors.js';
import { toolVersion } from '../core/tool-version.js';
import { formatNames } from '../formatters/select.js';
import { failOnReasons, parseFailOn } from '../report/fail-on.js';
import { mergeReports, type MergeInput } from '../report/merge.js';
import type { Report } from '../report/model.js';
import { tableWidth, useColor, type CliIo } from './io.js';
import { parseWidth, repeatedOption } from './options.js';
import { formattedTargets, rejectOutputsOntoInputs, stdoutListsWarnings, writeOutputs } from './output-targets.js';
import { printFailing, printViewWarnings } from './print-errors.js';
import { readReportArgument, reportInputs } from './read-reports.js';

interface MergeOptions {
  format: string[];
  output?: string;
  allowMixed?: boolean;
  failOn: string;
  width?: string;
  color: boolean;
}

/** The scope of a report's tests: `run --scope`, else its file's name without `.json`. */
export function scopeOf(file: string, report: Report): string {
  if (report.scope !== undefined) return report.scope;
  const name = path.basename(file).replace(/\.json$/i, '');
  if (name === '') throw new UserError('Cannot tell this report\'s scope from its file name', { position: { file }, hint: 'Run it with --scope NAME, or name the file after its account, region or unit.' });
  return name;
}

export function mergeCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('merge')
    .description('one report from several JSON reports of one catalog (one per account, region or business unit): tests keep their scope, each control takes the worst case per lens')
    .argument('<reports...>', 'reports written by run --format json (two or more); each test\'s scope is the run\'s --scope, else the file name without .json')
    .option('--format <format>', `${formatNames('run').join('|')}; repeatable, as NAME or NAME=FILE (default: json)`, repeatedOption, [])
    .option('-o, --output <file>', 'write the merged report to FILE (atomically) instead of stdout')
    .option('--allow-mixed', 'merge reports of different catalogs, tool versions or run settings (controls matched by id), with a warning each')
    .option('--fail-on <list>', 'exit 1 when any of these happen in the merged report (as run --fail-on; default none)', 'none')
    .option('--width <columns>', 'lay the table out in this many columns (default: the terminal\'s, else 80)')
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (files: string[], options: MergeOptions) => {
      const failOn = parseFailOn(options.failOn);
      const width = options.width === undefined ? undefined : parseWidth(options.width);
      const targets = await formattedTargets('run', options.format.length > 0 ? options.format : ['json'], options.output, io.cwd);
      await rejectOutputsOntoInputs(targets, reportInputs(files, io.cwd, 'a report being merged'));
      const inputs = await Promise.all(
        files.map(async (file): Promise<MergeInput> => {
          const report = await readReportArgument(file, io.cwd);
          return { file, scope: scopeOf(file, report), report };
        }),
      );
      const report = mergeReports(inputs, { allowMixed: options.allowMixed === true, toolVersion: toolVersion() });
      if (!stdoutListsWarnings(targets, ['table'])) printViewWarnings(io, report.warnings);
      await writeOutputs(io, targets, ({ formatter }, toStdout) => formatter.format(report, { color: toStdout && useColor(io, options.color), width: tableWidth(io, width, toStdout) }));
      const reasons = failOnReasons(report, failOn);
      printFailing(io, options.failOn, reasons);
      setExitCode(reasons.length > 0 ? 1 : 0);
    });
}
