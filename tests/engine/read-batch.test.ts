import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { LoadedCatalog, LoadedSource } from '../../src/catalog/model.js';
import { readBatchSources, ViewRecords } from '../../src/engine/read-batch.js';
import type { BatchSource } from '../../src/kit/define-source.js';
import { CREDS_SOURCE, MFA_CONTROL } from '../support/catalog-text.js';
import { fixturesDir } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

const CATALOG = `version: 1
name: Read batch
sources:
${CREDS_SOURCE}  absent:
    type: json
    path: absent/*.json
  trail:
    type: aws/cloudtrail-logs
    path: trail/*.json
controls:
${MFA_CONTROL}`;

let catalog: LoadedCatalog;

beforeAll(async () => {
  const dir = await tempTree({ 'controls.yaml': CATALOG, 'credential-report.csv': readFileSync(path.join(fixturesDir, 'aws/credential-report.csv'), 'utf8') });
  catalog = await loadCatalog(path.join(dir, 'controls.yaml'));
});

afterAll(removeTempDirs);

function source(name: string): LoadedSource {
  const found = catalog.sources.get(name);
  if (!found) throw new Error(`no source ${name}`);
  return found;
}

describe('readBatchSources', () => {
  it('reads each source, and makes one that cannot be read an error with no files and no records, leaving the others alone', async () => {
    const read = await readBatchSources([source('creds'), source('absent')], catalog);
    expect(read.get('creds')?.result).toMatchObject({ name: 'creds', type: 'aws/iam-credential-report', status: 'ok', files: [{ path: 'credential-report.csv' }], records: 9 });
    expect(read.get('creds')?.records).toHaveLength(9);
    expect(read.get('absent')).toStrictEqual({
      result: { name: 'absent', type: 'json', status: 'error', files: [], records: 0, error: 'controls.yaml:9:11: No file matches "absent/*.json"' },
      records: [],
    });
  });

  it('refuses to read a streamed source whole', async () => {
    const read = await readBatchSources([source('trail')], catalog);
    expect(read.get('trail')?.result).toMatchObject({ status: 'error', error: 'source type "aws/cloudtrail-logs" is streamed, not read whole' });
  });
});

describe('readBatchSources: a source read in chunks', () => {
  const details = readFileSync(path.join(fixturesDir, 'aws/iam-authorization-details.json'));
  const chunkedCatalog = async (files: Record<string, string | Buffer>): Promise<LoadedCatalog> => {
    const text = `version: 1\nname: Chunks\nsources:\n  details:\n    type: aws/iam-authorization-details\n    path: details.json*\ncontrols:\n${MFA_CONTROL}`;
    const dir = await tempTree({ 'controls.yaml': text, ...files });
    return loadCatalog(path.join(dir, 'controls.yaml'));
  };
  const detailsSource = (loaded: LoadedCatalog): LoadedSource => {
    const found = loaded.sources.get('details');
    if (!found) throw new Error('no source details');
    return found;
  };

  it('reads a plain and a gzipped file in chunks into what reading them whole gives, with the facts of their bytes', async () => {
    const loaded = await chunkedCatalog({ 'details.json': details, 'details.json.gz': gzipSync(details) });
    const read = (await readBatchSources([detailsSource(loaded)], loaded)).get('details');
    const definition = detailsSource(loaded).definition;
    if (definition.kind !== 'batch') throw new Error('not a batch source');
    const whole = definition.read([{ display: 'x', text: details.toString('utf8'), path: 'details.json' }]);
    expect(read?.result).toMatchObject({ status: 'ok', records: 2, files: [{ path: 'details.json', bytes: details.length, sha256: createHash('sha256').update(details).digest('hex') }, { path: 'details.json.gz' }] });
    expect(read?.records[0]).toEqual(whole[0]);
    expect(JSON.stringify(read?.records[1])).toBe(JSON.stringify(whole[0]).replace('"file":"details.json"', '"file":"details.json.gz"'));
  });

  it('reads a file its chunked read refuses again whole, so the error is the exact one of reading whole', async () => {
    const bad = readFileSync(path.join(fixturesDir, 'aws/bad/iam-authorization-details.json'));
    const loaded = await chunkedCatalog({ 'details.json': bad });
    const read = (await readBatchSources([detailsSource(loaded)], loaded)).get('details');
    expect(read?.result.error).toBe('details.json:13:13: Invalid JSON: expected "," or "}" after the property value, found "\\""');
  });

  it('takes the records of reading whole when only the chunked read refuses the file (UTF-16 text)', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(details.toString('utf8'), 'utf16le')]);
    const loaded = await chunkedCatalog({ 'details.json': utf16 });
    const read = (await readBatchSources([detailsSource(loaded)], loaded)).get('details');
    expect(read?.result).toMatchObject({ status: 'ok', records: 1, files: [{ path: 'details.json', bytes: utf16.length }] });
  });

  it('keeps an error that is not a UserError (a bug in the reader): it is not hidden by reading whole', async () => {
    const loaded = await chunkedCatalog({ 'details.json': details });
    const real = detailsSource(loaded);
    const definition: BatchSource = { kind: 'batch', type: real.type, description: 'd', read: () => ['whole'], readChunks: () => Promise.reject(new TypeError('reader bug')) };
    const read = (await readBatchSources([{ ...real, definition }], loaded)).get('details');
    expect(read?.result).toMatchObject({ status: 'error', error: expect.stringContaining('reader bug') });
  });
});

describe('ViewRecords', () => {
  const calls: string[] = [];
  // A batch source with two views: one that counts its calls, one that throws.
  const definition: BatchSource = {
    kind: 'batch',
    type: 'test/shaped',
    description: 'a source with views for these tests',
    read: () => [],
    views: {
      'test/sizes': (records) => {
        calls.push(`sizes of ${records.length}`);
        return [records.length];
      },
      'test/throws': () => {
        throw new Error('no shape for these records');
      },
    },
  };

  async function viewRecords(): Promise<ViewRecords> {
    calls.length = 0;
    const sources = new Map([...catalog.sources, ['shaped', { ...source('creds'), name: 'shaped', type: 'test/shaped', definition }]]);
    const data = await readBatchSources([source('creds')], catalog);
    const creds = data.get('creds');
    if (!creds) throw new Error('creds not read');
    // "shaped" holds the credential report's nine records; "unread" is a source with views that was never read.
    return new ViewRecords(new Map([...sources, ['unread', { ...source('creds'), name: 'unread', type: 'test/shaped', definition }]]), new Map([...data, ['shaped', creds]]), catalog.dir);
  }

  it('shapes a source’s records once per view, however often they are asked for, and each source apart', async () => {
    const views = await viewRecords();
    const sizes = views.of('shaped', 'test/sizes');
    expect(sizes).toEqual([9]);
    expect(views.of('shaped', 'test/sizes')).toBe(sizes);
    expect(views.of('unread', 'test/sizes')).toEqual([0]);
    expect(calls).toEqual(['sizes of 9', 'sizes of 0']);
    // The credential report's eight IAM users, the root account aside.
    expect(views.of('creds', 'identity/accounts')).toHaveLength(8);
  });

  it('is the error of a view that throws, once', async () => {
    const views = await viewRecords();
    const failed = views.of('shaped', 'test/throws');
    expect(failed).toBeInstanceOf(Error);
    expect(failed instanceof Error && [failed.message, failed.cause instanceof Error ? failed.cause.message : undefined]).toEqual([
      'view test/throws of source "shaped" failed: no shape for these records',
      'no shape for these records',
    ]);
    expect(views.of('shaped', 'test/throws')).toBe(failed);
  });

  it('is an error for a view the source does not offer, a source without views, a streamed source’s view, or an unknown source', async () => {
    const views = await viewRecords();
    const message = (name: string, view: string): string | undefined => {
      const records = views.of(name, view);
      return records instanceof Error ? records.message : undefined;
    };
    expect(message('creds', 'identity/sign-ins')).toBe('view identity/sign-ins of source "creds" failed: source "creds" offers no view identity/sign-ins');
    expect(message('trail', 'identity/sign-ins')).toBe('view identity/sign-ins of source "trail" failed: source "trail" offers no view identity/sign-ins');
    expect(message('absent', 'identity/accounts')).toBe('view identity/accounts of source "absent" failed: source "absent" offers no view identity/accounts');
    expect(message('nowhere', 'identity/accounts')).toBe('view identity/accounts of source "nowhere" failed: source "nowhere" offers no view identity/accounts');
  });
});
