// What a text formatter prints is inert: control characters, escape sequences and bidi controls from the catalog or
// the data are shown as escapes. Every formatter of the registry that does not escape them itself is covered.
import { describe, expect, it } from 'vitest';
import type { AnyFormatter } from '../../src/formatters/define-formatter.js';
import { formatters } from '../../src/formatters/index.js';
import { reportSchema, type Report } from '../../src/report/model.js';
import { formatView } from './format-view.js';
import { sampleReport } from './sample-report.js';

/** A colour change, a right-to-left override, a carriage return and a bell: what a hostile export would hold. */
const HOSTILE = 'a\u001b[31mb\u202ec\rd\u0007e';
const SHOWN = 'a\\x1b[31mb\\u202ec\\rd\\x07e';
const RAW_CHARACTERS = ['\u202e', '\r', '\u0007'];

/** The sample report with HOSTILE in the slots the text formats show: finding message and resource, control title, exception and warning. */
function hostileReport(): Report {
  const report = structuredClone(sampleReport);
  const control = report.controls.find((each) => each.id === 'IAM-1');
  const finding = control?.tests[0]?.findings[0];
  const [exception] = report.exceptions;
  const [warning] = report.warnings;
  if (!control || !finding || !exception || !warning) throw new Error('sample report changed: a slot is missing');
  control.title = `title ${HOSTILE}`;
  finding.message = `message ${HOSTILE}`;
  finding.resource = `resource ${HOSTILE}`;
  exception.owner = `owner ${HOSTILE}`;
  warning.message = `warning ${HOSTILE}`;
  return reportSchema.parse(report);
}

function outputOf(formatter: AnyFormatter, report: Report, color: boolean): string {
  return formatView(formatter, report, { color });
}

/** The output as read: CSV rows end in CRLF by RFC 4180, and Markdown's backslash escapes stand for the character after them. */
function readBack(formatter: AnyFormatter, output: string): string {
  if (formatter.name === 'csv') return output.replace(/\r\n/g, '\n');
  if (formatter.name === 'markdown') return output.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return output;
}

function named(view: string, name: string): AnyFormatter {
  const found = formatters.find((formatter) => formatter.view === view && formatter.name === name);
  if (!found) throw new Error(`no ${view} ${name} formatter`);
  return found;
}

/** A word each view's table colours itself, so colour still reaches what the formatter adds. */
const COLOURED_BY_TABLE: Record<string, string> = {
  run: '\u001b[31mexpired\u001b[39m',
  exceptions: '\u001b[31mexpired\u001b[39m',
  coverage: '\u001b[31mineffective\u001b[39m',
  diff: '\u001b[1mChanges\u001b[22m',
  trend: '\u001b[1mTrend\u001b[22m',
};

/** A hostile slot each view carries into its JSON: the diff and the trend follow controls, so they show their titles, not the run's warnings. */
const HOSTILE_SLOT_IN_JSON: Record<string, string> = { diff: `title ${HOSTILE}`, trend: `title ${HOSTILE}` };

const textFormatters = formatters.filter((formatter) => !formatter.escapesControlCharacters);
const JSON_EXTENSIONS = new Set(['json', 'sarif']);
const jsonFormatters = formatters.filter((formatter) => formatter.escapesControlCharacters && JSON_EXTENSIONS.has(formatter.extension));

describe('text formatters print data inert', () => {
  it('are the table, Markdown, CSV, GitHub and HTML formats', () => {
    expect(textFormatters.map((formatter) => `${formatter.view} ${formatter.name}`)).toEqual([
      'coverage csv',
      'coverage html',
      'coverage markdown',
      'coverage table',
      'diff markdown',
      'diff table',
      'exceptions csv',
      'exceptions markdown',
      'exceptions table',
      'run csv',
      'run github',
      'run html',
      'run markdown',
      'run table',
      'trend html',
      'trend markdown',
      'trend table',
    ]);
  });

  it.each(textFormatters.map((formatter) => [`${formatter.view} ${formatter.name}`, formatter] as const))('%s shows the escapes, not the characters', (_name, formatter) => {
    const output = readBack(formatter, outputOf(formatter, hostileReport(), false));
    expect(output).not.toContain('\u001b');
    for (const char of RAW_CHARACTERS) expect(output).not.toContain(char);
    expect(output).toContain(SHOWN);
  });

  it.each(textFormatters.map((formatter) => [`${formatter.view} ${formatter.name}`, formatter] as const))('%s still colours what it adds itself', (_name, formatter) => {
    const output = outputOf(formatter, hostileReport(), true);
    expect(output).not.toContain(HOSTILE.slice(0, 8));
    if (formatter.name === 'table') expect(output).toContain(COLOURED_BY_TABLE[formatter.view]);
  });

  it('shows the control title, finding and exception owner of the hostile slots in the run table', () => {
    const output = outputOf(named('run', 'table'), hostileReport(), false);
    for (const slot of ['title', 'message', 'resource', 'owner', 'warning']) expect(output).toContain(`${slot} ${SHOWN}`);
  });
});

describe('JSON formats', () => {
  it.each(jsonFormatters.map((formatter) => [`${formatter.view} ${formatter.name}`, formatter] as const))('%s keeps the data as it is, escaped by JSON itself', (_name, formatter) => {
    const output = outputOf(formatter, hostileReport(), false);
    expect(output).not.toContain('\u001b');
    expect(output).toContain('\\u001b[31m');
    expect(JSON.stringify(JSON.parse(output))).toContain(JSON.stringify(HOSTILE_SLOT_IN_JSON[formatter.view] ?? `warning ${HOSTILE}`).slice(1, -1));
  });
});
