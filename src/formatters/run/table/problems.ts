// What went wrong in the run itself: sources that could not be read, tests that could not run, warnings.
import type { ChalkInstance } from 'chalk';
import type { Report } from '../../../report/model.js';
import { needsAttention } from './attention.js';
import { wrap } from '../../text/layout.js';
import { readsText } from './test-details.js';

/** Each source that could not be read, with its type and error; nothing when all were read. */
export function erroredSourceLines(report: Report, chalk: ChalkInstance): string[] {
  const errored = report.sources.filter((source) => source.status === 'error');
  if (errored.length === 0) return [];
  return [
    chalk.bold(`Sources with errors (${errored.length})`),
    ...errored.flatMap((source) =>
      wrap(`${chalk.red(source.name)} ${chalk.dim(`(${source.type})`)}: ${source.error ?? 'unreadable'}`, 2, 4),
    ),
  ];
}

/** Errors not already explained above: tests outside the detailed sections whose source itself was readable. */
export function erroredTestLines(report: Report, chalk: ChalkInstance): string[] {
  const erroredSources = new Set(report.sources.filter((source) => source.status === 'error').map((source) => source.name));
  const errored = report.controls
    .filter((control) => !needsAttention(control))
    .flatMap((control) => control.tests.map((test) => ({ control, test })))
    .filter(({ test }) => test.status === 'error' && !Object.values(test.inputs).flat().some((source) => erroredSources.has(source)));
  if (errored.length === 0) return [];
  return [
    chalk.bold(`Tests that could not run (${errored.length})`),
    ...errored.flatMap(({ control, test }) =>
      wrap(`${chalk.bold(control.id)}  ${test.check} ${chalk.dim(`(${readsText(test)})`)}: ${test.error ?? 'error'}`, 2, 4),
    ),
  ];
}

/** The report's warnings, each with its hint below; nothing when there are none. */
export function warningLines(report: Report, chalk: ChalkInstance): string[] {
  if (report.warnings.length === 0) return [];
  return [
    chalk.bold(`Warnings (${report.warnings.length})`),
    ...report.warnings.flatMap((warning) => [
      ...wrap(`${chalk.yellow('!')} ${warning.message}`, 2, 2),
      ...(warning.hint === undefined ? [] : wrap(chalk.dim(warning.hint), 4)),
    ]),
  ];
}
