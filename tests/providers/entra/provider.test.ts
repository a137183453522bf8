import { describe, expect, it } from 'vitest';
import provider from '../../../src/providers/entra/provider.js';
import { Registry } from '../../../src/providers/registry.js';

describe('entra provider', () => {
  it('is registered under its folder, for its source types and checks', async () => {
    expect(provider.id).toBe('entra');
    expect((await new Registry().providerOf('entra/anything'))?.id).toBe('entra');
  });
});
