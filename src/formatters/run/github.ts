import path from 'node:path';
import { RISKS } from '../../core/vocabulary.js';
import { actionText, flagText } from '../../report/corrective-actions.js';
import { scenarioStatusText } from '../../report/scenarios.js';
import type { ControlResult, ExceptionResult, Report, TestResult } from '../../report/model.js';
import { defineFormatter } from '../define-formatter.js';
import { inert } from '../text/inert.js';
import { plural } from '../text/layout.js';
import { workflowCommand, type AnnotationProperties } from '../text/workflow-commands.js';

/** Where the annotations of a run point: the catalog as the runner resolves it, and exception files beside it. */
interface Places {
  catalog: string;
  exceptionFile(exception: ExceptionResult): string;
}

const DETAILS = 'Every finding: the job summary, or --format markdown.';

/** Controls by risk, most critical first, in catalog order within a tier: GitHub shows only the first annotations of a step. */
function byRisk(controls: readonly ControlResult[]): ControlResult[] {
  return controls.map((control, order) => ({ control, order })).sort((a, b) => RISKS.indexOf(a.control.risk) - RISKS.indexOf(b.control.risk) || a.order - b.order).map(({ control }) => control);
}

/** The control's place in the catalog: its first test of `tests` (the report keeps no position for the control itself). */
function at(places: Places, tests: readonly TestResult[]): AnnotationProperties {
  const [first] = tests;
  return first ? { file: places.catalog, line: first.position.line, col: first.position.col } : { file: places.catalog };
}

function lensesLine(control: ControlResult): string {
  return `works ${control.works} · exists ${control.exists} (${control.assurance}) · owner ${control.owner} · risk ${control.risk}`;
}

function failingTestLine(test: TestResult): string {
  const findings = test.findings.length === 0 ? 'no findings: a metric missed its bounds' : `${plural(test.findings.length, 'finding')}, ${test.excepted} excepted`;
  return `${test.check} (${findings})`;
}

function failingControl(control: ControlResult, places: Places): string {
  const failing = control.tests.filter((test) => test.status === 'fail');
  const first = failing.flatMap((test) => test.findings).find((finding) => finding.excepted_by === undefined);
  const message = [
    lensesLine(control),
    ...(control.action_flags ?? []).filter((flag) => flag === 'unplanned-divergence').map((flag) => flagText(flag)),
    `failing: ${failing.map(failingTestLine).join('; ')}`,
    ...(first ? [`first finding: ${first.resource}: ${first.message}`] : []),
    DETAILS,
  ].join('\n');
  return workflowCommand('error', { ...at(places, failing), title: `${control.id} ${control.assurance}: ${control.title}` }, message);
}

function evidenceWarning(control: ControlResult, places: Places): string[] {
  const problems = control.evidence.filter((item) => item.status !== 'fresh');
  if (problems.length === 0) return [];
  const statuses = [...new Set(problems.map((item) => item.status))].join(' and ');
  const message = [lensesLine(control), ...problems.map((item) => `${item.status}: ${item.title}${item.reason === undefined ? '' : `: ${item.reason}`}`)].join('\n');
  return [workflowCommand('warning', { ...at(places, control.tests), title: `${control.id}: ${statuses} evidence` }, message)];
}

function erroredWarning(control: ControlResult, places: Places): string[] {
  const errored = control.tests.filter((test) => test.status === 'error');
  if (errored.length === 0) return [];
  const message = [lensesLine(control), ...errored.map((test) => `${test.check}: ${test.error ?? 'error'}`)].join('\n');
  return [workflowCommand('warning', { ...at(places, errored), title: `${control.id}: ${plural(errored.length, 'test')} could not run` }, message)];
}

function overdueActionsWarning(control: ControlResult, places: Places): string[] {
  const overdue = (control.actions ?? []).filter((action) => action.status === 'overdue');
  if (overdue.length === 0) return [];
  const message = [lensesLine(control), ...overdue.map((action) => `overdue: ${actionText(action)}`)].join('\n');
  return [workflowCommand('warning', { ...at(places, control.tests), title: `${control.id}: ${plural(overdue.length, 'corrective action')} overdue` }, message)];
}

function exceptionAnnotation(exception: ExceptionResult, places: Places): string[] {
  const where = { file: places.exceptionFile(exception) };
  const whose = `exception ${exception.id} of control ${exception.control} (owner ${exception.owner}, approved by ${exception.approved_by})`;
  if (exception.status === 'expired') {
    const message = `${whose} expired on ${exception.expires}, ${plural(-exception.days_to_expiry, 'day')} overdue: the findings it covered count as failures again.\n${exception.reason}`;
    return [workflowCommand('error', { ...where, title: `exception ${exception.id} expired` }, message)];
  }
  if (exception.status !== 'expiring') return [];
  const message = `${whose} expires on ${exception.expires}, in ${plural(exception.days_to_expiry, 'day')}: renew it with a new review, or fix the findings it covers.\n${exception.reason}`;
  return [workflowCommand('warning', { ...where, title: `exception ${exception.id} expires in ${plural(exception.days_to_expiry, 'day')}` }, message)];
}

function summaryNotice(report: Report): string {
  const counts = (lens: Record<string, number>): string => Object.entries(lens).map(([word, count]) => `${count} ${word}`).join(' · ');
  const { summary } = report;
  const paths = (report.scenarios ?? []).map((scenario) => `\nattack path ${scenario.id} ${scenario.title}: ${scenarioStatusText(scenario.status)}. ${scenario.residual_risk}`);
  const message = `${plural(summary.controls, 'control')} as of ${report.as_of}\nworks: ${counts(summary.works)}\nexists: ${counts(summary.exists)}\nassurance: ${counts(summary.assurance)}${paths.join('')}`;
  return workflowCommand('notice', { title: `controlproof: ${report.catalog.name}` }, message);
}

function annotations(report: Report, catalog: string): string[] {
  const places: Places = { catalog, exceptionFile: (exception) => path.posix.join(path.posix.dirname(catalog), exception.file.split(path.sep).join('/')) };
  const controls = byRisk(report.controls);
  return [
    ...controls.filter((control) => control.tests.some((test) => test.status === 'fail')).map((control) => failingControl(control, places)),
    ...report.exceptions.filter((exception) => exception.status === 'expired').flatMap((exception) => exceptionAnnotation(exception, places)),
    ...report.exceptions.filter((exception) => exception.status === 'expiring').flatMap((exception) => exceptionAnnotation(exception, places)),
    ...controls.flatMap((control) => evidenceWarning(control, places)),
    ...controls.flatMap((control) => erroredWarning(control, places)),
    ...controls.flatMap((control) => overdueActionsWarning(control, places)),
    summaryNotice(report),
  ];
}

export default defineFormatter({
  name: 'github',
  view: 'run',
  description:
    'GitHub Actions annotations at the catalog lines: one error per control with failing tests (most critical first) and per expired exception, ' +
    'a warning per expiring exception, per control with stale or missing evidence and per control whose tests could not run, then a notice with both lenses and each attack path with its residual risk. ' +
    'Paths are relative to the working directory. When GITHUB_STEP_SUMMARY is set, run also appends the markdown report there.',
  extension: 'txt',
  format(report, options) {
    // The path comes from the command line, not the report, so it is made inert here.
    const catalog = inert(options.catalogPath ?? report.catalog.path);
    return `${annotations(report, catalog).join('\n')}\n`;
  },
});
