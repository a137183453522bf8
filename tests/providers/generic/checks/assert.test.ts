import { describe, expect, it } from 'vitest';
import check from '../../../../src/providers/generic/checks/assert.js';
import { CheckTester } from '../../../../src/testing/index.js';

/** One `aws iam get-account-authorization-details` export, as the json source yields it: one record per file. */
const authorizationDetails = {
  UserDetailList: [
    {
      UserName: 'dana',
      UserId: 'AIDAEXAMPLEDANA00001',
      Path: '/',
      Arn: 'arn:aws:iam::210987654321:user/dana',
      CreateDate: '2023-05-02T09:30:00+00:00',
      GroupList: ['admins'],
      UserPolicyList: [],
      AttachedManagedPolicies: [],
      Tags: [],
    },
    {
      UserName: 'ci-bot',
      UserId: 'AIDAEXAMPLECIBOT0001',
      Path: '/',
      Arn: 'arn:aws:iam::210987654321:user/ci-bot',
      CreateDate: '2022-11-14T12:00:00+00:00',
      GroupList: [],
      UserPolicyList: [],
      AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
      Tags: [],
    },
  ],
  GroupDetailList: [],
  RoleDetailList: [],
  Policies: [],
  IsTruncated: false,
};

const permissionsThroughGroups = {
  each: '[].UserDetailList[]',
  id: 'Arn',
  expect: 'length(AttachedManagedPolicies) == `0` && length(UserPolicyList) == `0`',
  message: 'user {{UserName}} has policies attached directly: {{AttachedManagedPolicies[].PolicyName}}',
  description: 'IAM users receive permissions only through groups',
};

/** HR terminations CSV rows, as the csv source yields them (every value a string). */
const terminations = [
  { employee_id: 'E1001', email: 'lee@example.org', status: 'terminated', termination_date: '2025-01-17' },
  { employee_id: 'E1002', email: 'kim@example.org', status: 'active', termination_date: '' },
  { employee_id: 'E1003', email: 'ash@example.org', status: 'terminated', termination_date: '' },
];

new CheckTester(check).run({
  pass: [
    {
      name: 'every user gets permissions through groups',
      records: [{ ...authorizationDetails, UserDetailList: authorizationDetails.UserDetailList.slice(0, 1) }],
      params: permissionsThroughGroups,
      examined: 1,
    },
    {
      name: 'zero is truthy in JMESPath',
      records: [{ id: 'a', count: 0 }],
      params: { each: '[]', id: 'id', expect: 'count', message: '{{id}} has no count' },
      examined: 1,
    },
    {
      name: 'each selects csv rows by filter',
      records: terminations,
      params: { each: "[?status == 'active']", id: 'email', expect: "termination_date == ''", message: '{{email}} is active but has a termination date' },
      examined: 1,
    },
  ],
  fail: [
    {
      name: 'a user with a directly attached policy, placeholders filled',
      records: [authorizationDetails],
      params: permissionsThroughGroups,
      examined: 2,
      findings: [
        { resource: 'arn:aws:iam::210987654321:user/ci-bot', message: 'user ci-bot has policies attached directly: ["AdministratorAccess"]' },
      ],
    },
    {
      name: 'false, null, empty string, array and object are falsy',
      records: [
        { id: 'false', v: false },
        { id: 'null', v: null },
        { id: 'empty-string', v: '' },
        { id: 'empty-array', v: [] },
        { id: 'empty-object', v: {} },
        { id: 'missing' },
        { id: 'true', v: true },
        { id: 'text', v: 'x' },
        { id: 'array', v: [0] },
        { id: 'object', v: { a: null } },
      ],
      params: { each: '[]', id: 'id', expect: 'v', message: '{{id}}: v is {{v}}' },
      examined: 10,
      findings: [
        { resource: 'false', message: 'false: v is false' },
        { resource: 'null', message: 'null: v is null' },
        { resource: 'empty-string', message: 'empty-string: v is ' },
        { resource: 'empty-array', message: 'empty-array: v is []' },
        { resource: 'empty-object', message: 'empty-object: v is {}' },
        { resource: 'missing', message: 'missing: v is null' },
      ],
    },
    {
      name: 'a field lookup reads the record only, never what every object inherits',
      records: [{ id: 'plain' }, { id: 'own', constructor: 'set', toString: 'x' }],
      params: { each: '[]', id: 'id', expect: 'constructor || toString || __proto__ || hasOwnProperty', message: '{{id}}: {{constructor}}' },
      examined: 2,
      findings: [{ resource: 'plain', message: 'plain: null' }],
    },
    {
      name: 'terminated people need a termination date; a numeric id and a repeated placeholder',
      records: terminations.map((row, index) => ({ ...row, row: index + 1 })),
      params: {
        each: "[?status == 'terminated']",
        id: 'row',
        expect: 'termination_date',
        message: '{{ email }} is {{status}} without a termination date ({{email}}, {{ employee_id }})',
      },
      examined: 2,
      findings: [{ resource: '3', message: 'ash@example.org is terminated without a termination date (ash@example.org, E1003)' }],
    },
  ],
  vacuous: [
    { name: 'no records', records: [], params: permissionsThroughGroups },
    { name: 'each selects nothing', records: terminations, params: { each: "[?status == 'leave']", id: 'email', expect: 'email', message: '{{email}}' } },
  ],
});

const asOf = new Date('2026-11-01T00:00:00Z');

function runAssert(records: readonly unknown[], raw: Record<string, unknown>) {
  if (check.kind !== 'batch') throw new Error('assert reads its records whole');
  return check.run({ inputs: { records }, params: check.params.parse(raw), asOf });
}

function issuesOf(raw: Record<string, unknown>) {
  return check.params.safeParse(raw).error?.issues.map((issue) => [issue.path, issue.message]);
}

describe('assert params', () => {
  it('rejects a bad expression at its key, with the parse error', () => {
    expect(issuesOf({ ...permissionsThroughGroups, each: '[].UserDetailList[', expect: 'length(' })).toEqual([
      [['each'], 'Invalid JMESPath expression "[].UserDetailList[" in each: Syntax error: expected Star, got: EOF'],
      [['expect'], 'Invalid JMESPath expression "length(" in expect: Syntax error: invalid token (EOF): ""'],
    ]);
  });

  it('rejects a bad placeholder in the message at the message key', () => {
    expect(issuesOf({ ...permissionsThroughGroups, message: 'user {{UserName}} in {{Group List}}' })).toEqual([
      [['message'], 'Invalid JMESPath expression "{{Group List}}" in message: Syntax error: unexpected token type: UnquotedIdentifier, value: List'],
    ]);
  });

  it('requires each, id, expect and message and rejects unknown keys', () => {
    expect(check.params.safeParse({ each: '[]', expect: 'a', message: 'x', severity: 'high' }).error?.issues.map((issue) => issue.code)).toEqual([
      'invalid_type',
      'unrecognized_keys',
    ]);
  });
});

describe('assert errors', () => {
  it('throws when each does not yield an array', () => {
    expect(() => runAssert([authorizationDetails], { ...permissionsThroughGroups, each: '[0].IsTruncated' })).toThrow(
      '"each" expression "[0].IsTruncated" yielded a boolean (false), expected an array of items',
    );
  });

  it('throws when id does not yield a string or number', () => {
    expect(() => runAssert([authorizationDetails], { ...permissionsThroughGroups, id: 'UserArn' })).toThrow(
      '"id" expression "UserArn" yielded null for item 0, expected a non-empty string or a number',
    );
  });

  it('throws with the expression when a function gets the wrong type', () => {
    expect(() => runAssert([{ id: 'a', n: 'x' }], { each: '[]', id: 'id', expect: 'abs(n)', message: '{{id}}' })).toThrow(
      'expression "abs(n)" failed: Invalid type: abs() expected argument 1 to be type (number) but received type string instead.',
    );
  });

  it('throws on records that are not JSON data', () => {
    expect(() => runAssert([{ when: new Date(0) }], { each: '[]', id: 'id', expect: 'when', message: 'x' })).toThrow(
      'record 0 holds a value that is not JSON data',
    );
  });
});
