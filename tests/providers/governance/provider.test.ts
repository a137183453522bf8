import { describe, expect, it } from 'vitest';
import provider from '../../../src/providers/governance/provider.js';
import { Registry } from '../../../src/providers/registry.js';

describe('governance provider', () => {
  it('is registered under its folder, for its source types and checks', async () => {
    expect(provider.id).toBe('governance');
    expect((await new Registry().providerOf('governance/anything'))?.id).toBe('governance');
  });
});
