// What went wrong in the run itself: sources that could not be read, and warnings. (A test that could not run is
// shown under its control: a control with an errored test is never assured, so it needs attention.)
import type { Report } from '../../../report/model.js';
import { wrap } from '../../text/layout.js';
import type { TableContext } from './context.js';

/** Each source that could not be read, with its type and error; nothing when all were read. */
export function erroredSourceLines(report: Report, { chalk, width }: TableContext): string[] {
  const errored = report.sources.filter((source) => source.status === 'error');
  if (errored.length === 0) return [];
  return [
    chalk.bold(`Sources with errors (${errored.length})`),
    ...errored.flatMap((source) =>
      wrap(`${chalk.red(source.name)} ${chalk.dim(`(${source.type})`)}: ${source.error ?? 'unreadable'}`, { width, indent: 2, hang: 4 }),
    ),
  ];
}
