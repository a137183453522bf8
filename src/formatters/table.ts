import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { FUNCTIONS } from '../catalog/schema.js';
import {
  ASSURANCE,
  EXCEPTION_STATUSES,
  EXISTS,
  TEST_STATUSES,
  WORKS,
  type Assurance,
  type ControlResult,
  type ExceptionResult,
  type FindingResult,
  type Report,
  type TestResult,
} from '../report/model.js';
import { defineFormatter } from './define-formatter.js';

const MAX_WIDTH = 100;
const FINDINGS_PER_TEST = 5;
const TITLE_MIN_WIDTH = 18;
const OWNER_MAX_WIDTH = 20;
const COLUMN_GAP = '  ';
const TABLE_INDENT = '  ';

/** The controls that need action, in the order they are shown, each with what it means. */
const ATTENTION: readonly { assurance: Assurance; heading: string; meaning: string }[] = [
  { assurance: 'paper-only', heading: 'Paper-only', meaning: 'evidenced on paper, failing in the data' },
  { assurance: 'failing', heading: 'Failing', meaning: 'neither evidenced nor working' },
];

const TONES = new Map<string, 'red' | 'yellow' | 'green'>([
  ['paper-only', 'red'],
  ['failing', 'red'],
  ['ineffective', 'red'],
  ['fail', 'red'],
  ['error', 'red'],
  ['expired', 'red'],
  ['stale', 'yellow'],
  ['missing', 'yellow'],
  ['expiring', 'yellow'],
  ['vacuous', 'yellow'],
  ['assured', 'green'],
  ['effective', 'green'],
  ['evidenced', 'green'],
  ['pass', 'green'],
]);

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '',
  middle: COLUMN_GAP,
};

const ANSI_ESCAPE = /\x1b\[[0-9;]*m/g;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/g;

/** Report text comes from untrusted exports: show control characters instead of letting them drive the terminal. */
function clean(text: string): string {
  return text.replace(CONTROL_CHARACTER, (char) =>
    char === '\n' || char === '\t' ? ' ' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function verdict(chalk: ChalkInstance, word: string): string {
  const tone = TONES.get(word);
  return tone ? chalk[tone](word) : word;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function visibleLength(text: string): number {
  return text.replace(ANSI_ESCAPE, '').length;
}

/**
 * Joins `parts` with `joiner`, breaking lines between parts to stay within MAX_WIDTH: the first line is
 * indented by `indent`, continuation lines by `indent + hang`.
 */
function wrapParts(parts: readonly string[], joiner: string, indent: number, hang: number): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(indent);
  parts.forEach((part, index) => {
    if (index > 0 && visibleLength(line) + visibleLength(joiner) + visibleLength(part) > MAX_WIDTH) {
      lines.push(line.trimEnd());
      line = ' '.repeat(indent + hang) + part;
    } else {
      line += (index > 0 ? joiner : '') + part;
    }
  });
  lines.push(line.trimEnd());
  return lines;
}

/** Word-wraps `text` (see wrapParts). */
function wrap(text: string, indent: number, hang = 2): string[] {
  return wrapParts(text.split(' '), ' ', indent, hang);
}

function renderTable(
  chalk: ChalkInstance,
  head: readonly string[],
  rows: Table.Cell[][],
  layout: { align?: Table.HorizontalAlignment[]; widths?: number[] } = {},
): string[] {
  const table = new Table({
    head: head.map((title) => chalk.bold(title)),
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: layout.align ?? [],
    colWidths: layout.widths ?? [],
    wordWrap: true,
  });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((line) => `${TABLE_INDENT}${line}`.trimEnd());
}

function count(chalk: ChalkInstance, value: number): string {
  return value === 0 ? chalk.dim('0') : String(value);
}

/** `label  1 a · 0 b`: one count per word of a fixed vocabulary. */
function countsLine<K extends string>(
  chalk: ChalkInstance,
  label: string,
  keys: readonly K[],
  counts: Record<K, number>,
): string {
  return `${chalk.bold(label)}  ${keys.map((key) => `${counts[key]} ${verdict(chalk, key)}`).join(chalk.dim(' · '))}`;
}

function headerLines(report: Report, chalk: ChalkInstance): string[] {
  const catalog = `${chalk.bold(clean(report.catalog.name))} ${chalk.dim(`(${clean(report.catalog.path)})`)}`;
  return [`${catalog} · as of ${clean(report.as_of)} · ${plural(report.summary.controls, 'control')}`];
}

function summaryLines(report: Report, chalk: ChalkInstance): string[] {
  const { summary } = report;
  const align: Table.HorizontalAlignment[] = ['left', ...WORKS.map((): Table.HorizontalAlignment => 'right'), 'right'];
  const countRow = (label: string, counts: readonly number[]): Table.Cell[] => [
    label,
    ...counts.map((value) => count(chalk, value)),
    count(chalk, sum(counts)),
  ];
  const matrixRows = EXISTS.map((exists) => WORKS.map((works) => summary.matrix[exists][works]));
  const columnTotals = WORKS.map((_, column) => sum(matrixRows.map((row) => row[column] ?? 0)));
  const matrix = renderTable(
    chalk,
    ['exists \\ works', ...WORKS, 'total'],
    [...EXISTS.map((exists, row) => countRow(verdict(chalk, exists), matrixRows[row] ?? [])), countRow('total', columnTotals)],
    { align },
  );
  const byFunction = renderTable(
    chalk,
    ['works by function', ...WORKS, 'total'],
    FUNCTIONS.map((fn) => countRow(fn, WORKS.map((works) => summary.by_function[fn][works]))),
    { align },
  );
  return [
    ...matrix,
    '',
    countsLine(chalk, 'Assurance', ASSURANCE, summary.assurance),
    countsLine(chalk, 'Tests', TEST_STATUSES, summary.tests),
    '',
    ...byFunction,
  ];
}

/** Findings that count as failures first, so the ones shown are the ones to fix. */
function topFindings(findings: readonly FindingResult[]): FindingResult[] {
  return [...findings.filter((finding) => !finding.excepted_by), ...findings.filter((finding) => finding.excepted_by)];
}

function findingLines(finding: FindingResult, chalk: ChalkInstance): string[] {
  const text = `- ${clean(finding.resource)}: ${clean(finding.message)}`;
  if (finding.excepted_by) return wrap(chalk.dim(`${text} [excepted by ${clean(finding.excepted_by)}]`), 6);
  if (finding.expired_exception) return wrap(`${text} ${chalk.red(`[exception ${clean(finding.expired_exception)} expired]`)}`, 6);
  return wrap(text, 6);
}

function metricLines(test: TestResult, chalk: ChalkInstance): string[] {
  return Object.entries(test.metrics)
    .filter(([, metric]) => metric.passed === false)
    .map(([name, metric]) => {
      const bounds = [metric.min === undefined ? '' : `min ${metric.min}`, metric.max === undefined ? '' : `max ${metric.max}`];
      return `      metric ${clean(name)} = ${chalk.red(String(metric.value))} ${chalk.dim(`(${bounds.filter(Boolean).join(', ')})`)}`;
    });
}

function testLines(test: TestResult, chalk: ChalkInstance): string[] {
  const facts = [
    `${verdict(chalk, test.status)}  ${clean(test.check)}`,
    `source ${clean(test.source)}`,
    `examined ${test.examined}`,
    `${plural(test.findings.length, 'finding')}, ${test.excepted} excepted`,
  ];
  const shown = topFindings(test.findings).slice(0, FINDINGS_PER_TEST);
  const hidden = test.findings.length - shown.length;
  return [
    ...wrapParts(facts, chalk.dim(' · '), 4, 6),
    ...(test.error === undefined ? [] : wrap(`${chalk.red('error:')} ${clean(test.error)}`, 6)),
    ...metricLines(test, chalk),
    ...shown.flatMap((finding) => findingLines(finding, chalk)),
    ...(hidden > 0 ? [chalk.dim(`      … and ${hidden} more`)] : []),
    ...(test.remediation === undefined ? [] : wrap(chalk.dim(`fix: ${clean(test.remediation)}`), 6)),
  ];
}

function controlLines(control: ControlResult, chalk: ChalkInstance): string[] {
  const facts = [
    `owner ${clean(control.owner)}`,
    `risk ${control.risk}`,
    `exists ${verdict(chalk, control.exists)}`,
    `works ${verdict(chalk, control.works)}`,
  ];
  return [
    ...wrap(`${chalk.bold(clean(control.id))}  ${clean(control.title)}`, 2),
    ...wrapParts(facts, chalk.dim(' · '), 4, 2),
    ...control.evidence
      .filter((item) => item.status !== 'fresh')
      .flatMap((item) => wrap(`${verdict(chalk, item.status)}  evidence ${clean(item.title)}${item.reason ? chalk.dim(`: ${clean(item.reason)}`) : ''}`, 4, 6)),
    ...control.tests
      .filter((test) => test.status === 'fail' || test.status === 'error')
      .flatMap((test) => testLines(test, chalk)),
  ];
}

function attentionLines(report: Report, chalk: ChalkInstance): string[] {
  const sections = ATTENTION.map((section) => ({
    ...section,
    controls: report.controls.filter((control) => control.assurance === section.assurance),
  })).filter((section) => section.controls.length > 0);
  if (sections.length === 0) return [chalk.green('No paper-only or failing controls.')];
  return sections.flatMap((section, index) => [
    ...(index === 0 ? [] : ['']),
    `${chalk.red.bold(section.heading)} (${section.controls.length}): ${section.meaning}`,
    ...section.controls.flatMap((control) => ['', ...controlLines(control, chalk)]),
  ]);
}

/** Long e-mail owners break before the domain rather than mid-word. */
function ownerCell(owner: string): string {
  const at = owner.indexOf('@');
  return owner.length > OWNER_MAX_WIDTH && at > 0 ? `${owner.slice(0, at)}\n${owner.slice(at)}` : owner;
}

function otherControlsLines(report: Report, chalk: ChalkInstance): string[] {
  const attention = new Set(ATTENTION.map((section) => section.assurance));
  const controls = report.controls.filter((control) => !attention.has(control.assurance));
  if (controls.length === 0) return [];
  const head = ['id', 'title', 'owner', 'risk', 'function', 'exists', 'works', 'assurance'];
  const texts = controls.map((control) => [
    clean(control.id),
    clean(control.title),
    ownerCell(clean(control.owner)),
    control.risk,
    control.function,
    control.exists,
    control.works,
    control.assurance,
  ]);
  const widths = head.map((title, column) =>
    Math.max(title.length, ...texts.flatMap((row) => (row[column] ?? '').split('\n').map((line) => line.length))),
  );
  const owner = Math.min(widths[2] ?? 0, OWNER_MAX_WIDTH);
  const others = sum(widths) - (widths[1] ?? 0) - (widths[2] ?? 0) + owner;
  const title = Math.max(TITLE_MIN_WIDTH, Math.min(widths[1] ?? 0, MAX_WIDTH - TABLE_INDENT.length - others - COLUMN_GAP.length * 7));
  const rows = texts.map((row): Table.Cell[] =>
    row.map((text, column) => {
      // An owner without spaces (an e-mail local part) breaks between characters rather than being cut off.
      if (column === 2) return { content: text, wrapOnWordBoundary: text.includes(' ') };
      return column >= 5 ? verdict(chalk, text) : text;
    }),
  );
  return [
    chalk.bold(`Other controls (${controls.length})`),
    ...renderTable(chalk, head, rows, { widths: [widths[0] ?? 0, title, owner, ...widths.slice(3)] }),
  ];
}

function erroredSourceLines(report: Report, chalk: ChalkInstance): string[] {
  const errored = report.sources.filter((source) => source.status === 'error');
  if (errored.length === 0) return [];
  return [
    chalk.bold(`Sources with errors (${errored.length})`),
    ...errored.flatMap((source) =>
      wrap(`${chalk.red(clean(source.name))} ${chalk.dim(`(${clean(source.type)})`)}: ${clean(source.error ?? 'unreadable')}`, 2, 4),
    ),
  ];
}

/** Errors not already explained above: tests outside the detailed sections whose source itself was readable. */
function erroredTestLines(report: Report, chalk: ChalkInstance): string[] {
  const attention = new Set(ATTENTION.map((section) => section.assurance));
  const erroredSources = new Set(report.sources.filter((source) => source.status === 'error').map((source) => source.name));
  const errored = report.controls
    .filter((control) => !attention.has(control.assurance))
    .flatMap((control) => control.tests.map((test) => ({ control, test })))
    .filter(({ test }) => test.status === 'error' && !erroredSources.has(test.source));
  if (errored.length === 0) return [];
  return [
    chalk.bold(`Tests that could not run (${errored.length})`),
    ...errored.flatMap(({ control, test }) =>
      wrap(`${chalk.bold(clean(control.id))}  ${clean(test.check)} ${chalk.dim(`(source ${clean(test.source)})`)}: ${clean(test.error ?? 'error')}`, 2, 4),
    ),
  ];
}

function dueText(exception: ExceptionResult): string {
  const days = Math.abs(exception.days_to_expiry);
  return exception.days_to_expiry < 0 ? `${plural(days, 'day')} overdue` : `${plural(days, 'day')} left`;
}

function exceptionLines(report: Report, chalk: ChalkInstance): string[] {
  // Expired and expiring need a decision; unused ones are candidates to retire.
  const due = report.exceptions.filter((exception) => exception.status !== 'active');
  const dueTable = renderTable(
    chalk,
    ['status', 'id', 'control', 'owner', 'expires', 'due'],
    due.map((exception) => [
      verdict(chalk, exception.status),
      clean(exception.id),
      clean(exception.control),
      clean(exception.owner),
      clean(exception.expires),
      dueText(exception),
    ]),
  );
  return [countsLine(chalk, 'Exceptions', EXCEPTION_STATUSES, report.summary.exceptions), ...(due.length > 0 ? dueTable : [])];
}

function ageText(days: number | null): string {
  return days === null ? '–' : `${Math.round(days * 10) / 10}d`;
}

function tierLines(report: Report, chalk: ChalkInstance): string[] {
  const tiers = report.summary.exception_tiers;
  if (tiers.length === 0) return [];
  const rows = tiers.map((tier) => [
    tier.risk,
    String(tier.count),
    ageText(tier.median_age_days),
    ageText(tier.oldest_age_days),
    tier.expired === 0 ? count(chalk, 0) : chalk.red(String(tier.expired)),
    tier.expiring === 0 ? count(chalk, 0) : chalk.yellow(String(tier.expiring)),
  ]);
  return [
    chalk.bold('Exception age by risk'),
    ...renderTable(chalk, ['risk', 'count', 'median age', 'oldest age', 'expired', 'expiring'], rows, {
      align: ['left', 'right', 'right', 'right', 'right', 'right'],
    }),
  ];
}

function warningLines(report: Report, chalk: ChalkInstance): string[] {
  if (report.warnings.length === 0) return [];
  return [
    chalk.bold(`Warnings (${report.warnings.length})`),
    ...report.warnings.flatMap((warning) => [
      ...wrap(`${chalk.yellow('!')} ${clean(warning.message)}`, 2, 2),
      ...(warning.hint === undefined ? [] : wrap(chalk.dim(clean(warning.hint)), 4)),
    ]),
  ];
}

export default defineFormatter({
  name: 'table',
  description: 'Human-readable summary for a terminal: the exists × works matrix, then what to fix first.',
  extension: 'txt',
  format(report, options) {
    // A private instance, not global chalk: colour follows the option only, so output is deterministic.
    const chalk = new Chalk({ level: options.color ? 1 : 0 });
    const blocks = [
      headerLines(report, chalk),
      summaryLines(report, chalk),
      attentionLines(report, chalk),
      options.onlyFailing ? [] : otherControlsLines(report, chalk),
      erroredSourceLines(report, chalk),
      erroredTestLines(report, chalk),
      exceptionLines(report, chalk),
      tierLines(report, chalk),
      warningLines(report, chalk),
    ].filter((block) => block.length > 0);
    return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
  },
});
