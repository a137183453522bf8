// The contract of what a check returns, checked before a result becomes a test result: a check is untrusted code
// (a plugin, or a built-in with a bug), so a malformed result is an error for its test, never a crash or a pass.
import type { CheckResult, Finding } from './define-check.js';

/** The result, rebuilt from its validated parts (so nothing read later can differ), or what is wrong with it. */
export function parseCheckResult(value: unknown): CheckResult | { problem: string } {
  try {
    return readResult(value);
  } catch (error) {
    return { problem: error instanceof ContractError ? error.message : `a result that cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

class ContractError extends Error {}

/** True for a promise or any other thenable: what an `async` hook returns. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && 'then' in value && typeof value.then === 'function';
}

/** Handles a thenable's rejection, which would otherwise end the process as an unhandled rejection. */
export function ignoreSettling(value: PromiseLike<unknown>): void {
  try {
    value.then(undefined, () => undefined);
  } catch {
    // A thenable whose `then` throws has nothing left to settle.
  }
}

function readResult(value: unknown): CheckResult {
  if (isThenable(value)) {
    ignoreSettling(value);
    throw new ContractError('a Promise: checks are synchronous (run and finish must not be async)');
  }
  if (value === null || value === undefined) throw new ContractError(`${String(value)}: expected { examined, findings }`);
  if (!isPlainRecord(value)) throw new ContractError(`${describe(value)}: expected { examined, findings }`);
  const { examined, findings, metrics, details } = value;
  if (typeof examined !== 'number' || !Number.isInteger(examined) || examined < 0) fail('examined', 'a whole number, 0 or more', examined);
  if (!Array.isArray(findings)) fail('findings', 'an array', findings);
  return {
    examined,
    findings: findings.map((finding: unknown, index) => readFinding(finding, `findings[${index}]`)),
    ...(metrics === undefined ? {} : { metrics: readMetrics(metrics) }),
    ...(details === undefined ? {} : { details: readRecord(details, 'details') }),
  };
}

function readFinding(value: unknown, at: string): Finding {
  if (!isPlainRecord(value)) fail(at, 'an object with resource and message', value);
  const { resource, message, details } = value;
  if (typeof resource !== 'string') fail(`${at}.resource`, 'a string', resource);
  if (typeof message !== 'string') fail(`${at}.message`, 'a string', message);
  return { resource, message, ...(details === undefined ? {} : { details: readRecord(details, `${at}.details`) }) };
}

function readMetrics(value: unknown): Record<string, number> {
  return Object.fromEntries(Object.entries(readRecord(value, 'metrics')).map(([name, metric]) => [name, readFiniteNumber(metric, `metrics.${name}`)]));
}

function readFiniteNumber(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(at, 'a finite number', value);
  return value;
}

function readRecord(value: unknown, at: string): Record<string, unknown> {
  if (!isPlainRecord(value)) fail(at, 'an object', value);
  return { ...value };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function fail(at: string, expected: string, found: unknown): never {
  throw new ContractError(`${at}: expected ${expected}, found ${describe(found)}`);
}

function describe(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') {
    const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
    return typeof name === 'string' && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return typeof value;
}
