import { parseConditions } from '../../report/fail-on.js';
import { trendFailReasons, trendOf, type TrendInput } from '../../report/trend.js';
import { DEFAULT_TREND_LAST, TREND_FAIL_ON_CONDITIONS } from '../../report/trend-conditions.js';
import { tableWidth, useColor, type CliIo } from '../io.js';
import { parseLast, parseWidth } from '../options.js';
import { formattedTargets, rejectOutputsOntoInputs, stdoutListsWarnings, writeOutputs } from '../output-targets.js';
import { printFailing, printViewWarnings } from '../print-errors.js';
import { readReportArgument, reportFilesOf, reportInputs } from '../read-reports.js';

export interface TrendOptions {
  last?: string;
  format: string[];
  output?: string;
  failOn: string;
  width?: string;
  color: boolean;
}

/** `controlproof trend`, once commander has parsed its arguments: loaded only when this command runs. */
export async function trend(io: CliIo, setExitCode: (code: number) => void, reports: string[], options: TrendOptions): Promise<void> {
  const failOn = parseConditions(options.failOn, TREND_FAIL_ON_CONDITIONS);
  const last = options.last === undefined ? DEFAULT_TREND_LAST : parseLast(options.last);
  const width = options.width === undefined ? undefined : parseWidth(options.width);
  const targets = await formattedTargets('trend', options.format, options.output, io.cwd);
  const files = await reportFilesOf(reports, io.cwd);
  await rejectOutputsOntoInputs(targets, reportInputs(files, io.cwd, 'a report of the trend'));
  const inputs = await Promise.all(files.map(async (file): Promise<TrendInput> => ({ file, report: await readReportArgument(file, io.cwd) })));
  const view = trendOf(inputs, { last });
  if (!stdoutListsWarnings(targets)) printViewWarnings(io, view.warnings);
  await writeOutputs(io, targets, ({ formatter }, toStdout) => formatter.format(view, { color: toStdout && useColor(io, options.color), width: tableWidth(io, width, toStdout) }));
  const reasons = trendFailReasons(view, failOn);
  printFailing(io, options.failOn, reasons);
  setExitCode(reasons.length > 0 ? 1 : 0);
}
