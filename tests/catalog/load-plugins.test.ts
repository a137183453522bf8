import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlugins } from '../../src/catalog/load-plugins.js';
import { UserError } from '../../src/core/errors.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

describe('loadPlugins', () => {
  it('gives up on a plugin that does not finish loading within the limit: a UserError at its entry, naming it', async () => {
    // A timer keeps the event loop busy, as a plugin polling for something would: only the limit ends the wait.
    const dir = await tempTree({ 'plugins/slow.mjs': 'await new Promise((resolve) => setTimeout(resolve, 5_000));\nexport default [];\n' });
    const position = { file: path.join(dir, 'controls.yaml'), line: 3, col: 5 };
    const started = performance.now();
    const loading = loadPlugins(['plugins/slow.mjs'], dir, () => position, 200);

    await expect(loading).rejects.toThrow(UserError);
    await expect(loading).rejects.toMatchObject({ message: 'Plugin plugins/slow.mjs did not finish loading within 0.2 s', position, hint: expect.stringMatching(/top level/) });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
