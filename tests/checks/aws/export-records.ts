import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Adapter, SourceRecordTypes, SourceType } from '../../../src/sources/define-adapter.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures');

/** Records an adapter reads from fixture files: the demo export, as a check sees it in a real run. */
export function recordsOf<T extends SourceType>(adapter: Adapter<T>, ...files: string[]): SourceRecordTypes[T][] {
  return adapter.read(files.map((file) => ({ display: `fixtures/${file}`, text: readFileSync(path.join(FIXTURES, file), 'utf8') })));
}
