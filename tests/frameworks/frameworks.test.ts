import { describe, expect, it } from 'vitest';
import { frameworks } from '../../src/frameworks/index.js';
import { Registry } from '../../src/providers/registry.js';

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
});
