import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { planAudit, plannedTests, selectControls, sourcesOf } from '../../src/engine/plan.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

const example = await loadCatalog(path.join(repoRoot, 'controls.example.yaml'));

afterAll(removeTempDirs);

/** A catalog of `count` controls (C-01, C-02, …) that map to no framework. */
async function unmappedCatalog(count: number) {
  const controls = Array.from({ length: count }, (_, index) => {
    const id = `C-${String(index + 1).padStart(2, '0')}`;
    return `  - { id: ${id}, title: Control ${id}, owner: grc@example.com, risk: low, function: detect }\n`;
  });
  const dir = await tempTree({ 'controls.yaml': `version: 1\nname: Unmapped\ncontrols:\n${controls.join('')}` });
  return loadCatalog(path.join(dir, 'controls.yaml'));
}

describe('planAudit', () => {
  it('plans every control, each test with one key, and the sources they read by kind', () => {
    const plan = planAudit(example);
    expect(plan.controls).toHaveLength(example.controls.length);
    const keys = plannedTests(plan).map((test) => test.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(0, 2)).toEqual(['0/0', '1/0']);
    expect(plan.streamSources.map((source) => source.name)).toEqual(['cloudtrail', 'okta-log', 'entra-sign-ins', 'github-audit']);
    expect(plan.batchSources.map((source) => source.definition.kind)).toEqual(plan.batchSources.map(() => 'batch'));
    expect(plan.exceptions).toHaveLength(example.exceptions.length);
  });

  it('selects controls by id or framework, with only their exceptions and sources', () => {
    const iam = planAudit(example, { controls: ['IAM-03'] });
    expect(iam.controls.map(({ control }) => control.spec.id)).toEqual(['IAM-03']);
    expect(iam.exceptions.every((exception) => exception.spec.control === 'IAM-03')).toBe(true);
    expect([...iam.batchSources, ...iam.streamSources].map((source) => source.name)).toEqual(['credential-report']);
    const pci = planAudit(example, { framework: 'pci-dss-4' });
    expect(pci.controls.every(({ control }) => 'pci-dss-4' in control.spec.mappings)).toBe(true);
  });

  it('lists the sources a test reads in binding order, each once', () => {
    const [first] = plannedTests(planAudit(example));
    expect(first && sourcesOf(first.test)).toEqual(['credential-report']);
  });
});

describe('selectControls', () => {
  it('selects exactly the named controls and those mapped to the framework', () => {
    expect(selectControls(example, { controls: ['IAM-02', 'IAM-03'] }).map((control) => control.spec.id)).toEqual(['IAM-02', 'IAM-03']);
    expect(selectControls(example, { controls: ['IAM-02'], framework: 'soc2' }).map((control) => control.spec.id)).toEqual(['IAM-02']);
  });

  it('refuses a filter that matches nothing, with a suggestion: never an empty run that passes a gate', () => {
    expect(() => selectControls(example, { controls: ['IAM-99'] })).toThrow('Unknown control "IAM-99" in --control');
    expect(() => selectControls(example, { controls: ['iam-02'] })).toThrow(expect.objectContaining({ hint: 'Did you mean "IAM-02"?' }));
    expect(() => selectControls(example, { framework: 'soc3' })).toThrow(expect.objectContaining({ message: 'Unknown framework "soc3" in --framework', hint: 'Did you mean "soc2"?' }));
    expect(() => selectControls(example, { framework: 'nist-csf-2' })).toThrow('No control is mapped to framework "nist-csf-2"');
    const unmapped = example.controls.find((control) => !('cis-aws-3' in control.spec.mappings))?.spec.id ?? '';
    expect(() => selectControls(example, { controls: [unmapped], framework: 'cis-aws-3' })).toThrow(
      expect.objectContaining({
        message: `No control is both in --control ${unmapped} and mapped to framework "cis-aws-3"`,
        hint: 'Drop one of the two filters, or name controls the framework maps.',
      }),
    );
  });

  it('hints at what there is when no name is close: the controls (twelve at most), the frameworks, the mapped frameworks', async () => {
    const twelve = await unmappedCatalog(12);
    const ids = twelve.controls.map((control) => control.spec.id).join(', ');
    expect(() => selectControls(twelve, { controls: ['ZZZ-999'] })).toThrow(expect.objectContaining({ hint: `The catalog's controls: ${ids}.` }));
    const thirteen = await unmappedCatalog(13);
    expect(() => selectControls(thirteen, { controls: ['ZZZ-999'] })).toThrow(expect.objectContaining({ hint: `The catalog's controls: ${ids} and 1 more.` }));
    expect(() => selectControls(example, { framework: 'zzzzzz' })).toThrow(
      expect.objectContaining({ hint: 'Frameworks: cis-aws-3, iso27001-2022, nist-csf-2, pci-dss-4, soc2.' }),
    );
    expect(() => selectControls(example, { framework: 'nist-csf-2' })).toThrow(
      expect.objectContaining({ hint: 'The catalog maps controls to soc2, pci-dss-4, iso27001-2022, cis-aws-3.' }),
    );
    expect(() => selectControls(twelve, { framework: 'soc2' })).toThrow(
      expect.objectContaining({ message: 'No control is mapped to framework "soc2"', hint: 'Map controls to criteria under "mappings:" first.' }),
    );
  });
});
