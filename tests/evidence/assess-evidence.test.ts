import { afterAll, describe, expect, it } from 'vitest';
import type { EvidenceSpec } from '../../src/catalog/schema.js';
import { assessEvidenceItem, existsVerdict } from '../../src/evidence/assess-evidence.js';
import { hashDocuments } from '../../src/evidence/hash-documents.js';
import type { EvidenceResult } from '../../src/report/model.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

const at = (text: string): Date => new Date(text.length === 10 ? `${text}T00:00:00Z` : text);

const ticket: EvidenceSpec = { kind: 'record', title: 'MFA enforcement change ticket', ref: 'CHG-4411', date: '2026-01-01', max_age: '90d' };
const policy: EvidenceSpec = { kind: 'document', title: 'MFA standard', path: 'mfa-standard.md', date: '2026-03-15', max_age: '6mo' };

afterAll(removeTempDirs);

// Strictly equal: a field of another kind of item is absent, not a key holding undefined.
describe('assessEvidenceItem', () => {
  it('is fresh within max_age, and says until when', () => {
    expect(assessEvidenceItem(ticket, at('2026-02-15'))).toStrictEqual({
      kind: 'record',
      title: 'MFA enforcement change ticket',
      ref: 'CHG-4411',
      status: 'fresh',
      date: '2026-01-01',
      max_age: '90d',
      fresh_until: '2026-04-01',
    });
  });

  it('stays fresh through the whole last day, and is stale the day after', () => {
    expect(assessEvidenceItem(ticket, at('2026-04-01')).status).toBe('fresh');
    expect(assessEvidenceItem(ticket, at('2026-04-01T23:59:59Z')).status).toBe('fresh');
    expect(assessEvidenceItem(ticket, at('2026-04-02'))).toMatchObject({
      status: 'stale',
      fresh_until: '2026-04-01',
      reason: 'older than 90d since 2026-04-01',
    });
  });

  it('adds calendar months for `6mo`, not a fixed number of days', () => {
    const document = { path: 'fixtures/evidence/mfa-standard.md', sha256: 'a'.repeat(64) };
    // 2026-03-15 + 6 months is 2026-09-15 (184 days later; 6 × 30 days would end on 2026-09-11).
    expect(assessEvidenceItem(policy, at('2026-09-15'), document)).toMatchObject({ status: 'fresh', fresh_until: '2026-09-15' });
    expect(assessEvidenceItem(policy, at('2026-09-16'), document)).toMatchObject({ status: 'stale', fresh_until: '2026-09-15' });
  });

  it('adds weeks and years for `12w` and `1y`', () => {
    expect(assessEvidenceItem({ ...ticket, max_age: '12w' }, at('2026-03-26')).fresh_until).toBe('2026-03-26');
    expect(assessEvidenceItem({ ...ticket, max_age: '1y' }, at('2026-06-01')).fresh_until).toBe('2027-01-01');
  });

  it('clamps month ends: 2026-08-31 + 6mo is fresh until 2027-02-28', () => {
    const item = { kind: 'record' as const, title: 'Pen test report', ref: 'PT-1', date: '2026-08-31', max_age: '6mo' };
    expect(assessEvidenceItem(item, new Date('2027-02-28T12:00:00Z'))).toMatchObject({ status: 'fresh', fresh_until: '2027-02-28' });
    expect(assessEvidenceItem(item, new Date('2027-03-01T00:00:00Z'))).toMatchObject({ status: 'stale' });
    expect(assessEvidenceItem({ ...item, date: '2028-02-29', max_age: '1y' }, new Date('2029-02-28T00:00:00Z')).fresh_until).toBe('2029-02-28');
  });

  it('records the path and sha256 of a document found on disk', () => {
    const document = { path: 'fixtures/evidence/mfa-standard.md', sha256: 'b'.repeat(64) };
    expect(assessEvidenceItem(policy, at('2026-04-01'), document)).toStrictEqual({
      kind: 'document',
      title: 'MFA standard',
      status: 'fresh',
      path: 'fixtures/evidence/mfa-standard.md',
      sha256: 'b'.repeat(64),
      date: '2026-03-15',
      max_age: '6mo',
      fresh_until: '2026-09-15',
    });
  });

  it('is missing when the document is not on disk, however fresh its date', () => {
    expect(assessEvidenceItem(policy, at('2026-04-01'), undefined)).toStrictEqual({
      kind: 'document',
      title: 'MFA standard',
      status: 'missing',
      path: 'mfa-standard.md',
      date: '2026-03-15',
      max_age: '6mo',
      reason: 'document not found: mfa-standard.md',
    });
  });

  it('is missing when the item has no date', () => {
    const undated: EvidenceSpec = { kind: 'record', title: 'MFA enforcement change ticket', ref: 'CHG-4411', max_age: '90d' };
    expect(assessEvidenceItem(undated, at('2026-02-15'))).toStrictEqual({
      kind: 'record',
      title: 'MFA enforcement change ticket',
      ref: 'CHG-4411',
      status: 'missing',
      max_age: '90d',
      reason: 'no date: the item cannot be shown to exist at a point in time',
    });
  });

  it('names who attested an attestation', () => {
    const attestation: EvidenceSpec = { kind: 'attestation', title: 'Q3 access review', by: 'ciso@example.com', date: '2026-10-05', max_age: '3mo' };
    expect(assessEvidenceItem(attestation, at('2026-11-01'))).toMatchObject({ by: 'ciso@example.com', status: 'fresh', fresh_until: '2027-01-05' });
  });
});

describe('hashDocuments', () => {
  it('hashes each document file under the evidence root, and leaves absent ones out', async () => {
    const root = await tempTree({ 'policies/mfa-standard.md': 'hello\n' });
    const documents = await hashDocuments(
      [
        { ...policy, path: 'policies/mfa-standard.md' },
        { ...policy, path: 'policies/absent.md' },
        ticket,
      ],
      root,
    );

    expect([...documents.keys()]).toEqual(['policies/mfa-standard.md']);
    // sha256 of the six bytes "hello\n".
    expect(documents.get('policies/mfa-standard.md')?.sha256).toBe('5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03');
  });
});

describe('existsVerdict', () => {
  const item = (status: EvidenceResult['status']): EvidenceResult => ({ kind: 'record', title: 't', status, max_age: '1y' });

  it.each([
    { statuses: [], exists: 'none' },
    { statuses: ['fresh'], exists: 'evidenced' },
    { statuses: ['fresh', 'fresh'], exists: 'evidenced' },
    { statuses: ['fresh', 'stale'], exists: 'stale' },
    { statuses: ['stale', 'missing'], exists: 'missing' },
    { statuses: ['missing', 'fresh'], exists: 'missing' },
  ] as const)('$statuses → $exists', ({ statuses, exists }) => {
    expect(existsVerdict(statuses.map(item))).toBe(exists);
  });
});
