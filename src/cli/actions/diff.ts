import { DIFF_FAIL_ON_CONDITIONS } from '../../report/diff-conditions.js';
import { diffFailReasons, diffReports } from '../../report/diff.js';
import { parseConditions } from '../../report/fail-on.js';
import { tableWidth, useColor, type CliIo } from '../io.js';
import { parseWidth } from '../options.js';
import { formattedTargets, rejectOutputsOntoInputs, stdoutListsWarnings, writeOutputs } from '../output-targets.js';
import { printFailing, printViewWarnings } from '../print-errors.js';
import { readReportArgument, reportInputs } from '../read-reports.js';

export interface DiffOptions {
  format: string[];
  output?: string;
  failOn: string;
  width?: string;
  color: boolean;
}

/** `controlproof diff`, once commander has parsed its arguments: loaded only when this command runs. */
export async function diff(io: CliIo, setExitCode: (code: number) => void, oldArgument: string, newArgument: string, options: DiffOptions): Promise<void> {
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
}
