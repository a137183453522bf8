import { describe, expect, it } from 'vitest';
import provider from '../../../src/providers/github/provider.js';
import { Registry } from '../../../src/providers/registry.js';

describe('github provider', () => {
  it('is registered under its folder, for its source types and checks', async () => {
    expect(provider.id).toBe('github');
    expect((await new Registry().providerOf('github/anything'))?.id).toBe('github');
  });
});
