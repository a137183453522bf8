import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceSpec } from '../catalog/schema.js';
import type { DocumentFacts } from './assess-evidence.js';

/** Hashes every document evidence file once; absent or unreadable files are left out of the map. */
export async function hashDocuments(items: readonly EvidenceSpec[], evidenceRoot: string): Promise<Map<string, DocumentFacts>> {
  const paths = [...new Set(items.flatMap((item) => (item.kind === 'document' ? [item.path] : [])))];
  const facts = new Map<string, DocumentFacts>();
  await Promise.all(
    paths.map(async (relative) => {
      const absolute = path.resolve(evidenceRoot, relative);
      const bytes = await readFile(absolute).catch(() => undefined);
      // The report names documents as the catalog does (relative to evidence_root), whatever the working directory.
      if (bytes) facts.set(relative, { path: relative, sha256: createHash('sha256').update(bytes).digest('hex') });
    }),
  );
  return facts;
}
