import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BatchSourceDefinition } from '../../../../src/kit/define-source.js';
import type { RecordType, RecordTypes } from '../../../../src/kit/record-types.js';
import { fixturesDir } from '../../../support/paths.js';

const FIXTURES = fixturesDir;

/** Records a source reads from fixture files: the demo export, as a check sees it in a real run. */
export function recordsOf<T extends RecordType>(adapter: BatchSourceDefinition<T>, ...files: string[]): RecordTypes[T][] {
  return adapter.read(files.map((file) => ({ display: `fixtures/${file}`, text: readFileSync(path.join(FIXTURES, file), 'utf8') })));
}
