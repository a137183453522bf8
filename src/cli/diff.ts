import { Command, Option } from 'commander';
import { formatNames } from '../formatters/select.js';
import { DEFAULT_DIFF_FAIL_ON, DIFF_FAIL_ON_CONDITIONS, diffFailReasons, diffReports } from '../report/diff.js';
import { parseConditions } from '../report/fail-on.js';
import { tableWidth, useColor, type CliIo } from './io.js';
import { parseWidth, repeatedOption } from './options.js';
import { formattedTargets, rejectOutputsOntoInputs, stdoutListsWarnings, writeOutputs } from './output-targets.js';
import { printFailing, printViewWarnings } from './print-errors.js';
import { readReportArgument, reportInputs } from './read-reports.js';

interface DiffOptions {
  format: string[];
  output?: string;
  failOn: string;
  width?: string;
  color: boolean;
}

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
    .action(async (oldArgument: string, newArgument: string, options: DiffOptions) => {
      const failOn = parseConditions(options.failOn, DIFF_FAIL_ON_CONDITIONS);
      const width = options.width === undefined ? undefined : parseWidth(options.width);
      const targets = await formattedTargets('diff', options.format, options.output, io.cwd);
      await rejectOutputsOntoInputs(targets, reportInputs([oldArgument, newArgument], io.cwd, 'a report being compared'));
      const [old, now] = await Promise.all([readReportArgument(oldArgument, io.cwd), readReportArgument(newArgument, io.cwd)]);
      const view = diffReports({ file: oldArgument, report: old }, { file: newArgument, report: now });
      if (!stdoutListsWarnings(targets)) printViewWarnings(io, view.warnings);
      await writeOutputs(io, targets, ({ formatter }, toStdout) => formatter.format(view, { color: toStdout && useColor(io, options.color), width: tableWidth(io, width, toStdout) }));
      const reasons = diffFailReasons(view, failOn);
      printFailing(io, options.failOn, reasons);
      setExitCode(reasons.length > 0 ? 1 : 0);
    });
}
