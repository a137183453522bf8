import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors.js';
import adapter, { readUserFast, type AuthorizationDetails } from '../../../../src/providers/aws/sources/iam-authorization-details.js';
import type { ChunkedFile, SourceText } from '../../../../src/kit/define-source.js';
import { readExportFile } from '../../../../src/kit/files/read-file.js';
import { thrownUserError } from '../../../support/errors.js';
import { fixturesDir } from '../../../support/paths.js';

const FIXTURES = fixturesDir;

async function fixture(relative: string): Promise<SourceText> {
  return (await readExportFile(path.join(FIXTURES, relative), { base: FIXTURES })).text;
}

async function readFixture(relative: string): Promise<AuthorizationDetails> {
  const [details] = adapter.read([await fixture(relative)]);
  if (!details) throw new Error('the adapter returned no record');
  return details;
}

const userErrorOf = (files: SourceText[]): UserError => thrownUserError(() => adapter.read(files));

const source = (text: string): SourceText => ({ display: 'exports/iam.json', text });

function byName<T extends { name: string }>(list: readonly T[], name: string): T {
  const found = list.find((item) => item.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('aws/iam-authorization-details: CLI v2 export (+00:00, documents as objects)', async () => {
  const details = await readFixture('aws/iam-authorization-details.json');

  it('reads one record per file with every list', () => {
    expect(details.file).toBe('aws/iam-authorization-details.json');
    expect(details.users.map((user) => user.name)).toEqual(['alice', 'bob', 'carol', 'dana', 'erin', 'ci-deploy', 'legacy-etl', 'svc-backup']);
    expect(details.groups.map((group) => group.name)).toEqual(['admins', 'ci', 'developers', 'readonly']);
    expect(details.roles.map((role) => role.name)).toEqual(['AWSServiceRoleForSupport', 'app-server', 'audit-readonly', 'deploy', 'old-migration']);
    expect(details.policies).toHaveLength(8);
  });

  it('normalises a user: dates, groups, attached and inline policies, boundary, tags', () => {
    const bob = byName(details.users, 'bob');
    expect(bob).toMatchObject({
      kind: 'user',
      id: 'AIDAEXAMPLEBOB000002',
      arn: 'arn:aws:iam::210987654321:user/bob',
      path: '/',
      groupNames: ['developers'],
      attachedPolicies: [{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
      inlinePolicies: [],
      permissionsBoundaryArn: null,
      tags: [],
    });
    expect(bob.createDate.toISOString()).toBe('2022-08-29T13:40:02.000Z');
    expect(byName(details.users, 'alice').tags).toEqual([{ key: 'team', value: 'platform' }]);
    expect(byName(details.users, 'svc-backup').permissionsBoundaryArn).toBe('arn:aws:iam::210987654321:policy/service-user-boundary');
    expect(byName(details.users, 'legacy-etl').inlinePolicies).toEqual([
      {
        name: 'etl-s3-read',
        document: {
          version: '2012-10-17',
          statements: [
            {
              sid: 'ReadRawZone',
              effect: 'Allow',
              actions: ['s3:GetObject', 's3:ListBucket'],
              notActions: [],
              resources: ['arn:aws:s3:::example-raw-zone', 'arn:aws:s3:::example-raw-zone/*'],
              notResources: [],
              principal: null,
              notPrincipal: null,
              conditions: {},
            },
          ],
        },
      },
    ]);
  });

  it('normalises roles: last use, RoleLastUsed {}, service-linked path, trust policy, instance profiles', () => {
    const deploy = byName(details.roles, 'deploy');
    expect(deploy.lastUsed?.toISOString()).toBe('2026-10-30T16:21:45.000Z');
    expect(deploy.lastUsedRegion).toBe('eu-west-1');
    expect(deploy.serviceLinked).toBe(false);
    expect(deploy.trustPolicy.statements[0]?.principal).toEqual({ AWS: ['arn:aws:iam::109876543210:root'] });
    const support = byName(details.roles, 'AWSServiceRoleForSupport');
    expect(support).toMatchObject({ serviceLinked: true, lastUsed: null, lastUsedRegion: null, path: '/aws-service-role/support.amazonaws.com/' });
    expect(byName(details.roles, 'app-server').instanceProfileNames).toEqual(['app-server']);
    expect(byName(details.roles, 'old-migration').trustPolicy.statements[0]?.conditions).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } });
  });

  it('keeps only the default version of a managed policy', () => {
    const ci = byName(details.policies, 'ci-artifacts');
    expect(ci).toMatchObject({ awsManaged: false, defaultVersionId: 'v2', attachmentCount: 1 });
    expect(ci.document?.statements.map((statement) => statement.sid)).toEqual(['Artifacts', 'Images', 'Login']);
    expect(byName(details.policies, 'AdministratorAccess')).toMatchObject({ awsManaged: true, document: { statements: [{ actions: ['*'], resources: ['*'] }] } });
    expect(byName(details.policies, 'PowerUserAccess').document?.statements[0]?.notActions).toEqual(['iam:*', 'organizations:*', 'account:*']);
  });
});

describe('aws/iam-authorization-details: CLI v1 export (Z, one URL-encoded document)', async () => {
  const details = await readFixture('aws/v1/iam-authorization-details.json');

  it('reads Z timestamps', () => {
    expect(byName(details.users, 'alice').createDate.toISOString()).toBe('2021-04-12T09:15:33.000Z');
    expect(byName(details.roles, 'old-migration').lastUsed?.toISOString()).toBe('2025-03-14T10:41:07.000Z');
  });

  it('decodes the URL-encoded trust policy to the same document as the v2 object', async () => {
    const v2 = await readFixture('aws/iam-authorization-details.json');
    expect(byName(details.roles, 'old-migration').trustPolicy).toEqual(byName(v2.roles, 'old-migration').trustPolicy);
  });
});

describe('aws/iam-authorization-details: other shapes', () => {
  const minimalRole = {
    Path: '/',
    RoleName: 'r',
    RoleId: 'AROAEXAMPLE000000001',
    Arn: 'arn:aws:iam::210987654321:role/r',
    CreateDate: 1600721892,
    AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
    RolePolicyList: [],
    AttachedManagedPolicies: [],
    RoleLastUsed: { LastUsedDate: 1700000000.5, Region: 'us-east-1' },
  };

  it('tolerates a group whose AttachedManagedPolicies is one object (the CLI documentation example)', () => {
    const group = {
      GroupId: 'AGPAEXAMPLE000000001',
      AttachedManagedPolicies: { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      GroupName: 'Admins',
      Path: '/',
      Arn: 'arn:aws:iam::210987654321:group/Admins',
      CreateDate: '2013-10-14T18:32:24Z',
      GroupPolicyList: [],
    };
    const [details] = adapter.read([source(JSON.stringify({ GroupDetailList: [group] }))]);
    expect(details?.groups[0]?.attachedPolicies).toEqual([{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]);
    expect(details?.users).toEqual([]);
  });

  it('reads epoch-second timestamps and JSON-string documents (wire format, other producers)', () => {
    const [details] = adapter.read([source(JSON.stringify({ RoleDetailList: [minimalRole] }))]);
    expect(details?.roles[0]?.createDate.toISOString()).toBe('2020-09-21T20:58:12.000Z');
    expect(details?.roles[0]?.lastUsed?.toISOString()).toBe('2023-11-14T22:13:20.500Z');
    expect(details?.roles[0]?.trustPolicy).toEqual({ version: '2012-10-17', statements: [] });
  });

  it('reads a policy whose default version is missing from the list as document null', () => {
    const policy = {
      PolicyName: 'p',
      PolicyId: 'ANPAEXAMPLE000000001',
      Arn: 'arn:aws:iam::210987654321:policy/p',
      Path: '/',
      DefaultVersionId: 'v3',
      CreateDate: '2024-01-01T00:00:00+00:00',
      PolicyVersionList: [{ Document: { Statement: [] }, VersionId: 'v1', IsDefaultVersion: false, CreateDate: '2024-01-01T00:00:00+00:00' }],
    };
    const [details] = adapter.read([source(JSON.stringify({ Policies: [policy] }))]);
    expect(details?.policies[0]?.document).toBeNull();
  });

  it('reads several files (one per account) into one record each', () => {
    const records = adapter.read([source('{"UserDetailList": []}'), { display: 'b.json', text: '{"Policies": []}' }]);
    expect(records.map((record) => record.file)).toEqual(['exports/iam.json', 'b.json']);
  });
});

describe('aws/iam-authorization-details: errors', () => {
  it('malformed JSON: file:line:col of the missing comma', async () => {
    const error = userErrorOf([await fixture('aws/bad/iam-authorization-details.json')]);
    expect(error.located).toBe(
      `${path.join(FIXTURES, 'aws/bad/iam-authorization-details.json')}:13:13: Invalid JSON: expected "," or "}" after the property value, found "\\""`,
    );
    expect(error.hint).toMatch(/aws iam get-account-authorization-details --output json/);
  });

  it('empty file', async () => {
    const error = userErrorOf([await fixture('aws/bad/iam-authorization-details-empty.json')]);
    expect(error.message).toBe('File is empty: expected the JSON output of aws iam get-account-authorization-details');
    expect(error.position?.line).toBe(1);
  });

  it('a CLI NextToken (--max-items) is a partial export, reported at the key', () => {
    const error = userErrorOf([source('{\n  "UserDetailList": [],\n  "NextToken": "eyJNYXJrZXIiOiBudWxsfQ=="\n}')]);
    expect(error.located).toBe('exports/iam.json:3:16: Partial export: the file has "NextToken", so the export stopped before the last page');
    expect(error.hint).toMatch(/without --max-items/);
  });

  it('IsTruncated: true (a raw API page) is a partial export', () => {
    const error = userErrorOf([source('{"UserDetailList": [], "IsTruncated": true, "Marker": "EXAMPLEkakv9"}')]);
    expect(error.located).toBe('exports/iam.json:1:39: Partial export: the file has "IsTruncated", so the export stopped before the last page');
  });

  it('IsTruncated: false is a complete export', () => {
    expect(adapter.read([source('{"UserDetailList": [], "IsTruncated": false}')])[0]?.users).toEqual([]);
  });

  it('another document (an empty object, an array) is refused naming what was expected', () => {
    expect(userErrorOf([source('{}')]).message).toBe(
      'Expected get-account-authorization-details output with UserDetailList, GroupDetailList, RoleDetailList, Policies; found an empty object',
    );
    expect(userErrorOf([source('[]')]).message).toMatch(/found an array$/);
  });

  it('a bad timestamp is reported at its line:col with its path', () => {
    const role = { Path: '/', RoleName: 'r', RoleId: 'AROAEXAMPLE000000001', Arn: 'arn:aws:iam::210987654321:role/r', CreateDate: 'yesterday' };
    const error = userErrorOf([source(JSON.stringify({ RoleDetailList: [role] }, null, 2))]);
    expect(error.located).toBe(
      'exports/iam.json:8:21: RoleDetailList[0].CreateDate: expected a timestamp (ISO 8601 like 2024-03-05T14:22:07+00:00 or 2024-03-05 14:22:07+00:00, or epoch seconds), found "yesterday"',
    );
  });

  it('a missing identity field is reported at the enclosing object', () => {
    const error = userErrorOf([source('{"RoleDetailList": [\n  {"RoleName": "r"}\n]}')]);
    expect(error.located).toBe('exports/iam.json:2:3: RoleDetailList[0].RoleId: missing (expected string)');
  });

  it('a bad policy document in an inline policy is reported at the statement field', () => {
    const user = {
      Path: '/',
      UserName: 'u',
      UserId: 'AIDAEXAMPLE000000001',
      Arn: 'arn:aws:iam::210987654321:user/u',
      CreateDate: '2024-01-01T00:00:00Z',
      UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] } }],
    };
    const error = userErrorOf([source(JSON.stringify({ UserDetailList: [user] }, null, 2))]);
    expect(error.located).toBe(
      'exports/iam.json:15:27: UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0].Effect: invalid policy document: expected "Allow" or "Deny", found "Permit"',
    );
  });

  it('a bad default policy version is reported inside PolicyVersionList', () => {
    const policy = {
      PolicyName: 'p',
      PolicyId: 'ANPAEXAMPLE000000001',
      Arn: 'arn:aws:iam::210987654321:policy/p',
      Path: '/',
      DefaultVersionId: 'v1',
      CreateDate: '2024-01-01T00:00:00+00:00',
      PolicyVersionList: [{ Document: '%7B%22Statement', VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2024-01-01T00:00:00+00:00' }],
    };
    const error = userErrorOf([source(JSON.stringify({ Policies: [policy] }))]);
    expect(error.message).toMatch(/^Policies\[0\]\.PolicyVersionList\[0\]\.Document: invalid policy document: the URL-encoded policy document is not valid JSON/);
  });
});

/** `text` as the engine hands a file read in chunks of `size` bytes. */
function chunkedFile(text: string, size: number, display = 'exports/iam.json'): ChunkedFile {
  const bytes = Buffer.from(text, 'utf8');
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
  }
  return { display, path: display, chunks: chunks() };
}

async function readInChunks(text: string, size: number): Promise<AuthorizationDetails[]> {
  if (!adapter.readChunks) throw new Error('the adapter reads no chunks');
  return adapter.readChunks(chunkedFile(text, size));
}

async function chunkedErrorOf(text: string, size: number): Promise<UserError> {
  const error: unknown = await readInChunks(text, size).then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

describe('aws/iam-authorization-details: read in chunks (files too large to hold as text)', () => {
  it.each(['aws/iam-authorization-details.json', 'aws/v1/iam-authorization-details.json'])('reads %s into the same record as reading it whole, however it is cut', async (relative) => {
    const { text } = await fixture(relative);
    const whole = adapter.read([source(text)]);
    for (const size of [1, 3, 64, 4096, text.length]) expect(await readInChunks(text, size), `chunks of ${size}`).toEqual(whole);
  });

  it('reads empty lists, other members and a byte order mark as reading whole does', async () => {
    const text = '\uFEFF{"UserDetailList": [], "Marker": null, "IsTruncated": false, "Other": [1, {"a": [2]}], "Policies": []}';
    expect(await readInChunks(text, 5)).toEqual(adapter.read([source(text.slice(1))]));
  });

  it.each([
    ['a missing comma inside an element', '{\n  "UserDetailList": [\n    {"UserName": "u" "UserId": "x"}\n  ]\n}'],
    ['a missing comma between members', '{\n  "UserDetailList": []\n  "Policies": []\n}'],
    ['a NextToken', '{\n  "UserDetailList": [],\n  "NextToken": "eyJNYXJrZXIiOiBudWxsfQ=="\n}'],
    ['IsTruncated: true', '{"UserDetailList": [], "IsTruncated": true, "Marker": "EXAMPLEkakv9"}'],
    ['a missing identity field', '{"RoleDetailList": [\n  {"RoleName": "r"}\n]}'],
    ['a bad timestamp deep in a one-line file', `{"Other": "${'é'.repeat(3000)}", "RoleDetailList": [{"Path": "/", "RoleName": "r", "RoleId": "AROA", "Arn": "arn:aws:iam::210987654321:role/r", "CreateDate": "yesterday"}]}`],
    ['a list that is not an array', '{\n  "UserDetailList": {"UserName": "u"}\n}'],
    ['an empty object', '{}'],
    ['a file cut short', '{\n  "UserDetailList": [\n    {"UserName": "u"'],
  ])('refuses %s at the same place and with the same message as reading whole', async (_name, text) => {
    const whole = userErrorOf([source(text)]);
    for (const size of [1, 7, text.length]) expect((await chunkedErrorOf(text, size)).located, `chunks of ${size}`).toBe(whole.located);
  });

  it('refuses the malformed fixture at the same place as reading it whole', async () => {
    const { text } = await fixture('aws/bad/iam-authorization-details.json');
    expect((await chunkedErrorOf(text, 16)).located).toBe(userErrorOf([source(text)]).located);
  });

  it('refuses two equal top-level keys, which reading whole would merge', async () => {
    const error = await chunkedErrorOf('{"UserDetailList": [],\n "UserDetailList": []}', 4);
    expect(error.located).toBe('exports/iam.json:2:2: Expected each top-level key once, found "UserDetailList" twice');
  });
});

describe('aws/iam-authorization-details: users read without zod', () => {
  const base = {
    Path: '/',
    UserName: 'u',
    UserId: 'AIDAEXAMPLE000000001',
    Arn: 'arn:aws:iam::210987654321:user/u',
    CreateDate: '2024-01-01T00:00:00Z',
    GroupList: ['admins'],
    UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } } }],
    AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: 'arn:aws:iam::210987654321:policy/b' },
    Tags: [{ Key: 'team', Value: 'ops' }],
  };
  const variants: Record<string, unknown>[] = [base];
  const odd = [undefined, null, 'x', 7, true, [], {}, ['x'], [{}], [null], { PolicyName: 'p', PolicyArn: 'a' }, '2024-01-01 00:00:00+00:00', 1600721892, '%7B%7D'];
  for (const key of Object.keys(base)) for (const value of odd) variants.push({ ...base, [key]: value });
  variants.push({ ...base, UserPolicyList: [{ PolicyName: 'p', PolicyDocument: encodeURIComponent(JSON.stringify({ Statement: [] })) }] });
  variants.push({ ...base, UserPolicyList: [{ PolicyName: 'p' }] });

  it('gives exactly what the schema gives, or leaves the element to it', async () => {
    const { text } = await fixture('aws/iam-authorization-details.json');
    const users: unknown = JSON.parse(text).UserDetailList;
    const all = [...(Array.isArray(users) ? users : []), ...variants];
    let fast = 0;
    for (const user of all) {
      const viaZod = (() => {
        try {
          return adapter.read([source(JSON.stringify({ UserDetailList: [user] }))])[0]?.users[0];
        } catch {
          return undefined;
        }
      })();
      const quick = readUserFast(user);
      if (quick !== undefined) fast += 1;
      if (quick !== undefined || viaZod === undefined) expect(quick, JSON.stringify(user)).toEqual(viaZod);
    }
    expect(all.length).toBeGreaterThan(140);
    expect(fast).toBeGreaterThan(20);
  });
});
