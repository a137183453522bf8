import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli.js';

describe('main', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lets the heap grow by half between collections, so a large audit peaks near what is live', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    const { code } = await runCli(['--help'], { cwd: process.cwd() });
    expect(code).toBe(0);
    expect(flags).toHaveBeenCalledWith('--heap-growing-percent=50');
  });
});
