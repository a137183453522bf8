import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { toolVersion } from '../../core/tool-version.js';
import { failOnReasons, parseFailOn } from '../../report/fail-on.js';
import { mergeReports, type MergeInput } from '../../report/merge.js';
import type { Report } from '../../report/model.js';
import { requireBriefFormat } from '../brief.js';
import { tableWidth, useColor, type CliIo } from '../io.js';
import { parseWidth } from '../options.js';
import { formattedTargets, rejectOutputsOntoInputs, stdoutListsWarnings, writeOutputs } from '../output-targets.js';
import { printFailing, printViewWarnings } from '../print-errors.js';
import { readReportArgument, reportInputs } from '../read-reports.js';

export interface MergeOptions {
  format: string[];
  output?: string;
  allowMixed?: boolean;
  failOn: string;
  width?: string;
  brief?: boolean;
  color: boolean;
}

/** The scope of a report's tests: `run --scope`, else its file's name without `.json`. */
export function scopeOf(file: string, report: Report): string {
  if (report.scope !== undefined) return report.scope;
  const name = path.basename(file).replace(/\.json$/i, '');
  if (name === '') throw new UserError('Cannot tell this report\'s scope from its file name', { position: { file }, hint: 'Run it with --scope NAME, or name the file after its account, region or unit.' });
  return name;
}

/** `controlproof merge`, once commander has parsed its arguments: loaded only when this command runs. */
export async function merge(io: CliIo, setExitCode: (code: number) => void, files: string[], options: MergeOptions): Promise<void> {
  const failOn = parseFailOn(options.failOn);
  const width = options.width === undefined ? undefined : parseWidth(options.width);
  const targets = await formattedTargets('run', options.format.length > 0 ? options.format : ['json'], options.output, io.cwd);
  if (options.brief === true) requireBriefFormat(targets.map((target) => target.format));
  await rejectOutputsOntoInputs(targets, reportInputs(files, io.cwd, 'a report being merged'));
  const inputs = await Promise.all(
    files.map(async (file): Promise<MergeInput> => {
      const report = await readReportArgument(file, io.cwd);
      return { file, scope: scopeOf(file, report), report };
    }),
  );
  const report = mergeReports(inputs, { allowMixed: options.allowMixed === true, toolVersion: toolVersion() });
  if (!stdoutListsWarnings(targets, ['table'])) printViewWarnings(io, report.warnings);
  await writeOutputs(io, targets, ({ formatter }, toStdout) => formatter.format(report, { color: toStdout && useColor(io, options.color), width: tableWidth(io, width, toStdout), ...(options.brief === true ? { brief: {} } : {}) }));
  const reasons = failOnReasons(report, failOn);
  printFailing(io, options.failOn, reasons);
  setExitCode(reasons.length > 0 ? 1 : 0);
}
