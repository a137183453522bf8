// Property: a secret of any kind, in any string slot of a report, reaches no formatter's output; the access key id
// beside it does. Every formatter of the registry is covered, so a new one is tested without a change here.
// Fixed seed; CONTROLPROOF_FUZZ_RUNS raises the number of runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyFormatter } from '../../src/formatters/define-formatter.js';
import { formatters } from '../../src/formatters/index.js';
import { formatView } from './format-view.js';
import { reportSchema, type FindingResult, type Report } from '../../src/report/model.js';
import { sampleReport } from './sample-report.js';

const RUNS = Number(process.env.CONTROLPROOF_FUZZ_RUNS ?? 60);
const SEED = 20261203;

/** A secret as it appears in text (`text`), and the part of it that must never be shown (`raw`). */
interface Secret {
  kind: string;
  raw: string;
  text: string;
}

const chars = (alphabet: string, minLength: number, maxLength = minLength): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = `${ALNUM}+/`;
/** Long enough, and with both cases and a digit, that it cannot turn up in a report by chance. */
const randomPart = (alphabet: string, length: number): fc.Arbitrary<string> => chars(alphabet, length).map((text) => `Aa0${text}`);

/** Key names that hold a secret, in the spellings exports use. */
const SECRET_KEYS = ['password', 'Password', 'db_passwd', 'api_key', 'api-key', 'apiKey', 'API_KEY', 'client.secret', 'clientSecret', 'client_secret', 'private_key', 'x-auth-token', 'GITHUB_TOKEN', 'SecretAccessKey', 'aws_secret_access_key', 'SessionToken'];

/** `key=value`, `key: value`, `"key": "value"` and `key='value'`. */
const pairOf = (key: string, value: string, style: number): string => [`${key}=${value}`, `${key}: ${value}`, `"${key}": "${value}"`, `${key}='${value}'`][style % 4] ?? '';

const awsSecret = randomPart(BASE64, 37);

const secrets: fc.Arbitrary<Secret> = fc.oneof(
  fc.tuple(awsSecret, fc.nat(3)).map(([raw, style]) => ({ kind: 'aws secret access key', raw, text: pairOf('aws_secret_access_key', raw, style) })),
  awsSecret.map((raw) => ({ kind: 'aws secret access key after SecretAccessKey', raw, text: `SecretAccessKey ${raw}` })),
  fc
    .tuple(fc.constantFrom('IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdzE', 'AQoDYXdzE'), randomPart(BASE64, 120))
    .map(([prefix, body]) => ({ kind: 'aws session token', raw: `${prefix}${body}`, text: `session ${prefix}${body}` })),
  fc
    .tuple(fc.constantFrom(...SECRET_KEYS), randomPart(`${ALNUM}!#$%^*-_+/`, 12), fc.nat(3))
    .map(([key, raw, style]) => ({ kind: `value of ${key}`, raw, text: pairOf(key, raw, style) })),
  fc
    .tuple(fc.constantFrom('Authorization: Bearer', 'authorization=bearer', 'AUTHORIZATION: token', 'sent Bearer'), randomPart(`${ALNUM}-._~+/`, 24))
    .map(([label, raw]) => ({ kind: `credential after ${label}`, raw, text: `${label} ${raw}` })),
  fc
    .tuple(fc.constantFrom('Basic', 'basic', 'BASIC'), randomPart(ALNUM, 6), randomPart(ALNUM, 12))
    .map(([scheme, user, password]) => {
      const raw = Buffer.from(`${user}:${password}`).toString('base64');
      return { kind: `${scheme} credentials`, raw, text: `Authorization: ${scheme} ${raw}` };
    }),
  fc
    .tuple(fc.constantFrom('https', 'postgres', 'redis'), randomPart(ALNUM, 12))
    .map(([scheme, raw]) => ({ kind: `${scheme} URL password`, raw, text: `${scheme}://admin:${raw}@db.internal.example:5432/app` })),
  fc
    .tuple(fc.constantFrom('', 'RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED '), randomPart(BASE64, 61))
    .map(([type, raw]) => ({ kind: `PEM ${type}private key`, raw, text: `-----BEGIN ${type}PRIVATE KEY-----\n${raw}\n${raw}=\n-----END ${type}PRIVATE KEY-----` })),
  fc
    .tuple(fc.constantFrom('ghp_', 'gho_', 'ghs_', 'ghu_', 'ghr_'), randomPart(ALNUM, 33))
    .map(([prefix, body]) => ({ kind: `GitHub token ${prefix}`, raw: `${prefix}${body}`, text: `token ${prefix}${body}` })),
  randomPart(`${ALNUM}_`, 79).map((body) => ({ kind: 'GitHub fine-grained token', raw: `github_pat_${body}`, text: `github_pat_${body}` })),
  fc
    .tuple(fc.constantFrom('xoxb', 'xoxa', 'xoxp', 'xoxr', 'xoxs'), randomPart(`${ALNUM}-`, 30))
    .map(([prefix, body]) => ({ kind: `Slack token ${prefix}`, raw: `${prefix}-${body}`, text: `slack ${prefix}-${body}` })),
  fc
    .tuple(randomPart(`${ALNUM}-_`, 20), randomPart(`${ALNUM}-_`, 40), randomPart(`${ALNUM}-_`, 40))
    .map(([header, payload, signature]) => {
      const raw = `eyJ${header}.eyJ${payload}.${signature}`;
      return { kind: 'JWT', raw, text: `id_token ${raw}` };
    }),
);

/** Every string slot of a report that quotes a catalog or data, with the way a secret is put there. */
const SLOTS = ['finding message', 'finding resource', 'details under a neutral key', 'details under a secret key', 'control title', 'test error', 'source error', 'warning', 'warning hint', 'exception reason', 'exception owner'] as const;
type Slot = (typeof SLOTS)[number];

/** An access key id per slot: an identifier, which must stay readable wherever it is shown. */
const accessKeyId = (slot: Slot, base: string): string => `AKIA${String.fromCharCode(65 + SLOTS.indexOf(slot))}${base}`;

function firstFinding(report: Report): FindingResult {
  const finding = report.controls.find((control) => control.id === 'IAM-1')?.tests[0]?.findings[0];
  if (!finding) throw new Error('sample report changed: IAM-1 has no finding');
  return finding;
}

/** The sample report with the secret in every slot, each beside its slot's canary word and access key id. */
function reportWith(secret: Secret, secretKey: string, base: string): Report {
  const report = structuredClone(sampleReport);
  const text = (slot: Slot): string => `canary-${slot.replaceAll(' ', '-')} ${accessKeyId(slot, base)} ${secret.text}`;
  const finding = firstFinding(report);
  finding.message = text('finding message');
  finding.resource = text('finding resource');
  finding.details = {
    note: text('details under a neutral key'),
    [secretKey]: secret.raw,
    Credentials: { AccessKeyId: accessKeyId('details under a secret key', base), [secretKey]: secret.raw, hint: 'canary-details-under-a-secret-key' },
  };
  const control = report.controls.find((each) => each.id === 'LOG-1');
  const errored = report.controls.find((each) => each.id === 'IR-1')?.tests[0];
  const source = report.sources.find((each) => each.status === 'error');
  const [warning] = report.warnings;
  const [exception] = report.exceptions;
  if (!control || !errored || !source || !warning || !exception) throw new Error('sample report changed: a slot is missing');
  control.title = text('control title');
  errored.error = text('test error');
  source.error = text('source error');
  warning.message = text('warning');
  warning.hint = text('warning hint');
  exception.reason = text('exception reason');
  exception.owner = text('exception owner');
  return reportSchema.parse(report);
}

/** What a formatter prints for the report: the run view, or the exceptions view of the run. */
function outputOf(formatter: AnyFormatter, report: Report): string {
  const options = { color: false, onlyFailing: false };
  return formatView(formatter, report, options);
}

const ACCESS_KEY_BASE = chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 15);

describe('no formatter prints a secret', () => {
  it('covers every formatter of the registry, of every view', () => {
    expect(new Set(formatters.map((formatter) => formatter.view))).toEqual(new Set(['run', 'exceptions', 'coverage', 'diff', 'trend']));
    expect(formatters.length).toBeGreaterThanOrEqual(5);
  });

  it.each(formatters.map((formatter) => [`${formatter.view} ${formatter.name}`, formatter] as const))('%s masks every kind in every slot, and keeps access key ids', (_name, formatter) => {
    fc.assert(
      fc.property(secrets, fc.constantFrom(...SECRET_KEYS), ACCESS_KEY_BASE, (secret, secretKey, base) => {
        const output = outputOf(formatter, reportWith(secret, secretKey, base));
        const unwrapped = output.replace(/\s+/g, '');
        expect(output, secret.kind).not.toContain(secret.raw);
        expect(unwrapped, secret.kind).not.toContain(secret.raw);
        for (const slot of SLOTS) {
          if (output.includes(`canary-${slot.replaceAll(' ', '-')}`)) expect(output, `${slot}: ${secret.kind}`).toContain(accessKeyId(slot, base));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('shows the slots it masks: the JSON formats show every canary of their view, the tables those they list', () => {
    const report = reportWith({ kind: 'none', raw: 'x', text: 'nothing secret' }, 'password', 'ABCDEFGHIJKLMNO');
    const shown = (formatter: AnyFormatter): Slot[] => SLOTS.filter((slot) => outputOf(formatter, report).includes(`canary-${slot.replaceAll(' ', '-')}`));
    const named = (view: string, name: string): AnyFormatter => {
      const found = formatters.find((formatter) => formatter.view === view && formatter.name === name);
      if (!found) throw new Error(`no ${view} ${name} formatter`);
      return found;
    };
    expect(shown(named('run', 'json'))).toEqual(SLOTS);
    expect(shown(named('exceptions', 'json'))).toEqual(['source error', 'warning', 'warning hint', 'exception reason', 'exception owner']);
    expect(shown(named('coverage', 'json'))).toEqual(['control title', 'source error', 'warning', 'warning hint']);
    expect(shown(named('run', 'table'))).toEqual(['finding message', 'finding resource', 'control title', 'test error', 'source error', 'warning', 'warning hint', 'exception owner']);
  });
});
