import { describe, expect, it } from 'vitest';
import { catalogFrameworks, frameworksInScope } from '../../src/catalog/catalog-frameworks.js';

describe('frameworksInScope', () => {
  const declared = { internal: { title: 'Internal access policy', criteria: [{ id: 'ACC-1', title: 'Named accounts' }] } };
  const controls: { mappings: Record<string, string[]> }[] = [{ mappings: { soc2: ['CC6.1'], 'cis-aws-3': ['1.10'] } }, { mappings: { soc2: ['CC7.2'] } }];

  it('is every framework the controls map to or the catalog declares, by key, each once', () => {
    expect(frameworksInScope({ frameworks: declared, controls }).map((framework) => [framework.key, framework.origin])).toEqual([
      ['cis-aws-3', 'built-in'],
      ['internal', 'catalog'],
      ['soc2', 'built-in'],
    ]);
  });

  it('is only the selected framework when one is', () => {
    expect(frameworksInScope({ frameworks: declared, controls }, 'soc2').map((framework) => framework.key)).toEqual(['soc2']);
  });

  it('lets a declared framework replace the built-in one of its key', () => {
    const mine = { soc2: { title: 'Our SOC 2 reading', criteria: [{ id: 'CC6.1', title: 'Access' }] } };
    expect(catalogFrameworks({ frameworks: mine }).get('soc2')).toMatchObject({ title: 'Our SOC 2 reading', origin: 'catalog' });
    expect(catalogFrameworks({ frameworks: {} }).get('soc2')?.criteria).toHaveLength(61);
  });
});
