import { reportSchema, type Report, type TestResult } from '../../src/report/model.js';

// A hand-made report, as the engine would build it for a catalog of eight controls that covers every
// assurance label, an excepted finding, an expired-exception finding, an errored source and a tier table.

const ACCOUNT = '210987654321';

const consoleUsersWithoutMfa = ['dana', 'ci-deploy', 'erik', 'farah', 'gosia', 'hiro', 'ines', 'jonas'];

const consoleMfaTest: TestResult = {
  check: 'aws/iam-console-mfa',
  inputs: { records: ['iam-credentials'] }, position: { line: 23, col: 9 },
  status: 'fail',
  examined: 42,
  excepted: 0,
  findings: consoleUsersWithoutMfa.map((user) => ({
    resource: `arn:aws:iam::${ACCOUNT}:user/${user}`,
    message: `user ${user} has console access without MFA`,
    ...(user === 'ci-deploy' ? { expired_exception: 'EX-3' } : {}),
  })),
  metrics: { mfa_coverage_pct: { value: 81, min: 100, passed: false } },
};

export const sampleReport: Report = reportSchema.parse({
  schema: 'controlproof/report@2',
  tool: { name: 'controlproof', version: '0.1.0' },
  catalog: {
    path: 'controls.yaml',
    name: 'Acme Corp security controls',
    sha256: '4f1c2a9be0d35c7781a6d0e4b2c9f8a3d5e6f7081928374655647382910abcde',
  },
  as_of: '2025-06-30T00:00:00.000Z',
  as_of_source: 'option',
  warn_days: 30,
  filters: {},
  summary: {
    controls: 8,
    exists: { evidenced: 3, stale: 2, missing: 1, none: 2 },
    works: { effective: 2, ineffective: 3, error: 2, untested: 1 },
    assurance: { assured: 1, 'paper-only': 2, unproven: 2, undocumented: 1, failing: 1, unknown: 1 },
    matrix: {
      evidenced: { effective: 1, ineffective: 1, error: 0, untested: 1 },
      stale: { effective: 0, ineffective: 1, error: 1, untested: 0 },
      missing: { effective: 0, ineffective: 0, error: 1, untested: 0 },
      none: { effective: 1, ineffective: 1, error: 0, untested: 0 },
    },
    by_function: {
      prevent: { effective: 2, ineffective: 2, error: 1, untested: 0 },
      detect: { effective: 0, ineffective: 1, error: 0, untested: 0 },
      respond: { effective: 0, ineffective: 0, error: 1, untested: 0 },
      recover: { effective: 0, ineffective: 0, error: 0, untested: 1 },
    },
    tests: { pass: 3, fail: 3, error: 2, vacuous: 1 },
    exceptions: { active: 1, expiring: 1, expired: 1, unused: 1 },
    exception_tiers: [
      { risk: 'critical', count: 0, median_age_days: null, oldest_age_days: null, expired: 0, expiring: 0, active: 0, unused: 0 },
      { risk: 'high', count: 2, median_age_days: 220, oldest_age_days: 400, expired: 1, expiring: 0, active: 1, unused: 0 },
      { risk: 'medium', count: 1, median_age_days: 170, oldest_age_days: 170, expired: 0, expiring: 1, active: 0, unused: 0 },
      { risk: 'low', count: 1, median_age_days: 20, oldest_age_days: 20, expired: 0, expiring: 0, active: 0, unused: 1 },
    ],
  },
  sources: [
    {
      name: 'iam-credentials',
      type: 'aws/iam-credential-report',
      status: 'ok',
      files: [
        { path: 'exports/aws/credential-report.csv', bytes: 9184, sha256: '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9' },
      ],
      records: 43,
    },
    {
      name: 'okta-users',
      type: 'okta/users',
      status: 'ok',
      files: [{ path: 'exports/okta/users.json', bytes: 412_877, sha256: '1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a' }],
      records: 214,
    },
    {
      name: 'cloudtrail-trails',
      type: 'json',
      status: 'ok',
      files: [{ path: 'exports/aws/describe-trails.json', bytes: 1203, sha256: '2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b' }],
      records: 1,
    },
    {
      name: 'backup-restore-jobs',
      type: 'json',
      status: 'ok',
      files: [{ path: 'exports/aws/list-restore-jobs.json', bytes: 22, sha256: '3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c' }],
      records: 0,
    },
    {
      name: 'guardduty-detectors',
      type: 'json',
      status: 'ok',
      files: [{ path: 'exports/aws/guardduty-detectors.json', bytes: 640, sha256: '4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d' }],
      records: 3,
    },
    {
      name: 'github-branch-protection',
      type: 'json',
      status: 'error',
      files: [],
      records: 0,
      error: 'no files match exports/github/branch-protection-*.json',
    },
  ],
  controls: [
    {
      id: 'MFA-2',
      title: 'Workforce identities enrol a phishing-resistant MFA factor',
      owner: 'identity@acme.example',
      risk: 'high',
      function: 'prevent',
      mappings: { soc2: ['CC6.1'] },
      exists: 'evidenced',
      works: 'effective',
      assurance: 'assured',
      evidence: [
        {
          kind: 'document',
          title: 'Authentication policy',
          status: 'fresh',
          date: '2025-02-03',
          max_age: '12mo',
          fresh_until: '2026-02-03',
          path: 'evidence/authentication-policy.pdf',
          sha256: '5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e',
        },
      ],
      tests: [
        { check: 'okta/mfa-enrolled', inputs: { records: ['okta-users'] }, position: { line: 26, col: 9 }, status: 'pass', examined: 214, excepted: 0, findings: [], metrics: {} },
      ],
    },
    {
      id: 'BAK-1',
      title: 'Production backups are restore-tested every quarter',
      owner: 'sre@acme.example',
      risk: 'medium',
      function: 'recover',
      mappings: { soc2: ['A1.3'] },
      exists: 'evidenced',
      works: 'untested',
      assurance: 'unproven',
      evidence: [
        {
          kind: 'record',
          title: 'Q2 restore rehearsal ticket',
          status: 'fresh',
          date: '2025-04-14',
          max_age: '90d',
          fresh_until: '2025-07-13',
          ref: 'OPS-2231',
        },
      ],
      tests: [
        {
          check: 'assert',
          inputs: { records: ['backup-restore-jobs'] }, position: { line: 29, col: 9 },
          title: 'a restore job completed in the last 90 days',
          status: 'vacuous',
          examined: 0,
          excepted: 0,
          findings: [],
          metrics: {},
        },
      ],
    },
    {
      id: 'IAM-1',
      title: 'Console users sign in with MFA',
      owner: 'platform-security@acme.example',
      risk: 'high',
      function: 'prevent',
      mappings: { soc2: ['CC6.1'], 'cis-aws-3': ['1.10'] },
      exists: 'evidenced',
      works: 'ineffective',
      assurance: 'paper-only',
      evidence: [
        {
          kind: 'document',
          title: 'Access control policy',
          status: 'fresh',
          date: '2025-03-01',
          max_age: '12mo',
          fresh_until: '2026-03-01',
          path: 'evidence/access-control-policy.pdf',
          sha256: '60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f',
        },
      ],
      tests: [
        consoleMfaTest,
        { check: 'aws/iam-root-mfa', inputs: { records: ['iam-credentials'] }, position: { line: 32, col: 9 }, status: 'pass', examined: 1, excepted: 0, findings: [], metrics: {} },
      ],
    },
    {
      id: 'KEY-3',
      title: 'Access keys are rotated within 90 days',
      owner: 'platform-security@acme.example',
      risk: 'medium',
      function: 'prevent',
      mappings: { 'cis-aws-3': ['1.14'] },
      exists: 'none',
      works: 'effective',
      assurance: 'undocumented',
      evidence: [],
      tests: [
        {
          check: 'aws/iam-access-key-rotation',
          inputs: { records: ['iam-credentials'] }, position: { line: 35, col: 9 },
          status: 'pass',
          examined: 12,
          excepted: 1,
          findings: [
            {
              resource: `arn:aws:iam::${ACCOUNT}:user/ci-bot`,
              message: 'user ci-bot has access key 1 last rotated 958 days ago (max 90)',
              details: { access_key_1_last_rotated: '2022-11-14T12:01:00+00:00' },
              excepted_by: 'EX-9',
            },
          ],
          metrics: {},
        },
      ],
    },
    {
      id: 'LOG-1',
      title: 'CloudTrail records management events in every region',
      owner: 'cloud-platform@acme.example',
      risk: 'high',
      function: 'detect',
      mappings: { soc2: ['CC7.2'], 'cis-aws-3': ['3.1'] },
      exists: 'none',
      works: 'ineffective',
      assurance: 'failing',
      evidence: [],
      tests: [
        {
          check: 'aws/cloudtrail-multi-region',
          inputs: { records: ['cloudtrail-trails'] }, position: { line: 38, col: 9 },
          status: 'fail',
          examined: 1,
          excepted: 0,
          findings: [
            {
              resource: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/management-events`,
              message: 'trail management-events is not multi-region: IsMultiRegionTrail is false',
            },
          ],
          metrics: {},
        },
      ],
    },
    {
      id: 'JML-2',
      title: 'Leavers lose access to every system within one business day of their termination date',
      owner: 'it-operations@acme.example',
      risk: 'critical',
      function: 'prevent',
      mappings: { soc2: ['CC6.2', 'CC6.3'] },
      exists: 'stale',
      works: 'ineffective',
      assurance: 'paper-only',
      evidence: [
        {
          kind: 'attestation',
          title: 'Quarterly access review sign-off',
          status: 'stale',
          date: '2025-01-15',
          max_age: '90d',
          fresh_until: '2025-04-15',
          by: 'cto@acme.example',
        },
      ],
      tests: [
        {
          check: 'okta/leavers-deactivated',
          inputs: { records: ['okta-users'] }, position: { line: 41, col: 9 },
          status: 'fail',
          examined: 37,
          excepted: 1,
          findings: [
            {
              resource: '00u8k2m4n5p6q7r8s9t0',
              message: 'user ben.ortiz@acme.example is ACTIVE 12 days after termination on 2025-06-18',
            },
            {
              resource: '00u1a2b3c4d5e6f7g8h9',
              message: 'user mei.li@acme.example is ACTIVE 30 days after termination on 2025-05-31',
              excepted_by: 'EX-7',
            },
          ],
          metrics: {},
        },
      ],
    },
    {
      id: 'IR-1',
      title: 'GuardDuty findings are triaged within 24 hours',
      owner: 'soc@acme.example',
      risk: 'medium',
      function: 'respond',
      mappings: { soc2: ['CC7.3'] },
      exists: 'stale',
      works: 'error',
      assurance: 'unproven',
      evidence: [
        {
          kind: 'document',
          title: 'Incident response runbook',
          status: 'stale',
          date: '2024-03-02',
          max_age: '12mo',
          fresh_until: '2025-03-02',
          path: 'evidence/ir-runbook.md',
          sha256: '718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60',
        },
      ],
      tests: [
        {
          check: 'assert',
          inputs: { records: ['guardduty-detectors'] }, position: { line: 44, col: 9 },
          status: 'error',
          examined: 0,
          excepted: 0,
          findings: [],
          metrics: {},
          error: "check threw: Cannot read properties of undefined (reading 'Status')",
        },
      ],
    },
    {
      id: 'GH-1',
      title: 'Default branches require a reviewed pull request',
      owner: 'engineering@acme.example',
      risk: 'low',
      function: 'prevent',
      mappings: { soc2: ['CC8.1'] },
      exists: 'missing',
      works: 'error',
      assurance: 'unknown',
      evidence: [
        { kind: 'document', title: 'Change management policy', status: 'missing', max_age: '12mo', path: 'evidence/change-management.pdf' },
      ],
      tests: [
        {
          check: 'github/branch-protection',
          inputs: { records: ['github-branch-protection'] }, position: { line: 47, col: 9 },
          status: 'error',
          examined: 0,
          excepted: 0,
          findings: [],
          metrics: {},
          error: 'source github-branch-protection could not be read',
        },
      ],
    },
  ],
  exceptions: [
    {
      id: 'EX-3',
      control: 'IAM-1',
      status: 'expired',
      risk: 'high',
      owner: 'platform-security@acme.example',
      approved_by: 'ciso@acme.example',
      approved: '2024-05-26',
      expires: '2025-05-26',
      reason: 'Deploy user kept console access during the CI migration',
      resources: [`arn:aws:iam::${ACCOUNT}:user/ci-deploy`],
      file: 'controls.yaml',
      age_days: 400,
      days_to_expiry: -35,
      matched: [`arn:aws:iam::${ACCOUNT}:user/ci-deploy`],
      control_exists: 'evidenced',
      control_works: 'ineffective',
    },
    {
      id: 'EX-7',
      control: 'JML-2',
      status: 'active',
      risk: 'high',
      owner: 'it-operations@acme.example',
      approved_by: 'ciso@acme.example',
      approved: '2025-05-21',
      expires: '2025-11-21',
      reason: 'Contractor account kept for the handover of the billing migration',
      ticket: 'SEC-1042',
      resources: ['00u1a2b3c4d5e6f7g8h9'],
      file: 'exceptions/identity.yaml',
      age_days: 40,
      days_to_expiry: 144,
      matched: ['00u1a2b3c4d5e6f7g8h9'],
      control_exists: 'stale',
      control_works: 'ineffective',
    },
    {
      id: 'EX-9',
      control: 'KEY-3',
      status: 'expiring',
      risk: 'medium',
      owner: 'platform-security@acme.example',
      approved_by: 'ciso@acme.example',
      approved: '2025-01-11',
      expires: '2025-07-14',
      reason: 'Legacy CI bot key until the OIDC migration lands',
      resources: [`arn:aws:iam::${ACCOUNT}:user/ci-bot`],
      file: 'controls.yaml',
      age_days: 170,
      days_to_expiry: 14,
      matched: [`arn:aws:iam::${ACCOUNT}:user/ci-bot`],
      control_exists: 'none',
      control_works: 'effective',
    },
    {
      id: 'EX-12',
      control: 'MFA-2',
      status: 'unused',
      risk: 'low',
      owner: 'identity@acme.example',
      approved_by: 'ciso@acme.example',
      approved: '2025-06-10',
      expires: '2025-12-10',
      reason: 'Kiosk accounts enrol hardware keys in the next quarter',
      resources: ['00ukiosk*'],
      file: 'exceptions/identity.yaml',
      age_days: 20,
      days_to_expiry: 163,
      matched: [],
      control_exists: 'evidenced',
      control_works: 'effective',
    },
  ],
  warnings: [
    {
      message: 'exception EX-12 matched no finding in this run',
      hint: 'Retire it, or check that its resources still match the findings of MFA-2.',
    },
    { message: 'source cloudtrail-trails holds 1 trail for 1 account: other accounts are not covered' },
  ],
});

/**
 * Text a hostile export or catalog could hold, for the machine formats: a newline, a workflow command, a percent
 * escape, markup, quotes, a spreadsheet formula, an escape sequence, a NUL, a lone surrogate, a non-character and
 * a bidi override.
 */
export const HOSTILE_TEXT = '=HYPERLINK("x")\n::error file=a::%0A <b>&amp;</b> "dq" \'sq\' \u001b[31m\u0000\ud800\uffff\u202e end';

/** The sample report with HOSTILE_TEXT in every free-text slot a format shows: titles, owners, findings, errors, exceptions, sources, warnings. */
export function hostileSampleReport(): Report {
  const report = structuredClone(sampleReport);
  for (const control of report.controls) {
    control.title = `${control.title} ${HOSTILE_TEXT}`;
    control.owner = `${control.owner} ${HOSTILE_TEXT}`;
    for (const test of control.tests) {
      if (test.error !== undefined) test.error = `${test.error} ${HOSTILE_TEXT}`;
      test.inputs = Object.fromEntries(Object.entries(test.inputs).map(([input, sources]) => [input, sources.map((source) => `${source} ${HOSTILE_TEXT}`)]));
      for (const finding of test.findings) {
        finding.message = `${finding.message} ${HOSTILE_TEXT}`;
        finding.resource = `${finding.resource} ${HOSTILE_TEXT}`;
      }
    }
  }
  for (const exception of report.exceptions) exception.reason = `${exception.reason} ${HOSTILE_TEXT}`;
  for (const warning of report.warnings) warning.message = `${warning.message} ${HOSTILE_TEXT}`;
  return reportSchema.parse(report);
}
