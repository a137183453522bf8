import { describe, expect, it } from 'vitest';
import { frameworksInScope, type CatalogFramework } from '../../src/catalog/catalog-frameworks.js';
import { frameworks } from '../../src/frameworks/index.js';
import { coverageOf, criterionStatus, frameworkCoverage, type MappedControl } from '../../src/report/coverage.js';

const internal: CatalogFramework = {
  key: 'internal',
  title: 'Internal access policy',
  origin: 'catalog',
  criteria: [
    { id: 'ACC-2', title: 'Reviews signed off' },
    { id: 'ACC-1', title: 'Named accounts' },
    { id: 'ACC-3', title: 'Leavers removed' },
  ],
};

function control(id: string, assurance: MappedControl['assurance'], mappings: MappedControl['mappings']): MappedControl {
  const lenses = {
    assured: ['evidenced', 'effective'],
    'paper-only': ['evidenced', 'ineffective'],
    unproven: ['stale', 'untested'],
    undocumented: ['none', 'effective'],
    failing: ['missing', 'ineffective'],
    unknown: ['none', 'error'],
  } as const;
  const [exists, works] = lenses[assurance];
  return { id, title: `${id} title`, owner: `${id.toLowerCase()}@example.com`, mappings, exists, works, assurance };
}

describe('criterionStatus', () => {
  it('is assured when any mapped control is assured, a gap when none is mapped, else unassured', () => {
    expect(criterionStatus([{ assurance: 'paper-only' }, { assurance: 'assured' }])).toBe('assured');
    expect(criterionStatus([])).toBe('gap');
    for (const assurance of ['paper-only', 'unproven', 'undocumented', 'failing', 'unknown'] as const) {
      expect(criterionStatus([{ assurance }, { assurance: 'paper-only' }]), assurance).toBe('unassured');
    }
  });
});

describe('frameworkCoverage', () => {
  const controls = [
    control('IAM-1', 'paper-only', { internal: ['ACC-1'], soc2: ['CC6.1'] }),
    control('IAM-2', 'assured', { internal: ['ACC-1', 'ACC-2'] }),
    control('LOG-1', 'unproven', { soc2: ['CC7.2'] }),
    control('HR-1', 'failing', { internal: ['ACC-1'] }),
  ];
  const coverage = frameworkCoverage(internal, controls);

  it('lists every criterion in the registry\'s order, each with its controls in catalog order and both lenses', () => {
    expect(coverage.criteria.map((criterion) => [criterion.id, criterion.status, criterion.controls.map((each) => each.id)])).toEqual([
      ['ACC-2', 'assured', ['IAM-2']],
      ['ACC-1', 'assured', ['IAM-1', 'IAM-2', 'HR-1']],
      ['ACC-3', 'gap', []],
    ]);
    expect(coverage.criteria[1]?.controls[0]).toEqual({ id: 'IAM-1', title: 'IAM-1 title', owner: 'iam-1@example.com', exists: 'evidenced', works: 'ineffective', assurance: 'paper-only' });
    expect(coverage.criteria[0]).not.toHaveProperty('group');
  });

  it('counts criteria per status and the assurance of the controls mapped to the framework, and no others', () => {
    expect(coverage).toMatchObject({ key: 'internal', title: 'Internal access policy', origin: 'catalog' });
    expect(coverage.summary).toEqual({
      criteria: 3,
      assured: 2,
      unassured: 0,
      gap: 1,
      controls: 3,
      assurance: { assured: 1, 'paper-only': 1, unproven: 0, undocumented: 0, failing: 1, unknown: 0 },
    });
  });

  it('keeps a built-in criterion\'s group and CIS level, and makes a criterion only paper-only controls map to unassured', () => {
    const [cis] = coverageOf(frameworksInScope({ frameworks: {}, controls: [] }, 'cis-aws-3'), [control('IAM-1', 'paper-only', { 'cis-aws-3': ['1.10'] })]);
    const criterion = cis?.criteria.find((each) => each.id === '1.10');
    expect(criterion).toMatchObject({ group: '1 Identity and Access Management', level: 1, status: 'unassured' });
    expect(cis?.criteria.map((each) => each.id)).toEqual(frameworks['cis-aws-3'].criteria.map((each) => each.id));
    expect(cis?.summary).toMatchObject({ criteria: 62, assured: 0, unassured: 1, gap: 61, controls: 1 });
  });

  it('makes every criterion a gap when no control is mapped', () => {
    expect(frameworkCoverage(internal, [control('LOG-1', 'assured', { soc2: ['CC7.2'] })]).summary).toMatchObject({ gap: 3, controls: 0 });
  });
});
