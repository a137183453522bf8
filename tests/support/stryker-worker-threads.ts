// Under Stryker only (vitest.stryker.config.ts): the stream pass's worker threads start with a copy of this thread's
// environment, and Stryker's instrumented code reads the active mutant from it when its global is unset, so the
// workers run the same mutant as the test that starts them.
import { beforeEach } from 'vitest';

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

beforeEach(() => {
  const namespace: unknown = Reflect.get(globalThis, '__stryker__');
  const active: unknown = typeof namespace === 'object' && namespace !== null ? Reflect.get(namespace, 'activeMutant') : undefined;
  if (active === undefined) delete process.env[ACTIVE_MUTANT];
  else process.env[ACTIVE_MUTANT] = String(active);
});
