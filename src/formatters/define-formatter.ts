import type { Report } from '../report/model.js';

/** How a formatter should render: the CLI decides colour (TTY, NO_COLOR, --no-color) and --only-failing. */
export interface FormatOptions {
  color: boolean;
  /** Show only the controls that need action (paper-only, failing); human-readable formats only. */
  onlyFailing?: boolean;
}

/** Turns a report into the text of one output format; pure, so the CLI decides where it goes. */
export interface Formatter {
  name: string;
  description: string;
  /** File extension for `--format NAME=FILE` defaults, without the dot. */
  extension: string;
  format(report: Report, options: FormatOptions): string;
}

/** Defines a formatter: one file per output format under src/formatters. */
export function defineFormatter(formatter: Formatter): Formatter {
  return formatter;
}
