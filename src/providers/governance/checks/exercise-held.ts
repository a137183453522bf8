import { z } from 'zod';
import { compareText } from '../../../core/compare.js';
import { daysBetween, formatDate, isOlderThan } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { durationParam } from '../../../kit/params.js';
import { EXERCISE_KINDS, type Exercise } from '../lib/exercise-contract.js';

const params = z.strictObject({
  kind: z.enum(EXERCISE_KINDS).describe(`The kind of exercise that must have been held: ${EXERCISE_KINDS.join(', ')}.`),
  scenario: z
    .string()
    .trim()
    .min(1)
    .transform((tag) => tag.toLowerCase())
    .optional()
    .describe('A scenario tag the exercise must carry (e.g. ransomware), compared case-insensitively; omitted: any scenario.'),
  max_age: durationParam.prefault('12mo').describe('Longest time since the latest such exercise (e.g. 6mo, 12mo, 1y).'),
});

type Params = z.output<typeof params>;

function wanted({ kind, scenario }: Params): string {
  return `${kind} exercise${scenario === undefined ? '' : ` with scenario ${scenario}`}`;
}

function described(exercise: Exercise): string {
  return `${exercise.id}${exercise.title === null ? '' : ` "${exercise.title}"`}`;
}

function heldFinding(latest: Exercise | undefined, settings: Params, later: number, asOf: Date): Finding[] {
  const resource = ['exercises', settings.kind, ...(settings.scenario === undefined ? [] : [settings.scenario])].join(':');
  const expected = `expected one within ${settings.max_age.text}`;
  const future = later === 0 ? '' : ` (${later} dated after as-of ${later === 1 ? 'is' : 'are'} not counted)`;
  if (latest === undefined) {
    return [{ resource, message: `no ${wanted(settings)} on record before as-of${future}; ${expected}` }];
  }
  if (!isOlderThan(latest.held, settings.max_age, asOf)) return [];
  return [
    {
      resource,
      message: `the latest ${wanted(settings)}, ${described(latest)}, was held ${formatDate(latest.held)}, ${daysBetween(latest.held, asOf)} days before as-of${future}; ${expected}`,
      details: { exercise: latest.id, held: latest.held.toISOString(), outcome: latest.outcome },
    },
  ];
}

export default defineCheck({
  id: 'governance/exercise-held',
  title: 'The exercise was held recently',
  description:
    'The exercise register holds an exercise of `kind` (and, when `scenario` is set, carrying that scenario tag) held within `max_age` (default 12 months) before as-of. ' +
    'Any outcome counts as held: whether the exercise went well is for its action items and, for restores, governance/recovery-objectives. ' +
    'Exercises dated after as-of are not counted. A register with no such exercise, empty or not, fails: the missing exercise is what this check looks for, so it is never vacuous on an empty register.',
  inputs: { records: 'governance/exercises' },
  params,
  remediation:
    'Schedule and run the exercise (a tabletop of the scenario with the people who would respond, an incident simulation, a red-team exercise or a restore rehearsal), record it in the register with its participants and outcome, and raise action items for what it found.',
  metrics: {
    age_days: 'Days from the latest such exercise to as-of (absent when there is none)',
    exercises_within_max_age: 'Such exercises held within max_age before as-of',
  },
  criteria: { soc2: ['CC7.4', 'CC7.5', 'A1.3'], 'pci-dss-4': ['12.10.2'], 'iso27001-2022': ['A.5.24', 'A.5.29', 'A.5.30'], 'nist-csf-2': ['ID.IM-02', 'ID.IM-04'] },
  resourceExample: 'exercises:tabletop:ransomware',
  run({ inputs: { records }, params: settings, asOf }) {
    const matching = records.filter((exercise) => exercise.kind === settings.kind && (settings.scenario === undefined || exercise.scenario.includes(settings.scenario)));
    const held = matching.filter((exercise) => exercise.held.getTime() <= asOf.getTime()).sort((a, b) => b.held.getTime() - a.held.getTime() || compareText(a.id, b.id));
    const latest = held[0];
    return {
      examined: held.length,
      findings: heldFinding(latest, settings, matching.length - held.length, asOf),
      metrics: {
        ...(latest === undefined ? {} : { age_days: daysBetween(latest.held, asOf) }),
        exercises_within_max_age: held.filter((exercise) => !isOlderThan(exercise.held, settings.max_age, asOf)).length,
      },
    };
  },
});
