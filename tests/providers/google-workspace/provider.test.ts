import { describe, expect, it } from 'vitest';
import provider from '../../../src/providers/google-workspace/provider.js';
import { Registry } from '../../../src/providers/registry.js';

describe('google-workspace provider', () => {
  it('is registered under its folder, for its source types and checks', async () => {
    expect(provider.id).toBe('google-workspace');
    expect((await new Registry().providerOf('google-workspace/anything'))?.id).toBe('google-workspace');
  });
});
