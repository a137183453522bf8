import path from 'node:path';
import { UserError } from '../../../../src/core/errors.js';
import type { BatchSourceDefinition, SourceText } from '../../../../src/kit/define-source.js';
import type { RecordType } from '../../../../src/kit/record-types.js';
import { readExportFile } from '../../../../src/kit/files/read-file.js';
import { thrownUserError } from '../../../support/errors.js';
import { fixturesDir } from '../../../support/paths.js';

export const FIXTURES = fixturesDir;

/** Fixture files as the engine hands them to a source, in the order given. */
export async function fixtures(...relative: string[]): Promise<SourceText[]> {
  return Promise.all(relative.map(async (file) => (await readExportFile(path.join(FIXTURES, file), { base: FIXTURES })).text));
}

/** A fixture's path as a source's errors name it: absolute, since a consumer (the CLI, a report) picks the base to show it from. */
export function displayOf(relative: string): string {
  return path.join(FIXTURES, relative);
}

/** The UserError a source throws on `files`; fails the test when it throws nothing or something else. */
export function userErrorOf<T extends RecordType>(adapter: BatchSourceDefinition<T>, files: readonly SourceText[]): UserError {
  return thrownUserError(() => adapter.read(files));
}
