// Errors crossing a thread boundary keep what the user needs: a `UserError`'s position and hint.
import { UserError, type Position } from '../../core/errors.js';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  position?: Position;
  hint?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof UserError) {
    return { name: error.name, message: error.message, stack: error.stack, position: error.position, hint: error.hint };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  const restored = error.name === 'UserError' ? new UserError(error.message, { position: error.position, hint: error.hint }) : new Error(error.message);
  if (error.stack) restored.stack = error.stack;
  return restored;
}

/** Why a test's state cannot be sent between threads: its check keeps something structuredClone refuses. */
export function unclonableState(visitor: { name: string }, error: unknown): Error {
  return new Error(
    `${visitor.name} keeps a visitor state that cannot cross to a worker thread (${error instanceof Error ? error.message : String(error)}): a state must survive structuredClone (plain objects, arrays, Maps, Sets, numbers, strings; no functions or class instances)`,
  );
}
