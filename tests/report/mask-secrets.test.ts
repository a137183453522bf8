import { describe, expect, it } from 'vitest';
import { isSecretKey, MASK, maskText, maskValue, maskView } from '../../src/report/mask-secrets.js';

const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('maskText', () => {
  it.each([
    ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', `aws_secret_access_key=${MASK}`],
    ['AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"', `AWS_SECRET_ACCESS_KEY="${MASK}"`],
    [`{"SecretAccessKey": "${AWS_SECRET}", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE"}`, `{"SecretAccessKey": "${MASK}", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE"}`],
    [`SecretAccessKey ${AWS_SECRET} of AKIAIOSFODNN7EXAMPLE`, `SecretAccessKey ${MASK} of AKIAIOSFODNN7EXAMPLE`],
    ['aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE', `aws_session_token = ${MASK}`],
    ['sts IQoJb3JpZ2luX2VjEXAMPLEXAMPLEXAMPLEXAMPLE== end', `sts ${MASK} end`],
    ['SessionToken FwoGZXIvYXdzEBaaDEXAMPLEXAMPLEXAMPLE0123 end', `SessionToken ${MASK} end`],
    ['password: hunter2 for bob', `password: ${MASK} for bob`],
    ['db_passwd=s3cr3t;host=db', `db_passwd=${MASK};host=db`],
    ["{ :password => 'x1', token=>abc }", `{ :password => '${MASK}', token=>${MASK} }`],
    ['x-api-key: abc123 apiKey=zzz API_KEY=\'q w\' client.secret=s3', `x-api-key: ${MASK} apiKey=${MASK} API_KEY='${MASK}' client.secret=${MASK}`],
    ['{"client_secret":"abc","private_key":"def","GITHUB_TOKEN":"x"}', `{"client_secret":"${MASK}","private_key":"${MASK}","GITHUB_TOKEN":"${MASK}"}`],
    ['https://example.com/cb?code=1&access_token=abc&state=2', `https://example.com/cb?code=1&access_token=${MASK}&state=2`],
    ['header Authorization: Bearer abc.def-ghi', `header Authorization: Bearer ${MASK}`],
    ['AUTHORIZATION=token 0123abcd', `AUTHORIZATION=token ${MASK}`],
    ['proxy authorization: opaque-value', `proxy authorization: ${MASK}`],
    ['sent bearer abcdEFGH1234ijkl to the API', `sent bearer ${MASK} to the API`],
    ['BEARER mF_9.B5f-4.1JqM', `BEARER ${MASK}`],
    ['with Basic dXNlcjpwYXNz then', `with Basic ${MASK} then`],
    ['basic YWRtaW46aHVudGVyMg==', `basic ${MASK}`],
    ['postgres://admin:p@ss@db.example:5432/app', `postgres://admin:${MASK}@db.example:5432/app`],
    ['redis://:hunter2@cache:6379', `redis://:${MASK}@cache:6379`],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY----- after', `${MASK} after`],
    ['key -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA cut off', `key ${MASK}`],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----\\nMIIE\\n-----END ENCRYPTED PRIVATE KEY-----', MASK],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature here', `token ${MASK} here`],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789 and gho_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', `${MASK} and ${MASK}`],
    ['ghs_0123456789abcdefghijKLMNOPQRSTUVWXYZ ghu_0123456789abcdefghijKLMNOPQRSTUVWXYZ ghr_0123456789abcdefghijKLMNOPQRSTUVWXYZ', `${MASK} ${MASK} ${MASK}`],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', MASK],
    ['slack xoxb-123456789012-1234567890123-abcdefghijKLMNOPqrstuvwx', `slack ${MASK}`],
    ['xoxp-1234567890-abcdefghij xoxa-2-abcdefghijkl xoxr-abcdefghijkl xoxs-abcdefghijkl', `${MASK} ${MASK} ${MASK} ${MASK}`],
    ['https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', `https://hooks.slack.com/services/${MASK}`],
  ])('masks %s', (input, expected) => {
    expect(maskText(input)).toBe(expected);
    expect(maskText(expected)).toBe(expected);
  });

  it.each([
    ['identifiers: ARNs and access key ids', 'access key AKIAIOSFODNN7EXAMPLE of arn:aws:iam::210987654321:user/bob is 120 days old'],
    ['temporary access key ids', 'session of ASIAIOSFODNN7EXAMPLE'],
    ['keys about a secret', 'password_last_used=2026-10-01 PasswordEnabled: true TokenExpiry: 2025-01-01 SecretArn=arn:aws:secretsmanager:us-east-1:1:secret:x'],
    ['prose about auth schemes', 'Basic authentication is disabled; Bearer tokens are short-lived'],
    ['a hex digest near the word secret', 'secret rotated in commit 3f786850e387550fdab836ed7e6dc881de23001b'],
    ['a URL without a password', 'https://alice@example.com/path?x=1'],
    ['a secret key with no value', 'password="" and the token:'],
  ])('leaves %s alone', (_name, text) => {
    expect(maskText(text)).toBe(text);
  });
});

describe('isSecretKey', () => {
  it.each(['SecretAccessKey', 'SessionToken', 'aws_secret_access_key', 'Password', 'db_passwd', 'apiKey', 'api-key', 'API_KEY', 'client.secret', 'ClientSecret', 'private_key', 'Authorization', 'x-auth-token', 'storage_password'])(
    '%s holds a secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each(['password_last_used', 'PasswordEnabled', 'password_last_changed', 'TokenExpiry', 'token_type', 'SecretArn', 'private_key_id', 'MaxPasswordAge', 'user', 'AccessKeyId', 'access_key_1_active'])(
    '%s does not',
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});

describe('maskValue', () => {
  it('replaces values under secret-named keys and scans nested strings', () => {
    expect(
      maskValue({
        user: 'bob',
        SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG',
        nested: { sessionToken: 'abc', note: 'password=x1', pin_token: 1234 },
        list: ['Bearer zzz9.Kq8'],
        tokens: ['a', 'b'],
        mfa: true,
        password_last_used: '2026-10-01T00:00:00Z',
        PasswordEnabled: true,
        password_enabled: 'false',
      }),
    ).toEqual({
      user: 'bob',
      SecretAccessKey: MASK,
      nested: { sessionToken: MASK, note: `password=${MASK}`, pin_token: MASK },
      list: [`Bearer ${MASK}`],
      tokens: [MASK, MASK],
      mfa: true,
      password_last_used: '2026-10-01T00:00:00Z',
      PasswordEnabled: true,
      password_enabled: 'false',
    });
  });

  it('masks an object under a secret-named key key by key, so its access key id stays', () => {
    expect(maskValue({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'x', SessionToken: 'y', Expiration: '2026-01-01' }, 'Credentials')).toEqual({
      AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      SecretAccessKey: MASK,
      SessionToken: MASK,
      Expiration: '2026-01-01',
    });
  });

  it('masks secrets in keys too', () => {
    expect(maskValue({ 'ghp_abcdefghijklmnopqrstuvwxyz0123456789': 1 })).toEqual({ [MASK]: 1 });
  });
});

describe('maskView', () => {
  const view = {
    metrics: { token_rotation_pct: { value: 50 }, password: { value: 3 } },
    inputs: { secrets: ['vault'] },
    controls: [{ title: 'password: hunter2', tests: [{ findings: [{ message: 'm', details: { password: 'hunter2', count: 2, nested: { api_key: 'k' } } }] }] }],
  };

  it('masks every string by content, and values by key only inside details', () => {
    expect(maskView(view)).toEqual({
      metrics: { token_rotation_pct: { value: 50 }, password: { value: 3 } },
      inputs: { secrets: ['vault'] },
      controls: [{ title: `password: ${MASK}`, tests: [{ findings: [{ message: 'm', details: { password: MASK, count: 2, nested: { api_key: MASK } } }] }] }],
    });
  });

  it('masks a finding on its own as it does inside a view, and is idempotent', () => {
    const finding = { resource: 'r token=abc', message: 'Bearer abcdEFGH1234ijkl', details: { secret: 'x', 'a.token': ['t'], user: 'bob' } };
    expect(maskView(finding)).toEqual({ resource: `r token=${MASK}`, message: `Bearer ${MASK}`, details: { secret: MASK, 'a.token': [MASK], user: 'bob' } });
    expect(maskView(maskView(view))).toEqual(maskView(view));
  });
});

describe('maskView, a second time', () => {
  it('returns what has nothing to mask as it is, and masks a list shared under a secret-named key', () => {
    const shared = ['hunter2hunter2'];
    const finding = { resource: 'arn:aws:iam::210987654321:user/u#password', message: 'user u has a console password', details: { names: shared } };
    const view = { findings: [finding] };
    const once = maskView(view);
    expect(once).toBe(view);
    expect(maskView(once)).toBe(view);
    expect(maskView({ findings: [{ ...finding, details: { password: shared } }] })).toEqual({ findings: [{ ...finding, details: { password: ['[masked]'] } }] });
  });
});
