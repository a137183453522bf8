import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { trajectoryLines } from '../../src/formatters/trend/trajectory.js';
import { EXISTS_ORDER, WORKS_ORDER } from '../../src/report/lens-order.js';
import { lensTrajectoryOf, trendFailReasons, trendOf, trendViewSchema, type TrendInput, type TrendView } from '../../src/report/trend.js';
import { MIXED, sequence, type RunSpec } from './trend-sequences.js';

const trend = (inputs: readonly TrendInput[], last = 5): TrendView => trendViewSchema.parse(trendOf(inputs, { last }));
const control = (view: TrendView, id: string) => {
  const found = view.controls.find((each) => each.id === id);
  if (!found) throw new Error(`no control ${id}`);
  return found;
};

function thrownBy(action: () => unknown): UserError {
  try {
    action();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

const weekly = (works: readonly ('effective' | 'ineffective' | 'error' | 'untested')[]): RunSpec[] =>
  works.map((verdict, index) => ({ date: `2026-10-${String(4 + 7 * index).padStart(2, '0')}`, controls: { 'IAM-1': { exists: 'evidenced', works: verdict } } }));

describe('lensTrajectoryOf', () => {
  it.each([
    [['ineffective', 'error', 'effective'], 'improving', 2],
    [['effective', 'effective', 'effective'], 'stagnating', 0],
    [['ineffective', 'effective', 'ineffective'], 'stagnating', 2],
    [['effective', 'untested'], 'deteriorating', 1],
    [['untested', 'error'], 'deteriorating', 1],
    [['effective', null, 'effective'], 'gap', 0],
    [[null, 'effective', 'ineffective'], 'gap', 1],
  ] as const)('calls works %j %s with %i moves', (values, trajectory, moves) => {
    expect(lensTrajectoryOf(WORKS_ORDER, values)).toEqual({ trajectory, moves });
  });

  it('ranks the exists lens by its own order: missing → none deteriorates', () => {
    expect(lensTrajectoryOf(EXISTS_ORDER, ['missing', 'none']).trajectory).toBe('deteriorating');
    expect(lensTrajectoryOf(EXISTS_ORDER, ['stale', 'evidenced']).trajectory).toBe('improving');
  });
});

describe('trendOf', () => {
  it('calls an improving, a stagnating and a deteriorating series so, and validates against its schema', () => {
    expect(control(trend(sequence(weekly(['ineffective', 'error', 'effective']))), 'IAM-1')).toMatchObject({ trajectory: 'improving', works: { values: ['ineffective', 'error', 'effective'], trajectory: 'improving', moves: 2 }, exists: { trajectory: 'stagnating', moves: 0 } });
    expect(control(trend(sequence(weekly(['ineffective', 'ineffective', 'ineffective']))), 'IAM-1').trajectory).toBe('stagnating');
    const worse = trend(sequence(weekly(['effective', 'effective', 'ineffective'])));
    expect(control(worse, 'IAM-1')).toMatchObject({ trajectory: 'deteriorating', assurance: ['assured', 'assured', 'paper-only'] });
    expect(worse.summary.controls).toEqual({ deteriorating: 1, gap: 0, stagnating: 0, improving: 0 });
    expect(worse.rule).toContain('compares its verdict in the newest run with the oldest');
  });

  it('follows every control of the mixed sequence by id: trajectories, renamed, removed and added controls', () => {
    const view = trend(sequence(MIXED));
    expect(view.controls.map((each) => [each.id, each.trajectory, each.exists.trajectory, each.works.trajectory, each.works.moves])).toEqual([
      ['IAM-1', 'improving', 'stagnating', 'improving', 2],
      ['MFA-2', 'stagnating', 'stagnating', 'stagnating', 0],
      ['KEY-3', 'stagnating', 'stagnating', 'stagnating', 2],
      ['LOG-1', 'deteriorating', 'stagnating', 'deteriorating', 1],
      ['BAK-1', 'deteriorating', 'deteriorating', 'stagnating', 0],
      ['JML-2', 'stagnating', 'stagnating', 'stagnating', 0],
      ['NEW-1', 'gap', 'gap', 'gap', 0],
      ['GH-1', 'gap', 'gap', 'gap', 0],
    ]);
    expect(control(view, 'JML-2')).toMatchObject({ title: 'Leavers lose access within a day', former_titles: ['Leavers lose access to every system within one business day of their termination date'] });
    expect(control(view, 'GH-1').works.values).toEqual(['error', 'error', 'error', null, null]);
    expect(control(view, 'NEW-1').assurance).toEqual([null, null, null, 'undocumented', 'undocumented']);
  });

  it('says where the catalog changed, with the controls it added, removed and renamed', () => {
    const view = trend(sequence(MIXED));
    expect(view.catalog_changes).toEqual([
      {
        from: 'history/2026-10-18.json',
        to: 'history/2026-11-01.json',
        from_sha256: sequence(MIXED)[0]?.report.catalog.sha256,
        to_sha256: 'c'.repeat(64),
        added: ['NEW-1'],
        removed: ['GH-1'],
        renamed: [{ id: 'JML-2', old_title: 'Leavers lose access to every system within one business day of their termination date', new_title: 'Leavers lose access within a day' }],
      },
    ]);
    expect(view.warnings.map((warning) => warning.message)).toContainEqual(expect.stringMatching(/^The catalog changed between history\/2026-10-18\.json and history\/2026-11-01\.json \(sha256 \w{12} → c{12}; controls 1 added, 1 removed, 1 renamed\)$/));
  });

  it('marks an interval over 1.5 times the median as a gap, in the runs and in a warning', () => {
    const view = trend(sequence(MIXED));
    expect(view.runs.map((run) => [run.as_of.slice(0, 10), run.interval_days, run.gap])).toEqual([
      ['2026-10-04', null, false],
      ['2026-10-11', 7, false],
      ['2026-10-18', 7, false],
      ['2026-11-01', 14, true],
      ['2026-11-08', 7, false],
    ]);
    expect(view.warnings[0]?.message).toBe('14 days pass between history/2026-10-18.json (2026-10-18) and history/2026-11-01.json (2026-11-01), more than the usual interval: runs are missing there');
    expect(trend(sequence(weekly(['effective', 'effective']))).runs.map((run) => run.gap)).toEqual([false, false]);
  });

  it('warns when one catalog\'s runs lack a control: an edited or cut-short report', () => {
    const specs = weekly(['effective', 'effective', 'effective']);
    const middle = specs[1];
    if (middle) middle.controls = { 'MFA-2': { exists: 'evidenced', works: 'effective' } };
    const view = trend(sequence(specs));
    expect(control(view, 'IAM-1').trajectory).toBe('gap');
    expect(view.warnings.map((warning) => warning.message)).toContain('2 control(s) are missing from some runs of one catalog');
  });

  it('tracks every metric of a test by name across runs, null where a run did not measure it', () => {
    const view = trend(sequence(MIXED));
    expect(view.metrics).toEqual([
      { control: 'IAM-1', check: 'aws/iam-console-mfa', inputs: { records: ['iam-credentials'] }, metric: 'mfa_coverage_pct', values: [70, 80, null, 95, 100], passed: [false, false, null, false, true], delta: 30 },
    ]);
  });

  it('carries exception age per risk tier and detection coverage per run', () => {
    const view = trend(sequence(MIXED));
    expect(view.exception_age.map((tier) => tier.risk)).toEqual(['high', 'medium', 'low'].filter((risk) => view.exception_age.some((tier) => tier.risk === risk)));
    const [high] = view.exception_age;
    expect(high?.count).toHaveLength(5);
    expect(view.runs.map((run) => run.detection)).toEqual(
      MIXED.map((spec) => ({ detect_controls: spec.controls['LOG-1'] ? 1 : 0, detect_effective: spec.controls['LOG-1']?.works === 'effective' ? 1 : 0, log_scopes: null, log_gaps: null, log_gap_hours: null })),
    );
  });

  it('counts the log sources\' coverage scopes, gaps and gap hours of a run, and says when the tool version changed', () => {
    const inputs = sequence(weekly(['effective', 'effective']));
    const [, newest] = inputs;
    if (!newest) throw new Error('sequence changed');
    newest.report.tool.version = '9.9.9';
    newest.report.sources.push({
      name: 'trail',
      type: 'aws/cloudtrail-logs',
      status: 'ok',
      files: [],
      records: 10,
      coverage: [
        { scope: { account: '111111111111', region: 'eu-west-1' }, events: 6, first: '2026-10-01T00:00:00Z', last: '2026-10-11T00:00:00Z', gaps: [{ from: '2026-10-02T00:00:00Z', to: '2026-10-03T12:00:00Z', hours: 36 }] },
        { scope: { account: '111111111111', region: 'us-east-1' }, events: 4, first: '2026-10-01T00:00:00Z', last: '2026-10-11T00:00:00Z', gaps: [{ from: '2026-10-05T00:00:00Z', to: '2026-10-05T12:30:00Z', hours: 12.5 }] },
      ],
    });
    const view = trend(inputs);
    expect(view.runs.map((run) => [run.detection.log_scopes, run.detection.log_gaps, run.detection.log_gap_hours])).toEqual([
      [null, null, null],
      [2, 2, 48.5],
    ]);
    expect(view.warnings.map((warning) => warning.message)).toContain(`The runs were made by different controlproof versions (${inputs[0]?.report.tool.version ?? ''}, 9.9.9)`);
  });

  it('judges the newest --last runs only, and says how many were given', () => {
    const view = trend(sequence(MIXED), 2);
    expect(view.runs.map((run) => run.as_of.slice(0, 10))).toEqual(['2026-11-01', '2026-11-08']);
    expect(view.window).toEqual({ last: 2, given: 5 });
    expect(control(view, 'NEW-1').trajectory).toBe('stagnating');
    expect(view.catalog_changes).toEqual([]);
  });

  it('is the same whatever order the reports come in', () => {
    const inputs = sequence(MIXED);
    expect(JSON.stringify(trend([...inputs].reverse()))).toBe(JSON.stringify(trend(inputs)));
  });

  it('fails closed: one report, none, two of one as-of, a --last below two', () => {
    const [first, second] = sequence(MIXED);
    if (!first || !second) throw new Error('sequence changed');
    expect(thrownBy(() => trendOf([first], { last: 5 }))).toMatchObject({ message: 'A trend needs at least two reports, found one (history/2026-10-04.json)', position: { file: 'history/2026-10-04.json' } });
    expect(thrownBy(() => trendOf([], { last: 5 })).message).toBe('A trend needs at least two reports, found none');
    const twin = { file: 'history/copy.json', report: first.report };
    expect(thrownBy(() => trendOf([first, second, twin], { last: 5 }))).toMatchObject({
      message: 'Two reports assess the same moment 2026-10-04T00:00:00.000Z: history/2026-10-04.json and history/copy.json',
      hint: expect.stringContaining('controlproof merge'),
    });
    expect(thrownBy(() => trendOf([first, second], { last: 1 })).message).toBe('--last must be a whole number of runs, 2 or more; found 1');
  });

  it('fails on deteriorating or gap controls when asked, naming each with its lenses and owner', () => {
    const view = trend(sequence(MIXED));
    expect(trendFailReasons(view, [])).toEqual([]);
    expect(trendFailReasons(view, ['deteriorating'])).toEqual([
      'deteriorating controls over the last 5 runs: LOG-1 (exists evidenced, works effective → ineffective; owner: cloud-platform@acme.example), BAK-1 (exists evidenced → stale, works untested; owner: sre@acme.example)',
    ]);
    expect(trendFailReasons(view, ['gap'])[0]).toMatch(/^gap controls over the last 5 runs: NEW-1 \(exists absent → none, works absent → effective; owner: .*\), GH-1 \(exists evidenced → absent/);
  });
});

describe('trajectoryLines', () => {
  it('gives the briefing the counts, the moving controls, the metrics that moved and the rule', () => {
    const lines = trajectoryLines(trend(sequence(MIXED)));
    expect(lines[0]).toBe('**Trajectory, 2026-10-04 → 2026-11-08 (5 runs):** 2 deteriorating · 2 gap · 3 stagnating · 1 improving');
    expect(lines).toContain('- deteriorating: LOG-1 CloudTrail records management events in every region: exists evidenced, works effective → ineffective (owner cloud-platform@acme.example)');
    expect(lines).toContain('- mfa\\_coverage\\_pct (IAM-1): 70 → 80 → — → 95 → 100 (+30)');
    expect(lines.some((line) => line.startsWith('_Over the runs of the window'))).toBe(true);
  });
});
