import { UserError } from '../../src/core/errors.js';

/** The UserError `run` throws; fails the test when it throws nothing or something else. */
export function thrownUserError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError, nothing was thrown');
}

/** The UserError `run` rejects with. */
export async function rejectedUserError(run: () => Promise<unknown>): Promise<UserError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError, nothing was thrown');
}
