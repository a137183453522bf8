// A time limit that holds even for a synchronous endless loop: the call runs as a vm script with a timeout, and
// V8 stops a script's execution (every frame on its stack, whichever realm defined it) when the timeout passes.
import vm from 'node:vm';

/** How long one check run may take unless the run says otherwise (`--check-timeout`). */
export const DEFAULT_TIME_LIMIT_MS = 60_000;

/** Thrown by `withinTimeLimit` when the call ran out of time. */
export class TimeLimitExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`did not finish within ${seconds(limitMs)}`);
    this.name = 'TimeLimitExceeded';
  }
}

/** `60 s`, `0.5 s`: a limit as messages show it. */
export function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

const context = vm.createContext({ call: undefined });
const script = new vm.Script('call()');

/** `fn()`, stopped after `limitMs` with `TimeLimitExceeded`; what `fn` throws passes through as it is. */
export function withinTimeLimit<T>(fn: () => T, limitMs: number): T {
  let result: { value: T } | undefined;
  context.call = () => void (result = { value: fn() });
  try {
    script.runInContext(context, { timeout: limitMs });
  } catch (error) {
    // The timeout error is made in the script's realm, so it is recognised by its code, not by its class.
    if (error !== null && typeof error === 'object' && 'code' in error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new TimeLimitExceeded(limitMs);
    throw error;
  } finally {
    context.call = undefined;
  }
  if (result === undefined) throw new Error('withinTimeLimit: the call did not run');
  return result.value;
}
