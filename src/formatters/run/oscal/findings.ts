import type { WorksVerdict } from '../../../core/vocabulary.js';
import type { ControlResult } from '../../../report/model.js';
import { prop, propsField, type OscalContext } from './context.js';
import type { Finding } from './model.js';
import { existsObservationUuid, testObservationUuid } from './observations.js';
import { controlRiskUuid, exceptionRiskUuid, isFailing } from './risks.js';
import { markup, markupLine, token } from './text.js';

/** The works lens decides the target's state; error and untested are not satisfied, since nothing shows the control working. */
const WORKS_STATUS: Record<WorksVerdict, Finding['target']['status']> = {
  effective: { state: 'satisfied', reason: 'pass', remarks: 'Works: effective. Every test passed; findings under active exceptions are allowed.' },
  ineffective: { state: 'not-satisfied', reason: 'fail', remarks: 'Works: ineffective. At least one test failed.' },
  error: { state: 'not-satisfied', reason: 'other', remarks: 'Works: error. No test failed, but at least one could not run.' },
  untested: { state: 'not-satisfied', reason: 'other', remarks: 'Works: untested. No test, or every test examined nothing.' },
};

interface Target {
  type: Finding['target']['type'];
  id: string;
  framework?: string;
  criterion?: string;
}

/**
 * What a finding of the control is about: each framework criterion it maps to, as an objective
 * (`<framework>_<criterion>`, since ids such as CIS `1.10` are no tokens); a control mapped to none, its own statement.
 */
function targetsOf(control: ControlResult): Target[] {
  const criteria = Object.entries(control.mappings).flatMap(([framework, ids]) =>
    ids.map((criterion): Target => ({ type: 'objective-id', id: token(`${framework}_${criterion}`), framework, criterion })),
  );
  return criteria.length > 0 ? criteria : [{ type: 'statement-id', id: `${token(control.id)}_smt` }];
}

function findingOf(context: OscalContext, control: ControlResult, target: Target): Finding {
  const about = target.framework === undefined ? 'not mapped to a framework criterion' : `mapped to ${target.framework} ${target.criterion ?? ''}`;
  const exceptions = context.report.exceptions.filter((exception) => exception.control === control.id);
  const risks = [...(isFailing(control) ? [controlRiskUuid(context, control)] : []), ...exceptions.map((exception) => exceptionRiskUuid(context, exception))];
  return {
    uuid: context.uuid(`finding:${control.id}:${target.framework ?? ''}:${target.criterion ?? ''}`),
    title: markupLine(`${control.id} ${target.framework === undefined ? '' : `for ${target.framework} ${target.criterion ?? ''}: `}works ${control.works}, evidence ${control.exists}`, control.id),
    description: [
      markup(`Control ${control.id} (${control.title}), owned by ${control.owner}, ${about}.`),
      '',
      markup(`Works (behaviour): ${control.works}. Exists (evidence): ${control.exists}. Assurance: ${control.assurance}.`),
    ].join('\n'),
    ...propsField([
      ...prop('control-id', control.id),
      ...prop('works', control.works),
      ...prop('exists', control.exists),
      ...prop('assurance', control.assurance),
    ]),
    origins: context.origins,
    target: {
      type: target.type,
      'target-id': target.id,
      title: markupLine(target.framework === undefined ? control.title : `${target.framework} ${target.criterion ?? ''}`, target.id),
      ...propsField([...prop('framework', target.framework), ...prop('criterion', target.criterion)]),
      status: WORKS_STATUS[control.works],
    },
    'related-observations': [
      ...control.tests.map((_test, index) => ({ 'observation-uuid': testObservationUuid(context, control, index) })),
      { 'observation-uuid': existsObservationUuid(context, control) },
    ],
    ...(risks.length > 0 ? { 'related-risks': risks.map((uuid) => ({ 'risk-uuid': uuid })) } : {}),
  };
}

/** A finding per control and criterion it maps to: the works lens as the target's status, both lenses in its text and props. */
export function controlFindings(context: OscalContext, control: ControlResult): Finding[] {
  return targetsOf(control).map((target) => findingOf(context, control, target));
}
