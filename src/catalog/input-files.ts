import path from 'node:path';
import { matchRealFiles } from '../kit/files/match-files.js';
import type { LoadedCatalog } from './model.js';

/** What a file is to a run, for messages: "the catalog", "an exceptions file", "a file source creds reads". */
export interface InputFile {
  file: string;
  role: string;
  /** Its real path, where matching the globs resolved it already. */
  real?: string;
}

/**
 * Every file a run of the catalog reads, absolute: the catalog, its exceptions files and plugins, the evidence
 * documents, and each file a source's globs match today. No output may be written onto one of them.
 */
export async function inputFiles(catalog: LoadedCatalog): Promise<InputFile[]> {
  const documents = catalog.controls.flatMap((control) =>
    control.spec.evidence.flatMap((item) => (item.kind === 'document' ? [{ file: path.resolve(catalog.evidenceRoot, item.path), role: `an evidence document of control ${control.spec.id}` }] : [])),
  );
  const matched = await Promise.all(
    [...catalog.sources.values()].map(async (source) =>
      (await matchRealFiles(source.patterns, catalog.dir)).map(({ file, real }) => ({ file, role: `a file source ${source.name} reads`, ...(real === undefined ? {} : { real }) })),
    ),
  );
  return [
    { file: catalog.file, role: 'the catalog' },
    ...catalog.exceptionFiles.map((file) => ({ file, role: 'an exceptions file' })),
    ...catalog.document.plugins.map((entry) => ({ file: path.resolve(catalog.dir, entry), role: `the plugin ${entry}` })),
    ...documents,
    ...matched.flat(),
  ];
}
