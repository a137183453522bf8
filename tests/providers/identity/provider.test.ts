import { describe, expect, it } from 'vitest';
import provider from '../../../src/providers/identity/provider.js';
import { Registry } from '../../../src/providers/registry.js';

describe('identity provider', () => {
  it('is registered under its folder, for its source types and checks', async () => {
    expect(provider.id).toBe('identity');
    expect((await new Registry().providerOf('identity/anything'))?.id).toBe('identity');
  });
});
