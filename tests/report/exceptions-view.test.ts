import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { exceptionsByDate, exceptionsOfRun } from '../../src/report/exceptions-view.js';
import { sampleReport } from '../formatters/sample-report.js';
import { MFA_CONTROL } from '../support/catalog-text.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const exception = (id: string, approved: string, expires: string): string => `  - id: ${id}
    control: IAM-02
    reason: hardware token on order
    risk: high
    owner: it-identity@example.com
    approved_by: ciso@example.com
    approved: ${approved}
    expires: ${expires}
`;

// Three exceptions by date at 2026-11-01: one ends within 30 days, one ended, one runs past max_exception_days.
const CATALOG = `version: 1
name: Exceptions by date
controls:
${MFA_CONTROL}exceptions:
${exception('EX-SOON', '2026-10-01', '2026-11-20')}${exception('EX-OVER', '2026-01-01', '2026-09-30')}${exception('EX-LONG', '2026-10-01', '2028-10-01')}`;

describe('exceptionsByDate', () => {
  it('gives each exception its status by date, counts and tiers, and the catalog warnings, without reading data', async () => {
    const dir = await tempTree({ 'controls.yaml': CATALOG });
    const catalog = await loadCatalog(path.join(dir, 'controls.yaml'));
    const view = exceptionsByDate(catalog, new Date('2026-11-01T00:00:00Z'), 30);
    const { exceptions, ...rest } = view;
    expect(rest).toStrictEqual({
      schema: 'controlproof/exceptions@1',
      catalog: { path: 'controls.yaml', name: 'Exceptions by date', sha256: createHash('sha256').update(readFileSync(path.join(dir, 'controls.yaml'))).digest('hex') },
      as_of: '2026-11-01T00:00:00.000Z',
      warn_days: 30,
      ran_tests: false,
      summary: {
        exceptions: { active: 1, expiring: 1, expired: 1, unused: 0 },
        exception_tiers: [{ risk: 'high', count: 3, median_age_days: 31, oldest_age_days: 304, expired: 1, expiring: 1, active: 1, unused: 0 }],
      },
      warnings: [
        {
          message: 'controls.yaml:33:14: Exception EX-LONG is valid for 731 days, longer than max_exception_days (365)',
          hint: 'Shorten it and review it again when it ends, or raise max_exception_days deliberately.',
        },
      ],
    });
    expect(exceptions.map(({ id, status, matched }) => ({ id, status, matched }))).toEqual([
      { id: 'EX-SOON', status: 'expiring', matched: [] },
      { id: 'EX-OVER', status: 'expired', matched: [] },
      { id: 'EX-LONG', status: 'active', matched: [] },
    ]);
  });
});

describe('exceptionsOfRun', () => {
  it('takes the statuses of the run, and warns about each source that could not be read', () => {
    const view = exceptionsOfRun(sampleReport);
    expect(view).toStrictEqual({
      schema: 'controlproof/exceptions@1',
      catalog: sampleReport.catalog,
      as_of: sampleReport.as_of,
      warn_days: 30,
      ran_tests: true,
      summary: { exceptions: { active: 1, expiring: 1, expired: 1, unused: 1 }, exception_tiers: sampleReport.summary.exception_tiers },
      exceptions: sampleReport.exceptions,
      warnings: [
        ...sampleReport.warnings,
        {
          message: 'Source "github-branch-protection" could not be read: no files match exports/github/branch-protection-*.json',
          hint: 'Exceptions of the controls that read it match nothing, so they show as unused; fix the source, or use --no-data.',
        },
      ],
    });
  });

  it('says so when an unreadable source has no error text', () => {
    const sources = sampleReport.sources.map(({ error: _error, ...source }) => source);
    expect(exceptionsOfRun({ ...sampleReport, sources }).warnings.at(-1)?.message).toBe('Source "github-branch-protection" could not be read: unknown error');
  });
});
