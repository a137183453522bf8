// `run --brief --history DIR`: earlier reports of the same catalog, and this run as the newest, give the briefing
// its trajectory.
import { UserError } from '../core/errors.js';
import type { BriefOptions } from '../formatters/define-formatter.js';
import { trajectoryLines, trajectoryMarkup } from '../formatters/trend/trajectory.js';
import type { Report, Warning } from '../report/model.js';
import { trendOf, type TrendInput } from '../report/trend.js';
import { DEFAULT_TREND_LAST } from '../report/trend-conditions.js';
import { readReportArgument, reportFilesOf } from './read-reports.js';

/** The file name the trend gives this run's report, which is written nowhere yet. */
const THIS_RUN = '(this run)';

export interface History {
  /** The report files read, which no output may replace. */
  files: readonly string[];
  /** The briefing's trajectory for this run's report, and what to warn of. */
  briefFor(report: Report): { brief: BriefOptions; warnings: Warning[] };
}

/** The reports in DIR (its `*.json`), read and validated before anything runs: a broken history fails the run early. */
export async function historyOf(dir: string, cwd: string): Promise<History> {
  const files = await reportFilesOf([dir], cwd);
  const inputs = await Promise.all(files.map(async (file): Promise<TrendInput> => ({ file, report: await readReportArgument(file, cwd) })));
  return { files, briefFor: (report) => historyBrief(inputs, report) };
}

/**
 * The briefing's trajectory over the history and this run. A history report of this run's very moment is the same
 * run made before (a re-run): this one takes its place, and a warning says so. A report of a later moment than this
 * run is refused, since the trajectory would end before the run it briefs.
 */
function historyBrief(history: readonly TrendInput[], report: Report): { brief: BriefOptions; warnings: Warning[] } {
  const later = history.find((input) => Date.parse(input.report.as_of) > Date.parse(report.as_of));
  if (later) {
    throw new UserError(`This history report assesses ${later.report.as_of}, later than this run's ${report.as_of}`, {
      position: { file: later.file },
      hint: 'Give --history the reports of runs before this one, or run with a later --as-of.',
    });
  }
  const replaced = history.filter((input) => input.report.as_of === report.as_of);
  const earlier = history.filter((input) => input.report.as_of !== report.as_of);
  const view = trendOf([...earlier, { file: THIS_RUN, report }], { last: DEFAULT_TREND_LAST });
  return {
    brief: { trajectory: { markdown: trajectoryLines(view), html: trajectoryMarkup(view) } },
    warnings: replaced.map((input) => ({ message: `${input.file} assesses the same moment as this run (${report.as_of}): this run takes its place in the trajectory` })),
  };
}
