import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../src/kit/define-check.js';
import { defineProvider } from '../../src/kit/define-provider.js';
import { checkLoaders, sourceLoaders } from '../../src/providers/index.js';
import { Registry } from '../../src/providers/registry.js';

const plugin = defineCheck({ id: 'acme/x', title: 'X', description: 'X.', inputs: { records: 'json' }, remediation: 'None.', run: () => ({ examined: 0, findings: [] }) });

describe('Registry', () => {
  it('knows every built-in id without loading a module, and loads one on request', async () => {
    const registry = new Registry();
    expect(registry.checkIds()).toEqual(Object.keys(checkLoaders).sort());
    expect(registry.sourceTypes()).toEqual(Object.keys(sourceLoaders).sort());
    expect(registry.viewIds()).toEqual(['identity/accounts', 'identity/sign-ins']);
    expect((await registry.check('aws/iam-console-mfa'))?.kind).toBe('batch');
    expect((await registry.source('aws/cloudtrail-logs'))?.kind).toBe('stream');
    expect(await registry.check('aws/nope')).toBeUndefined();
    expect(await registry.check('toString')).toBeUndefined();
  });

  it('finds the provider of an id by its prefix, generic for ids without one', async () => {
    const registry = new Registry();
    expect((await registry.providerOf('aws/kms-keys'))?.id).toBe('aws');
    expect((await registry.providerOf('aws/cloudtrail-logs'))?.coverageScope).toEqual(['account', 'region']);
    expect((await registry.providerOf('assert'))?.id).toBe('generic');
    expect(await registry.providerOf('nobody/x')).toBeUndefined();
  });

  it('adds what plugins contribute, with the module workers import it from', async () => {
    const provider = defineProvider({ id: 'acme', title: 'Acme', description: 'Acme.' });
    const registry = new Registry({ checks: [{ item: plugin, module: '/plugins/x.js' }], sources: [], providers: [{ item: provider, module: '/plugins/x.js' }] });
    expect(registry.checkIds()).toContain('acme/x');
    expect(await registry.check('acme/x')).toBe(plugin);
    expect(registry.checkModule('acme/x')).toBe('/plugins/x.js');
    expect(registry.checkModule('aws/iam-console-mfa')).toBeUndefined();
    expect((await registry.providerOf('acme/x'))?.title).toBe('Acme');
  });
});
