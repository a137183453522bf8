import path from 'node:path';
import { UserError } from '../../../src/core/errors.js';
import type { Adapter, SourceText, SourceType } from '../../../src/sources/define-adapter.js';
import { readExportFile } from '../../../src/kit/files/read-file.js';
import { thrownUserError } from '../../thrown-user-error.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures');

/** Fixture files as the engine hands them to an adapter, in the order given. */
export async function fixtures(...relative: string[]): Promise<SourceText[]> {
  return Promise.all(relative.map(async (file) => (await readExportFile(path.join(FIXTURES, file))).text));
}

/** The display path of a fixture, as error messages name it. */
export function displayOf(relative: string): string {
  return path.relative(process.cwd(), path.join(FIXTURES, relative));
}

/** The UserError an adapter throws on `files`; fails the test when it throws nothing or something else. */
export function userErrorOf<T extends SourceType>(adapter: Adapter<T>, files: readonly SourceText[]): UserError {
  return thrownUserError(() => adapter.read(files));
}
