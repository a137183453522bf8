import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  awsTimestampSchema,
  parseAwsTimestamp,
  parsePolicyDocument,
  PolicyDocumentError,
  policyDocumentSchema,
  type PolicyStatement,
} from '../../../../src/providers/aws/lib/aws-values.js';

const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::109876543210:root' }, Action: 'sts:AssumeRole' }],
};

const TRUST_STATEMENT: PolicyStatement = {
  sid: null,
  effect: 'Allow',
  actions: ['sts:AssumeRole'],
  notActions: [],
  resources: [],
  notResources: [],
  principal: { AWS: ['arn:aws:iam::109876543210:root'] },
  notPrincipal: null,
  conditions: {},
};

function policyErrorOf(value: unknown): PolicyDocumentError {
  try {
    parsePolicyDocument(value);
  } catch (error) {
    if (error instanceof PolicyDocumentError) return error;
    throw error;
  }
  throw new Error('expected a PolicyDocumentError, nothing was thrown');
}

describe('parseAwsTimestamp', () => {
  it.each([
    ['CLI v2 query protocol (+00:00)', '2013-06-04T18:17:34+00:00', '2013-06-04T18:17:34.000Z'],
    ['CLI v2 JSON protocol (microseconds)', '2017-06-30T21:44:32.140000+00:00', '2017-06-30T21:44:32.140Z'],
    ['CLI v1 query protocol (Z)', '2013-06-04T18:17:34Z', '2013-06-04T18:17:34.000Z'],
    ['another offset', '2013-06-04T20:17:34+02:00', '2013-06-04T18:17:34.000Z'],
    ['CLI v1 JSON protocol (epoch seconds with a fraction)', 1600721892.929, '2020-09-21T20:58:12.929Z'],
    ['epoch seconds, whole', 1600721892, '2020-09-21T20:58:12.000Z'],
    ['boto3 str(datetime) (cloudsplaining download)', '2023-03-09 10:41:45+00:00', '2023-03-09T10:41:45.000Z'],
    ['boto3 str(datetime) with microseconds', '2023-03-09 10:41:45.123456+00:00', '2023-03-09T10:41:45.123Z'],
  ])('%s', (_name, value, iso) => {
    expect(parseAwsTimestamp(value)?.toISOString()).toBe(iso);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['a date without time', '2013-06-04'],
    ['an instant without a zone', '2013-06-04T18:17:34'],
    ['a Python naive datetime (no zone)', '2023-03-09 10:41:45'],
    ['an impossible date', '2013-02-30T18:17:34Z'],
    ['hour 24', '2013-06-04T24:00:00Z'],
    ['a credential-report token', 'N/A'],
    ['a negative number', -5],
    ['an object', {}],
  ])('%s → null', (_name, value) => {
    expect(parseAwsTimestamp(value)).toBeNull();
  });

  it('the zod schema says what it expected and found', () => {
    const result = z.object({ CreateDate: awsTimestampSchema }).safeParse({ CreateDate: 'yesterday' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'expected a timestamp (ISO 8601 like 2024-03-05T14:22:07+00:00 or 2024-03-05 14:22:07+00:00, or epoch seconds), found "yesterday"',
    );
    expect(result.error?.issues[0]?.path).toEqual(['CreateDate']);
  });
});

describe('parsePolicyDocument', () => {
  it('normalises an object: single values become arrays, absent ones empty', () => {
    expect(parsePolicyDocument(TRUST_POLICY)).toEqual({ version: '2012-10-17', statements: [TRUST_STATEMENT] });
  });

  it('decodes a plain JSON string', () => {
    expect(parsePolicyDocument(JSON.stringify(TRUST_POLICY))).toEqual({ version: '2012-10-17', statements: [TRUST_STATEMENT] });
  });

  it('decodes an RFC 3986 URL-encoded string, as the IAM API and non-Python SDKs return it', () => {
    const encoded = encodeURIComponent(JSON.stringify(TRUST_POLICY));
    expect(encoded.startsWith('%7B%22Version%22%3A%222012-10-17%22')).toBe(true);
    expect(parsePolicyDocument(encoded)).toEqual({ version: '2012-10-17', statements: [TRUST_STATEMENT] });
  });

  it('keeps "+" in a URL-encoded document (RFC 3986, not form encoding)', () => {
    const encoded = encodeURIComponent('{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a+b/*"}}');
    expect(parsePolicyDocument(encoded).statements[0]?.resources).toEqual(['arn:aws:s3:::a+b/*']);
  });

  it('accepts a single Statement object, NotAction/NotResource, Principal "*" and every condition value type', () => {
    const document = parsePolicyDocument({
      Statement: {
        Sid: 'DenyOutsideEu',
        Effect: 'Deny',
        NotAction: ['iam:*', 'sts:*'],
        NotResource: 'arn:aws:s3:::logs/*',
        Principal: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] }, Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:max-keys': 10 } },
      },
    });
    expect(document).toEqual({
      version: null,
      statements: [
        {
          sid: 'DenyOutsideEu',
          effect: 'Deny',
          actions: [],
          notActions: ['iam:*', 'sts:*'],
          resources: [],
          notResources: ['arn:aws:s3:::logs/*'],
          principal: '*',
          notPrincipal: null,
          conditions: {
            StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] },
            Bool: { 'aws:SecureTransport': ['false'] },
            NumericLessThan: { 's3:max-keys': ['10'] },
          },
        },
      ],
    });
  });

  it('accepts an empty statement list', () => {
    expect(parsePolicyDocument({ Version: '2012-10-17', Statement: [] })).toEqual({ version: '2012-10-17', statements: [] });
  });

  it('names the path and what was found for a bad statement', () => {
    const error = policyErrorOf({ Statement: [TRUST_POLICY.Statement[0], { Effect: 'Permit', Action: '*', Resource: '*' }] });
    expect(error.message).toBe('Statement[1].Effect: expected "Allow" or "Deny", found "Permit"');
    expect(error.path).toEqual(['Statement', 1, 'Effect']);
    expect(error.detail).toBe('expected "Allow" or "Deny", found "Permit"');
  });

  it('says when Statement is missing', () => {
    expect(policyErrorOf({ Version: '2012-10-17' }).message).toBe('Statement: missing (expected array)');
  });

  it('refuses a string that is neither JSON nor URL-encoded JSON', () => {
    expect(policyErrorOf('Allow everything').message).toBe(
      'expected a policy document (an object, a JSON string or a URL-encoded string), found "Allow everything"',
    );
  });

  it('refuses a URL-encoded string with a broken escape', () => {
    expect(policyErrorOf('%7B%22Version%2').message).toBe('expected a URL-encoded policy document, found a string with an invalid %-escape');
  });

  it('refuses a URL-encoded string that decodes to invalid JSON', () => {
    expect(policyErrorOf('%7B%22Version%22').message).toMatch(/^the URL-encoded policy document is not valid JSON \(/);
  });

  it('refuses a number', () => {
    expect(policyErrorOf(42).message).toBe('expected object, found 42');
  });
});

describe('policyDocumentSchema', () => {
  const schema = z.object({ PolicyDocument: policyDocumentSchema });

  it('outputs the normalised document', () => {
    expect(schema.parse({ PolicyDocument: TRUST_POLICY })).toEqual({ PolicyDocument: { version: '2012-10-17', statements: [TRUST_STATEMENT] } });
  });

  it('reports a problem inside an object document at its path', () => {
    const result = schema.safeParse({ PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 5 }] } });
    expect(result.error?.issues[0]?.path).toEqual(['PolicyDocument', 'Statement', 0, 'Action']);
    expect(result.error?.issues[0]?.message).toBe('invalid policy document: expected a string or an array of strings, found 5');
  });

  it('reports a problem inside an encoded document at the string, with the inner path in the message', () => {
    const encoded = encodeURIComponent(JSON.stringify({ Statement: [{ Effect: 'allow' }] }));
    const result = schema.safeParse({ PolicyDocument: encoded });
    expect(result.error?.issues[0]?.path).toEqual(['PolicyDocument']);
    expect(result.error?.issues[0]?.message).toBe('invalid policy document: Statement[0].Effect: expected "Allow" or "Deny", found "allow"');
  });
});
