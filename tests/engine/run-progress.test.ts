// The engine tells a progress callback what it has read, and stays free of I/O: the CLI decides whether to show it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { runAudit, type AuditProgress } from '../../src/engine/run-audit.js';
import { repoRoot } from '../support/paths.js';

describe('runAudit onProgress', { timeout: 60_000 }, () => {
  for (const workers of [1, 2]) {
    it(`reports running totals of files and records, ending at what the report read (${workers} thread${workers === 1 ? '' : 's'})`, async () => {
      const catalog = await loadCatalog(path.join(repoRoot, 'controls.example.yaml'));
      const seen: AuditProgress[] = [];
      const report = await runAudit(catalog, { asOf: new Date('2026-11-01T00:00:00Z'), warnDays: 30, workers, onProgress: (progress) => seen.push(progress) });
      const read = report.sources.filter((source) => source.status !== 'unused');
      const files = read.reduce((total, source) => total + source.files.length, 0);
      const records = read.reduce((total, source) => total + source.records + (source.duplicates ?? 0), 0);
      expect(seen.length).toBeGreaterThan(read.length);
      expect(seen.at(-1)).toEqual({ files, records });
      seen.slice(1).forEach((progress, index) => {
        expect(progress.files).toBeGreaterThanOrEqual(seen[index]?.files ?? 0);
        expect(progress.records).toBeGreaterThanOrEqual(seen[index]?.records ?? 0);
      });
    });
  }

  it('runs the same without a callback', async () => {
    const catalog = await loadCatalog(path.join(repoRoot, 'controls.example.yaml'));
    const options = { asOf: new Date('2026-11-01T00:00:00Z'), warnDays: 30, workers: 1 };
    const withCallback = await runAudit(catalog, { ...options, onProgress: () => undefined });
    expect(await runAudit(catalog, options)).toEqual(withCallback);
  });
});
