import type { ControlResult, ExceptionResult } from '../../../report/model.js';
import { prop, propsField, type OscalContext } from './context.js';
import type { Risk, RiskLogEntry } from './model.js';
import { testName, testObservationUuid } from './observations.js';
import { dayStart, markup, markupLine } from './text.js';

export const controlRiskUuid = (context: OscalContext, control: ControlResult): string => context.uuid(`risk:${control.id}`);
export const exceptionRiskUuid = (context: OscalContext, exception: ExceptionResult): string => context.uuid(`risk:exception:${exception.id}`);

/** Whether the control's tests show it failing: the works lens says ineffective. */
export const isFailing = (control: ControlResult): boolean => control.works === 'ineffective';

const ownerProps = (owner: string) => prop('owner', owner, { remarks: 'The party of this name in metadata, role control-owner.' });

/** An open risk for a control its tests show failing, owned by its owner, with each failed check's remediation. */
export function controlRisk(context: OscalContext, control: ControlResult): Risk {
  const failed = control.tests.flatMap((test, index) => (test.status === 'fail' ? [{ test, index }] : []));
  const open = failed.reduce((sum, { test }) => sum + test.findings.filter((finding) => finding.excepted_by === undefined).length, 0);
  return {
    uuid: controlRiskUuid(context, control),
    title: markupLine(`${control.id} does not work: ${control.title}`, control.id),
    description: markup(
      `${failed.length} test(s) of control ${control.id} failed, with ${open} finding(s) no active exception covers: ${failed.map(({ test }) => testName(context, test)).join('; ')}.`,
    ),
    statement: markup(
      `The control is meant to ${control.function} (risk ${control.risk}); the exported data shows it not operating. Evidence: ${control.exists}; assurance: ${control.assurance}.`,
    ),
    ...propsField([
      ...prop('control-id', control.id),
      ...ownerProps(control.owner),
      ...prop('risk-level', control.risk),
      ...prop('function', control.function),
      ...prop('exists', control.exists),
      ...prop('works', control.works),
      ...prop('assurance', control.assurance),
    ]),
    status: 'open',
    origins: context.origins,
    ...remediations(context, control, failed.map(({ test }) => test)),
    'related-observations': failed.map(({ index }) => ({ 'observation-uuid': testObservationUuid(context, control, index) })),
  };
}

function remediations(context: OscalContext, control: ControlResult, tests: ControlResult['tests']): Pick<Risk, 'remediations'> {
  const advised = [...new Map(tests.flatMap((test) => (test.remediation === undefined ? [] : [[test.check, test.remediation] as const]))).entries()];
  if (advised.length === 0) return {};
  return {
    remediations: advised.map(([check, remediation]) => ({
      uuid: context.uuid(`remediation:${control.id}:${check}`),
      lifecycle: 'recommendation',
      title: markupLine(`Remediate ${check}`, 'Remediation'),
      description: markup(remediation),
    })),
  };
}

function exceptionStatement(exception: ExceptionResult): string {
  const resources = exception.resources === undefined ? 'any resource' : exception.resources.join(', ');
  const accepted = `Findings of control ${exception.control} for ${resources} are accepted: approved by ${exception.approved_by} on ${exception.approved}, in force through ${exception.expires}.`;
  if (exception.status === 'expired') return `${accepted} It expired ${-exception.days_to_expiry} day(s) ago: its findings count as failures again.`;
  if (exception.status === 'unused') return `${accepted} It matched no finding in this run: a candidate to retire.`;
  return `${accepted} ${exception.days_to_expiry} day(s) left.`;
}

function riskLog(context: OscalContext, exception: ExceptionResult): Pick<Risk, 'risk-log'> {
  const approved = dayStart(exception.approved);
  const ended = dayStart(exception.expires, 1);
  const entries: RiskLogEntry[] = [
    ...(approved === undefined ? [] : [{ uuid: context.uuid(`risk-log:${exception.id}:approved`), title: markupLine(`Approved by ${exception.approved_by}`, 'Approved'), start: approved, 'status-change': 'deviation-approved' as const }]),
    ...(exception.status !== 'expired' || ended === undefined ? [] : [{ uuid: context.uuid(`risk-log:${exception.id}:expired`), title: 'Expired', start: ended, 'status-change': 'open' as const }]),
  ];
  return entries.length > 0 ? { 'risk-log': { entries } } : {};
}

/**
 * An exception as an accepted risk: a deviation, approved until its expiry (the deadline: the end of its last day),
 * open again once it has expired; the tests whose findings it covered are its observations.
 */
export function exceptionRisk(context: OscalContext, exception: ExceptionResult): Risk {
  const control = context.report.controls.find((each) => each.id === exception.control);
  const covered = (control?.tests ?? []).flatMap((test, index) =>
    test.findings.some((finding) => finding.excepted_by === exception.id || finding.expired_exception === exception.id) && control ? [testObservationUuid(context, control, index)] : [],
  );
  const deadline = dayStart(exception.expires, 1);
  return {
    uuid: exceptionRiskUuid(context, exception),
    title: markupLine(`Exception ${exception.id} of ${exception.control}: ${exception.status}`, 'Exception'),
    description: markup(`${exception.reason}${exception.ticket === undefined ? '' : ` (ticket ${exception.ticket})`}`),
    statement: markup(exceptionStatement(exception)),
    ...propsField([
      ...prop('exception-id', exception.id),
      ...prop('control-id', exception.control),
      ...prop('exception-status', exception.status),
      ...prop('risk-level', exception.risk),
      ...prop('owner', exception.owner, { remarks: 'The party of this name in metadata, role exception-owner.' }),
      ...prop('approved-by', exception.approved_by),
      ...prop('approved', exception.approved),
      ...prop('expires', exception.expires),
      ...prop('age-days', exception.age_days),
      ...prop('days-to-expiry', exception.days_to_expiry),
      ...prop('ticket', exception.ticket),
      ...prop('file', exception.file),
      ...(exception.resources ?? []).flatMap((resource) => prop('resource', resource)),
      ...exception.matched.flatMap((resource) => prop('matched-resource', resource)),
    ]),
    status: exception.status === 'expired' ? 'open' : 'deviation-approved',
    origins: context.origins,
    ...(deadline === undefined ? {} : { deadline }),
    ...riskLog(context, exception),
    ...(covered.length > 0 ? { 'related-observations': covered.map((uuid) => ({ 'observation-uuid': uuid })) } : {}),
  };
}
