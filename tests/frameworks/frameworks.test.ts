import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameworks } from '../../src/frameworks/index.js';
import { Registry } from '../../src/providers/registry.js';
import { repoRoot } from '../support/paths.js';

/** The criterion counts of the shared reference's README table (ids, and PCI's leaves). */
const COUNTS = { soc2: 61, 'pci-dss-4': 366, 'iso27001-2022': 93, 'cis-aws-3': 62, 'nist-csf-2': 106 };
const PCI_LEAVES = 251;
const REFERENCE_README = path.resolve(repoRoot, '../shared/reference/frameworks/README.md');

describe('built-in frameworks', () => {
  it('hold every criterion once, each id a string', () => {
    expect(Object.keys(frameworks)).toEqual(['cis-aws-3', 'iso27001-2022', 'nist-csf-2', 'pci-dss-4', 'soc2']);
    for (const [key, framework] of Object.entries(frameworks)) {
      const ids = framework.criteria.map((criterion) => criterion.id);
      expect(framework.key).toBe(key);
      expect(new Set(ids).size, key).toBe(ids.length);
      expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
    }
    expect(frameworks['cis-aws-3'].criteria.find((criterion) => criterion.id === '1.10')?.title).toBe('Ensure MFA is enabled for all IAM users that have a console password');
  });

  it('hold every criterion a built-in check suggests', async () => {
    const registry = new Registry();
    const unknown: string[] = [];
    for (const id of registry.checkIds()) {
      const check = await registry.check(id);
      for (const [key, ids] of Object.entries(check?.criteria ?? {})) {
        const known = new Set(frameworks[key as keyof typeof frameworks].criteria.map((criterion) => criterion.id));
        for (const criterion of ids ?? []) if (!known.has(criterion)) unknown.push(`${id}: ${key} ${criterion}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('hold as many criteria as the reference README counts', () => {
    expect(Object.fromEntries(Object.entries(frameworks).map(([key, framework]) => [key, framework.criteria.length]))).toEqual(COUNTS);
    const pciIds = frameworks['pci-dss-4'].criteria.map((criterion) => criterion.id);
    expect(pciIds.filter((id) => !pciIds.some((other) => other.startsWith(`${id}.`))).length).toBe(PCI_LEAVES);
  });

  // Beside the shared reference (absent in a lone clone), its table is read, so the counts above cannot drift from it.
  it.skipIf(!existsSync(REFERENCE_README))('counts what the reference README table says', () => {
    const rows = [...readFileSync(REFERENCE_README, 'utf8').matchAll(/^\| `[^`]+\.yaml` \| `([^`]+)` \| (\d+)/gm)];
    expect(Object.fromEntries(rows.map((row) => [row[1], Number(row[2])]))).toEqual(COUNTS);
  });
});
