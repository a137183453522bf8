import { describe, expect, it } from 'vitest';
import provider from '../../../src/providers/hr/provider.js';
import { Registry } from '../../../src/providers/registry.js';

describe('hr provider', () => {
  it('is registered under its folder, for its source types and checks', async () => {
    expect(provider.id).toBe('hr');
    expect((await new Registry().providerOf('hr/anything'))?.id).toBe('hr');
  });
});
