import path from 'node:path';
import type { EvidenceSpec } from '../catalog/schema.js';
import { hashRegularFile } from '../kit/files/open-input.js';
import type { DocumentFacts } from './assess-evidence.js';

/**
 * Hashes every document evidence file once; absent files are left out of the map (the item is `missing`). A
 * document that is not a regular file, or that may not be read, is an error naming it.
 */
export async function hashDocuments(items: readonly EvidenceSpec[], evidenceRoot: string): Promise<Map<string, DocumentFacts>> {
  const paths = [...new Set(items.flatMap((item) => (item.kind === 'document' ? [item.path] : [])))];
  const facts = new Map<string, DocumentFacts>();
  await Promise.all(
    paths.map(async (relative) => {
      const sha256 = await hashRegularFile(path.resolve(evidenceRoot, relative));
      // The report names documents as the catalog does (relative to evidence_root), whatever the working directory.
      if (sha256 !== undefined) facts.set(relative, { path: relative, sha256 });
    }),
  );
  return facts;
}
