// Attack paths: each step of a catalog scenario with the lenses of the controls it names, where the path is held,
// and the risk that remains.
//
// The rule. A control gives its step: `held` when assured (documented and shown working), `undocumented` when it
// works without evidence, `paper` when documented but not shown working (paper-only, unproven), nothing otherwise
// (failing, unknown). A step takes the strongest its in-run controls give, `open` when none gives anything, and is
// `not-assessed` when the run's filters left out every control it names. A scenario takes the strongest status of its
// assessed steps (an attacker has to get through every step, so one held step breaks the path): `open` only when
// every assessed step is open, open end to end.
import type { ScenarioSpec } from '../catalog/schema.js';
import { SCENARIO_STATUSES, type Assurance, type ScenarioStatus } from '../core/vocabulary.js';
import type { ControlResult, ScenarioControl, ScenarioResult, ScenarioStep } from './model.js';

/** The scenario as the catalog declares it: what merge reads back from a report to recompute it. */
export type ScenarioShape = Pick<ScenarioSpec, 'id' | 'title' | 'description'> & { steps: readonly { title: string; description?: string | undefined; controls: readonly string[] }[] };

const GIVES: Readonly<Record<Assurance, ScenarioStatus>> = {
  assured: 'held',
  undocumented: 'undocumented',
  'paper-only': 'paper',
  unproven: 'paper',
  failing: 'open',
  unknown: 'open',
};

/** The strongest of `statuses` in SCENARIO_STATUSES order; `fallback` when there are none. */
function strongest(statuses: readonly ScenarioStatus[], fallback: ScenarioStatus): ScenarioStatus {
  return SCENARIO_STATUSES.find((status) => statuses.includes(status)) ?? fallback;
}

function scenarioControl(id: string, controls: ReadonlyMap<string, ControlResult>): ScenarioControl {
  const control = controls.get(id);
  if (control === undefined) return { id, filtered: true };
  return { id, title: control.title, function: control.function, exists: control.exists, works: control.works, assurance: control.assurance };
}

/** What one step's controls give it: the strongest, or not-assessed when none of them ran. */
export function stepStatus(controls: readonly ScenarioControl[]): ScenarioStatus {
  const given = controls.flatMap((control) => ('filtered' in control ? [] : [GIVES[control.assurance]]));
  return given.length === 0 ? 'not-assessed' : strongest(given, 'open');
}

/** The strongest status of the assessed steps; not-assessed when no step was. */
export function scenarioStatus(steps: readonly Pick<ScenarioStep, 'status'>[]): ScenarioStatus {
  return strongest(
    steps.map((step) => step.status).filter((status) => status !== 'not-assessed'),
    'not-assessed',
  );
}

/** `step 2`, `steps 1 and 3`, `steps 1, 2 and 4`. */
export function stepsText(numbers: readonly number[]): string {
  if (numbers.length === 1) return `step ${numbers[0] ?? ''}`;
  return `steps ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1) ?? ''}`;
}

const NOT_HELD: readonly { status: ScenarioStatus; text: string }[] = [
  { status: 'undocumented', text: 'held only by controls that work but have no evidence, which an audit will not see' },
  { status: 'paper', text: 'held only on paper: documented, not shown working' },
  { status: 'open', text: 'open: no control there is documented or shown working' },
  { status: 'not-assessed', text: 'not assessed: the run left out every control named there' },
];

/** One sentence: where the path is held, then each group of steps an assured control does not hold, and why. */
export function residualRisk(steps: readonly Pick<ScenarioStep, 'status'>[]): string {
  const numbered = (status: ScenarioStatus): number[] => steps.flatMap((step, index) => (step.status === status ? [index + 1] : []));
  const held = numbered('held');
  const rest = NOT_HELD.flatMap(({ status, text }) => {
    const numbers = numbered(status);
    return numbers.length === 0 ? [] : [`${stepsText(numbers)} (${text})`];
  });
  if (held.length === steps.length) return 'None shown: every step is held by an assured control.';
  const status = scenarioStatus(steps);
  if (status === 'not-assessed') return 'Not assessed: the run left out every control named on the path.';
  if (status === 'open' && rest.length === 1) return 'Open end to end: no control on the path is documented or shown working.';
  const lead = held.length > 0 ? `Held at ${stepsText(held)} by an assured control` : status === 'open' ? 'Open end to end where assessed' : 'No step is held by an assured control';
  return `${lead}; risk remains at ${rest.join('; ')}.`;
}

/** Every scenario with each step's controls and their lenses, from the controls of the run (absent ones were filtered out). */
export function scenarioResults(scenarios: readonly ScenarioShape[], controls: readonly ControlResult[]): ScenarioResult[] {
  const byId = new Map(controls.map((control) => [control.id, control]));
  return scenarios.map((scenario) => {
    const steps = scenario.steps.map((step): ScenarioStep => {
      const stepControls = step.controls.map((id) => scenarioControl(id, byId));
      return { title: step.title, ...(step.description === undefined ? {} : { description: step.description }), status: stepStatus(stepControls), controls: stepControls };
    });
    return {
      id: scenario.id,
      title: scenario.title,
      ...(scenario.description === undefined ? {} : { description: scenario.description }),
      status: scenarioStatus(steps),
      residual_risk: residualRisk(steps),
      steps,
    };
  });
}

/** The scenarios of a report as declared, for recomputing them over other controls (merge). */
export function scenarioShapes(scenarios: readonly ScenarioResult[]): ScenarioShape[] {
  return scenarios.map((scenario) => ({
    id: scenario.id,
    title: scenario.title,
    ...(scenario.description === undefined ? {} : { description: scenario.description }),
    steps: scenario.steps.map((step) => ({ title: step.title, ...(step.description === undefined ? {} : { description: step.description }), controls: step.controls.map((control) => control.id) })),
  }));
}

const STATUS_TEXT: Readonly<Record<ScenarioStatus, string>> = {
  held: 'held by an assured control',
  undocumented: 'held, but only by controls without evidence',
  paper: 'held only on paper',
  open: 'open',
  'not-assessed': 'not assessed',
};

/** What a step's or a scenario's status says, for every human format. */
export function scenarioStatusText(status: ScenarioStatus): string {
  return STATUS_TEXT[status];
}

/** The run's filters left a control out: a step says so rather than count it. */
export const FILTERED_TEXT = 'not in this run (--control or --framework left it out)';
