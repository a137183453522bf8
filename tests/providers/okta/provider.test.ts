import { describe, expect, it } from 'vitest';
import provider from '../../../src/providers/okta/provider.js';
import { Registry } from '../../../src/providers/registry.js';

describe('okta provider', () => {
  it('is registered under its folder, for its source types and checks', async () => {
    expect(provider.id).toBe('okta');
    expect((await new Registry().providerOf('okta/anything'))?.id).toBe('okta');
  });
});
