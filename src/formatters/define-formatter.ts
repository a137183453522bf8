import type { CheckInfo } from '../kit/define-check.js';
import type { CoverageView } from '../report/coverage-view.js';
import type { DiffView } from '../report/diff.js';
import type { ExceptionsView } from '../report/exceptions-view.js';
import { maskView } from '../report/mask-secrets.js';
import type { Report } from '../report/model.js';
import type { Markup } from './html/markup.js';
import type { TrendView } from '../report/trend.js';
import { inertView } from './text/inert.js';

/** The views of the report layer that formatters render, by name: the run report, the exceptions view, … */
export interface ReportViews {
  run: Report;
  exceptions: ExceptionsView;
  coverage: CoverageView;
  diff: DiffView;
  trend: TrendView;
}

export type ViewName = keyof ReportViews;

/** How a formatter should render: the CLI decides colour (TTY, NO_COLOR, --no-color), width and --only-failing. */
export interface FormatOptions {
  color: boolean;
  /** Show only the controls that need action (every one not assured); human-readable formats only. */
  onlyFailing?: boolean;
  /** Columns the text is laid out in (the terminal's, or --width); terminal formats only. Default DEFAULT_WIDTH. */
  width?: number;
  /**
   * Findings listed per test by human-readable formats (`--max-findings`; Infinity: all). Default: the table's own
   * cut (it is read on a screen), all in every other format.
   */
  maxFindings?: number;
  /**
   * The catalog's path as formats that point at its lines show it (SARIF locations): relative to the folder the
   * output is read from (the working directory, or `--sarif-root`), `/`-separated. Default: the report's catalog path.
   */
  catalogPath?: string;
  /** What the checks the report's tests use say about themselves, by check id: the report holds only their ids. */
  checks?: Readonly<Record<string, CheckDocs>>;
  /** `run --brief`: the leadership briefing (Markdown: the briefing alone; HTML: first on the page). */
  brief?: BriefOptions;
}

/** What a briefing shows beyond the report. */
export interface BriefOptions {
  /**
   * The trajectory block, the slot `run --history DIR` fills once trend lands: rendered by trend from earlier reports,
   * as Markdown lines and as HTML (markup built with `html`, so already escaped). Absent: the briefing says no history was given.
   */
  trajectory?: { markdown: readonly string[]; html: Markup };
}

/** A check's documentation, for formats that describe each check (SARIF rules). */
export type CheckDocs = Pick<CheckInfo, 'title' | 'description' | 'remediation'>;

/** Turns one report view into the text of one output format; pure, so the CLI decides where it goes. */
export interface Formatter<V extends ViewName> {
  /** What `--format` takes; the file's name under src/formatters/<view>/. */
  name: string;
  /** The view it renders; the folder it lives in. */
  view: V;
  description: string;
  /** File extension for `--format NAME=FILE` defaults, without the dot. */
  extension: string;
  /**
   * The format escapes control characters itself (JSON). Otherwise every string of the view is made inert (see
   * inert) before `format` sees it, so data cannot drive the terminal it is printed to.
   */
  escapesControlCharacters?: true;
  format(view: ReportViews[V], options: FormatOptions): string;
}

/** A formatter of any view. */
export type AnyFormatter = { [V in ViewName]: Formatter<V> }[ViewName];

/**
 * Defines a formatter: one file per output format under src/formatters/<view>/. Its `format` sees the view with
 * secrets masked and, unless the format escapes them itself, control characters made inert: the one place every
 * output goes through, so a new formatter cannot leak what an export holds.
 */
export function defineFormatter<V extends ViewName>(formatter: Formatter<V>): Formatter<V> {
  const shown = (view: ReportViews[V]): ReportViews[V] => (formatter.escapesControlCharacters ? maskView(view) : inertView(maskView(view)));
  return { ...formatter, format: (view, options) => formatter.format(shown(view), options) };
}
