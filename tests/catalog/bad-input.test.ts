import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { edit, removeTempDirs, tempTree } from '../support/workspace.js';

// Every bad input a user can give goes through the real binary: one `file:line:col: message` line,
// one hint line, exit 2, and never a stack trace (unless --debug).

const credentialReport = readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8');
const wrongHeaderReport = readFileSync(path.join(repoRoot, 'fixtures/aws/bad/credential-report-wrong-header.csv'), 'utf8');
const credentialReportJson = readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.json'), 'utf8');

/** Line numbers matter: the expected positions below count lines in this text. */
const CATALOG = `version: 1
name: Bad input
sources:
  creds:
    type: aws/iam-credential-report
    path: credential-report.csv
controls:
  - id: IAM-01
    title: Root account protected by MFA
    owner: platform-security@example.com
    risk: critical
    function: prevent
    mappings:
      cis-aws-3: ['1.5']
    evidence:
      - kind: record
        title: MFA enforcement ticket
        ref: CHG-4411
        date: 2026-09-03
        max_age: 12mo
    tests:
      - check: aws/iam-root-mfa
        source: creds
`;

/** Lines 24-32 when appended to CATALOG. */
const EXCEPTIONS = `exceptions:
  - id: EX-1
    control: IAM-01
    reason: hardware token on order
    risk: high
    owner: platform-security@example.com
    approved_by: ciso@example.com
    approved: 2026-10-01
    expires: 2026-12-31
`;

/** Lines 24-29 when appended to CATALOG. */
const SCENARIO = `scenarios:
  - id: ATK-01
    title: Stolen root password
    steps:
      - title: Root signs in
        controls: [IAM-01]
`;

/** An assert test over a JSON source; line 19 holds `expect`. */
const ASSERT_CATALOG = `version: 1
name: Bad input
sources:
  reviews:
    type: json
    path: access-reviews.json
controls:
  - id: ACR-01
    title: Quarterly user access reviews signed off
    owner: grc@example.com
    risk: medium
    function: detect
    tests:
      - check: assert
        source: reviews
        params:
          each: '[].reviews[]'
          id: "join('/', [system, quarter])"
          expect: 'signed_off &&'
          message: 'access review of {{system}} for {{quarter}} has no sign-off'
`;

const withPlugin = (entry: string): string => edit(CATALOG, 'name: Bad input\n', `name: Bad input\nplugins:\n  - ${entry}\n`);
const rotationTest = (params: string): string =>
  edit(CATALOG, '      - check: aws/iam-root-mfa\n        source: creds\n', `      - check: aws/iam-access-key-rotation\n        source: creds\n${params}`);

/** `controls.yaml:line:col` of the first `needle` in a catalog text. */
function locate(text: string, needle: string): string {
  const offset = text.indexOf(needle);
  if (offset === -1) throw new Error(`locate: ${JSON.stringify(needle)} not found`);
  const before = text.slice(0, offset).split('\n');
  return `controls.yaml:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

/** The test of CATALOG, rewritten; line 22 holds its `check`. */
const withTest = (test: string, catalog = CATALOG): string => edit(catalog, '      - check: aws/iam-root-mfa\n        source: creds\n', test);

/** A source `name` of `type` beside creds. */
const withSource = (catalog: string, name: string, type: string, path: string): string =>
  edit(catalog, 'controls:\n', `  ${name}:\n    type: ${type}\n    path: ${path}\ncontrols:\n`);

/** Hand-written plugin checks: one reading CloudTrail logs whole, one visiting a JSON source as if it were streamed. */
const KIND_PLUGINS = {
  'plugins/count-events.mjs':
    "export default { id: 'acme/count-events', title: 'Count', description: 'Counts events.', remediation: 'None.', inputs: { records: 'aws/cloudtrail-logs' }, run: ({ inputs }) => ({ examined: inputs.records.length, findings: [] }) };\n",
  'plugins/visit-json.mjs':
    "export default { id: 'acme/visit-json', title: 'Visit', description: 'Visits JSON.', remediation: 'None.', inputs: { records: 'json' }, visitor: { init: () => 0, visit: () => undefined, merge: (a) => a, finish: () => ({ examined: 0, findings: [] }) } };\n",
};

const ACME = path.join(repoRoot, 'fixtures/plugins/acme-provider.js');

interface BadInput {
  name: string;
  /** controls.yaml */
  catalog: string;
  /** Other files of the case, relative to the catalog (`controls.yaml` here replaces `catalog` byte for byte). */
  files?: Record<string, string | Uint8Array>;
  /** Extra flags; cases with flags run only `run`, catalog cases run `run` and `validate`. */
  flags?: string[];
  /** `file:line:col`, or undefined for a bad flag, which has no place in a file. */
  at: string | undefined;
  /** What the first line says after the location (a prefix of it). */
  message: string;
  /** The hint line's text, exactly; omitted where it names machine-specific paths. */
  hint?: string;
}

const cases: BadInput[] = [
  {
    name: 'malformed YAML (a key without its colon)',
    catalog: edit(CATALOG, '    owner: platform-security@example.com', '    owner platform-security@example.com'),
    at: 'controls.yaml:10:5',
    message: 'Invalid YAML: Implicit keys need to be on a single line',
    hint: 'Check indentation, quoting and colons around this position.',
  },
  {
    name: 'malformed YAML (a tab as indentation)',
    catalog: edit(CATALOG, '    risk: critical', '\trisk: critical'),
    at: 'controls.yaml:11:1',
    message: 'Invalid YAML: Tabs are not allowed as indentation',
  },
  {
    name: 'a key given twice in one mapping',
    catalog: edit(CATALOG, '    risk: critical\n', '    risk: critical\n    risk: low\n'),
    at: 'controls.yaml:12:5',
    message: 'Invalid YAML: Map keys must be unique',
  },
  {
    name: 'a custom tag in the catalog (never run, never built)',
    catalog: edit(CATALOG, '    owner: platform-security@example.com', '    owner: !!js/function "function () { return 1 }"'),
    at: 'controls.yaml:10:12',
    message: 'Unsupported tag !!js/function: only the tags of the YAML 1.2 core schema are read',
  },
  {
    name: 'a merge key << in the catalog',
    catalog: edit(CATALOG, '    owner: platform-security@example.com\n', '    <<: { owner: platform-security@example.com }\n'),
    at: 'controls.yaml:10:5',
    message: 'Unsupported merge key <<: YAML 1.2 has no merge keys',
  },
  {
    name: 'an alias bomb in the catalog',
    catalog: `${CATALOG}x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n${[1, 2, 3, 4, 5].map((level) => `x${level}: &x${level} [${Array(10).fill(`*x${level - 1}`).join(', ')}]`).join('\n')}\n`,
    at: 'controls.yaml:28:45',
    message: 'Excessive aliasing: aliases expand this file by more than 100000 values',
  },
  {
    name: 'nesting past the depth limit in the catalog',
    catalog: edit(CATALOG, "      cis-aws-3: ['1.5']", `      cis-aws-3: ${'['.repeat(100)}${']'.repeat(100)}`),
    at: 'controls.yaml:14:114',
    message: 'Too deeply nested: more than 100 levels of lists and mappings',
  },
  {
    name: 'a custom tag in an exceptions file',
    catalog: `${CATALOG}exceptions:\n  - exceptions/*.yaml\n`,
    files: { 'exceptions/identity.yaml': '- id: EX-1\n  control: IAM-01\n  reason: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n' },
    at: 'exceptions/identity.yaml:3:11',
    message: 'Unsupported tag !vault: only the tags of the YAML 1.2 core schema are read',
  },
  {
    name: 'unknown key in a control, with a suggestion',
    catalog: edit(CATALOG, '    evidence:', '    evidense:'),
    at: 'controls.yaml:15:5',
    message: 'Unknown key "evidense" in control IAM-01',
    hint: 'Did you mean "evidence"?',
  },
  {
    name: 'a corrective action without the date it is due',
    catalog: `${CATALOG}    actions:\n      - { what: Rotate keys, owner: ops@example.com }\n`,
    at: locate(`${CATALOG}    actions:\n      - { what: Rotate keys, owner: ops@example.com }\n`, '{ what'),
    message: 'Missing required key "due" in control IAM-01, actions[0]',
  },
  {
    name: 'an unknown key holding terminal escapes and a bidi override, shown escaped',
    catalog: edit(CATALOG, '    evidence:', '    "\\e[31mevidence\\u202e\\r\\a":'),
    at: 'controls.yaml:15:5',
    message: 'Unknown key "\\x1b[31mevidence\\u202e\\r\\x07" in control IAM-01',
  },
  {
    name: 'a secret quoted by an error message, masked',
    catalog: edit(CATALOG, '    function: prevent', '    function: "password=hunter2"'),
    at: 'controls.yaml:12:15',
    message: 'Invalid value "password=[masked]" for control IAM-01, function: expected prevent | detect | respond | recover',
  },
  {
    name: 'unknown top-level key, with a suggestion',
    catalog: edit(CATALOG, 'sources:', 'source:'),
    at: 'controls.yaml:3:1',
    message: 'Unknown key "source"',
    hint: 'Did you mean "sources"?',
  },
  {
    name: 'wrong type (a list where a string belongs)',
    catalog: edit(CATALOG, '    title: Root account protected by MFA', '    title: [Root, MFA]'),
    at: 'controls.yaml:9:12',
    message: 'control IAM-01, title: expected string, received array',
  },
  {
    name: 'value outside an enum, with the allowed values',
    catalog: edit(CATALOG, '    function: prevent', '    function: protect'),
    at: 'controls.yaml:12:15',
    message: 'Invalid value "protect" for control IAM-01, function: expected prevent | detect | respond | recover',
    hint: 'Use one of: prevent, detect, respond, recover.',
  },
  {
    name: 'duplicate control id',
    catalog: `${CATALOG}  - id: IAM-01\n    title: No access keys for the root account\n    owner: platform-security@example.com\n    risk: critical\n    function: prevent\n`,
    at: 'controls.yaml:24:9',
    message: 'Duplicate control id "IAM-01" (first used at line 8)',
    hint: 'Control ids must be unique; rename one of them.',
  },
  {
    name: 'unknown check, with a suggestion',
    catalog: edit(CATALOG, 'check: aws/iam-root-mfa', 'check: aws/iam-roots-mfa'),
    at: 'controls.yaml:22:16',
    message: 'Unknown check "aws/iam-roots-mfa"',
    hint: 'Did you mean "aws/iam-root-mfa"?',
  },
  {
    name: 'unknown source, with a suggestion',
    catalog: edit(CATALOG, '        source: creds', '        source: cred'),
    at: 'controls.yaml:23:17',
    message: 'Unknown source "cred"',
    hint: 'Did you mean "creds"?',
  },
  {
    name: 'bad duration',
    catalog: edit(CATALOG, 'max_age: 12mo', 'max_age: 12 months'),
    at: 'controls.yaml:20:18',
    message: 'control IAM-01, evidence[0].max_age: Invalid duration: expected a number and a unit: m, h, d, w, mo or y (e.g. 90d, 12mo)',
  },
  {
    name: 'a window that is not a duration',
    catalog: edit(CATALOG, 'path: credential-report.csv', 'path: credential-report.csv\n    window: a quarter'),
    at: locate(edit(CATALOG, 'path: credential-report.csv', 'path: credential-report.csv\n    window: a quarter'), 'a quarter'),
    message: 'sources.creds.window: Invalid duration: expected a number and a unit: m, h, d, w, mo or y (e.g. 90d, 12mo)',
  },
  {
    name: 'a window on a source whose records have no time',
    catalog: edit(CATALOG, 'path: credential-report.csv', 'path: credential-report.csv\n    window: 30d'),
    at: locate(edit(CATALOG, 'path: credential-report.csv', 'path: credential-report.csv\n    window: 30d'), '30d'),
    message: 'Source "creds" has a window, but its records (aws/iam-credential-report) carry no time to judge it by',
    hint: 'An assessment window applies to log sources, such as aws/cloudtrail-logs; remove it here.',
  },
  {
    name: 'params on a source type that takes none',
    catalog: edit(CATALOG, 'path: credential-report.csv', 'path: credential-report.csv\n    params: { delimiter: ";" }'),
    at: locate(edit(CATALOG, 'path: credential-report.csv', 'path: credential-report.csv\n    params: { delimiter: ";" }'), '{ delimiter'),
    message: 'Source type "aws/iam-credential-report" takes no params (source "creds")',
    hint: 'Remove params: here; the pages under docs/sources name the params of the source types that take them.',
  },
  {
    name: 'an unknown param of a source type, with a suggestion',
    catalog: edit(CATALOG, 'controls:\n', '  people:\n    type: hr/leavers\n    path: leavers.csv\n    params: { email_colum: Mail }\ncontrols:\n'),
    at: locate(edit(CATALOG, 'controls:\n', '  people:\n    type: hr/leavers\n    path: leavers.csv\n    params: { email_colum: Mail }\ncontrols:\n'), 'email_colum'),
    message: 'Unknown key "email_colum" in sources.people.params',
    hint: 'Did you mean "email_column"?',
  },
  {
    name: 'bad date (no 30 February)',
    catalog: edit(CATALOG, 'date: 2026-09-03', 'date: 2026-02-30'),
    at: 'controls.yaml:19:15',
    message: 'control IAM-01, evidence[0].date: Invalid date: expected YYYY-MM-DD or an ISO timestamp with a zone',
  },
  {
    name: 'bad catalog as_of',
    catalog: edit(CATALOG, 'name: Bad input\n', 'name: Bad input\nas_of: 2026-13-01\n'),
    at: 'controls.yaml:3:8',
    message: 'as_of: Invalid date: expected YYYY-MM-DD or an ISO timestamp with a zone',
  },
  {
    name: 'bad JMESPath in an assert test',
    catalog: ASSERT_CATALOG,
    files: { 'access-reviews.json': '[]\n' },
    at: 'controls.yaml:19:19',
    message: 'control ACR-01, tests[0].params.expect: Invalid JMESPath expression "signed_off &&" in expect: ',
  },
  {
    name: 'params that fail the check schema',
    catalog: rotationTest('        params:\n          max_age: 90days\n'),
    at: 'controls.yaml:25:20',
    message: 'control IAM-01, tests[0].params.max_age: Invalid duration "90days"',
  },
  {
    name: 'unknown param, with a suggestion',
    catalog: rotationTest('        params:\n          max_ages: 90d\n'),
    at: 'controls.yaml:25:11',
    message: 'Unknown key "max_ages" in control IAM-01, tests[0].params',
    hint: 'Did you mean "max_age"?',
  },
  {
    name: 'threshold on a metric the check does not measure',
    catalog: edit(
      CATALOG,
      '      - check: aws/iam-root-mfa\n        source: creds\n',
      '      - check: aws/iam-console-mfa\n        source: creds\n        metrics:\n          mfa_coverage: { min: 100 }\n',
    ),
    at: 'controls.yaml:25:11',
    message: 'Check "aws/iam-console-mfa" has no metric "mfa_coverage"',
    hint: 'Did you mean "mfa_coverage_pct"?',
  },
  {
    name: 'plugin path missing',
    catalog: withPlugin('plugins/missing.mjs'),
    at: 'controls.yaml:4:5',
    message: 'Plugin file not found: plugins/missing.mjs',
  },
  {
    name: 'plugin exporting garbage',
    catalog: withPlugin('plugins/garbage.mjs'),
    files: { 'plugins/garbage.mjs': 'export default 42;\n' },
    at: 'controls.yaml:4:5',
    message: 'Plugin plugins/garbage.mjs exports number, not a check',
    hint: 'Export a check, a source or a provider: `export default defineCheck({ ... })`, `defineSource(...)`, `defineProvider(...)` or an array of them.',
  },
  {
    name: 'plugin exporting half a check',
    catalog: withPlugin('plugins/half.mjs'),
    files: { 'plugins/half.mjs': "export default { id: 'acme/half', title: 'Half a check' };\n" },
    at: 'controls.yaml:4:5',
    message:
      'Plugin plugins/half.mjs exports an invalid check "acme/half": "description" must be a non-empty string; "remediation" must be a non-empty string; "inputs" must map each input name to a source type or view (or a list of them); "run" must be a function (or "visitor" an object of init, visit, merge and finish)',
  },
  {
    name: 'plugin that throws while loading',
    catalog: withPlugin('plugins/broken.mjs'),
    files: { 'plugins/broken.mjs': "throw new Error('no config file');\n" },
    at: 'controls.yaml:4:5',
    message: 'Cannot load plugin plugins/broken.mjs: no config file',
  },
  {
    name: 'exception with no expires',
    catalog: CATALOG + edit(EXCEPTIONS, '    expires: 2026-12-31\n', ''),
    at: 'controls.yaml:25:5',
    message: 'Missing required key "expires" in exception EX-1',
    hint: 'Add "expires:" here.',
  },
  {
    name: 'exception with an unparseable expires',
    catalog: CATALOG + edit(EXCEPTIONS, 'expires: 2026-12-31', 'expires: end of Q4'),
    at: 'controls.yaml:32:14',
    message: 'exception EX-1, expires: Invalid date',
  },
  {
    name: 'exception that expires before it was approved',
    catalog: CATALOG + edit(EXCEPTIONS, 'expires: 2026-12-31', 'expires: 2026-09-01'),
    at: 'controls.yaml:32:14',
    message: 'Exception EX-1 expires (2026-09-01) before it was approved (2026-10-01)',
  },
  {
    name: 'exception naming an unknown control, with a suggestion',
    catalog: CATALOG + edit(EXCEPTIONS, 'control: IAM-01', 'control: IAM-1'),
    at: 'controls.yaml:26:14',
    message: 'Exception EX-1 names unknown control "IAM-1"',
    hint: 'Did you mean "IAM-01"?',
  },
  {
    name: 'scenario step naming an unknown control, with a suggestion',
    catalog: CATALOG + edit(SCENARIO, 'controls: [IAM-01]', 'controls: [IAM-1]'),
    at: 'controls.yaml:29:20',
    message: 'Unknown control "IAM-1" in step 1 of scenario ATK-01',
    hint: 'Did you mean "IAM-01"?',
  },
  {
    name: 'scenario step naming a control twice',
    catalog: CATALOG + edit(SCENARIO, 'controls: [IAM-01]', 'controls: [IAM-01, IAM-01]'),
    at: 'controls.yaml:29:28',
    message: 'Control "IAM-01" is named twice in step 1 of scenario ATK-01',
  },
  {
    name: 'unknown key in a scenario step, at its position',
    catalog: CATALOG + edit(SCENARIO, '      - title: Root signs in\n', '      - title: Root signs in\n        detect: [IAM-01]\n'),
    at: 'controls.yaml:29:9',
    message: 'Unknown key "detect" in scenarios[0].steps[0]',
  },
  {
    name: 'exception without expires in a separate exceptions file',
    catalog: `${CATALOG}exceptions:\n  - exceptions/*.yaml\n`,
    files: {
      'exceptions/identity.yaml':
        '- id: EX-1\n  control: IAM-01\n  reason: hardware token on order\n  risk: high\n  owner: platform-security@example.com\n  approved_by: ciso@example.com\n  approved: 2026-10-01\n',
    },
    at: 'exceptions/identity.yaml:1:3',
    message: 'Missing required key "expires"',
  },
  {
    name: 'unknown framework key, with a suggestion',
    catalog: edit(CATALOG, "      cis-aws-3: ['1.5']", "      cis-aws3: ['1.5']"),
    at: 'controls.yaml:14:7',
    message: 'Unknown framework "cis-aws3" in mappings of control IAM-01',
    hint: 'Did you mean "cis-aws-3"?',
  },
  {
    name: 'unknown criterion of a built-in framework, with a suggestion',
    catalog: edit(CATALOG, "      cis-aws-3: ['1.5']", "      cis-aws-3: ['1.50']"),
    at: 'controls.yaml:14:19',
    message: 'Unknown criterion "1.50" of framework "cis-aws-3" in control IAM-01',
    hint: 'Did you mean "1.5"?',
  },
  {
    name: 'a SOC 2 criterion written with a leading zero, with a suggestion',
    catalog: edit(CATALOG, "      cis-aws-3: ['1.5']", "      cis-aws-3: ['1.5']\n      soc2: [CC6.01]"),
    at: 'controls.yaml:15:14',
    message: 'Unknown criterion "CC6.01" of framework "soc2" in control IAM-01',
    hint: 'Did you mean "CC6.1"?',
  },
  {
    name: 'a framework key with no built-in registry, not declared under frameworks:',
    catalog: edit(CATALOG, "      cis-aws-3: ['1.5']", "      cis-aws-3: ['1.5']\n      internal-policy: [ACC-1]"),
    at: 'controls.yaml:15:7',
    message: 'Unknown framework "internal-policy" in mappings of control IAM-01',
    hint: 'Known frameworks: cis-aws-3, iso27001-2022, nist-csf-2, pci-dss-4, soc2; declare others under "frameworks:".',
  },
  {
    name: 'a criterion a declared framework does not list',
    catalog: edit(
      edit(CATALOG, 'name: Bad input\n', "name: Bad input\nframeworks:\n  internal-policy:\n    title: Internal access policy\n    criteria: [{ id: ACC-1, title: Named accounts }]\n"),
      "      cis-aws-3: ['1.5']",
      "      cis-aws-3: ['1.5']\n      internal-policy: [ACC-2]",
    ),
    at: 'controls.yaml:19:25',
    message: 'Unknown criterion "ACC-2" of framework "internal-policy" in control IAM-01',
    hint: 'Did you mean "ACC-1"?',
  },
  {
    name: 'unknown criterion far from any, naming the shape of the ids',
    catalog: edit(CATALOG, "      cis-aws-3: ['1.5']", "      cis-aws-3: ['CIS-1.5-root-mfa']"),
    at: 'controls.yaml:14:19',
    message: 'Unknown criterion "CIS-1.5-root-mfa" of framework "cis-aws-3" in control IAM-01',
    hint: 'Criterion ids of cis-aws-3 look like 1.1, 1.2, 1.3.',
  },
  {
    name: 'source of a type the check cannot read',
    catalog: edit(CATALOG, 'type: aws/iam-credential-report', 'type: json'),
    at: 'controls.yaml:23:17',
    message: 'Check "aws/iam-root-mfa" cannot read source "creds" of type "json"',
    hint: 'It reads: aws/iam-credential-report.',
  },
  {
    name: 'unknown source type, with a suggestion',
    catalog: edit(CATALOG, 'type: aws/iam-credential-report', 'type: aws/iam-credentials-report'),
    at: 'controls.yaml:5:11',
    message: 'Unknown source type "aws/iam-credentials-report" for source "creds"',
    hint: 'Did you mean "aws/iam-credential-report"?',
  },
  {
    name: 'a test binding both source and inputs',
    catalog: withTest('      - check: aws/iam-root-mfa\n        source: creds\n        inputs: { records: creds }\n'),
    at: locate(withTest('      - check: aws/iam-root-mfa\n        source: creds\n        inputs: { records: creds }\n'), '{ records: creds }'),
    message: 'A test binds its sources with "source" or with "inputs", not both',
  },
  {
    name: 'an input the check does not have, with a suggestion',
    catalog: withTest('      - check: aws/iam-root-mfa\n        inputs: { recods: creds }\n'),
    at: locate(withTest('      - check: aws/iam-root-mfa\n        inputs: { recods: creds }\n'), 'recods'),
    message: 'Check "aws/iam-root-mfa" has no input "recods"',
    hint: 'Did you mean "records"?',
  },
  {
    name: 'a check of several inputs bound with source',
    catalog: withPlugin(ACME).replace('check: aws/iam-root-mfa', 'check: acme/leavers-with-accounts'),
    at: locate(withPlugin(ACME), 'creds\n'),
    message: 'Check "acme/leavers-with-accounts" has several inputs (leavers, accounts): bind each under "inputs:"',
  },
  {
    name: 'an input left unbound',
    catalog: withTest('      - check: acme/leavers-with-accounts\n        inputs: { accounts: creds }\n', withPlugin(ACME)),
    at: locate(withTest('      - check: acme/leavers-with-accounts\n        inputs: { accounts: creds }\n', withPlugin(ACME)), '{ accounts'),
    message: 'Missing input "leavers" of check "acme/leavers-with-accounts"',
  },
  {
    name: 'a batch check bound to a streamed log source',
    catalog: withTest('      - check: acme/count-events\n        source: trail\n', withSource(withPlugin('plugins/count-events.mjs'), 'trail', 'aws/cloudtrail-logs', 'logs/*.json')),
    files: KIND_PLUGINS,
    at: locate(withTest('      - check: acme/count-events\n        source: trail\n', withSource(withPlugin('plugins/count-events.mjs'), 'trail', 'aws/cloudtrail-logs', 'logs/*.json')), 'trail\n'),
    message: 'Check "acme/count-events" reads its input whole, but source "trail" of type "aws/cloudtrail-logs" is streamed file by file',
  },
  {
    name: 'a stream check bound to a whole-file source',
    catalog: withTest('      - check: acme/visit-json\n        source: reviews\n', withSource(withPlugin('plugins/visit-json.mjs'), 'reviews', 'json', 'reviews.json')),
    files: KIND_PLUGINS,
    at: locate(withTest('      - check: acme/visit-json\n        source: reviews\n', withSource(withPlugin('plugins/visit-json.mjs'), 'reviews', 'json', 'reviews.json')), 'reviews\n'),
    message: 'Check "acme/visit-json" visits a streamed source, but source "reviews" of type "json" is read whole',
  },
  {
    name: 'bad --as-of',
    catalog: CATALOG,
    flags: ['--as-of', '2026-13-01'],
    at: undefined,
    message: 'Invalid --as-of "2026-13-01": expected a date like 2026-11-01 or an ISO instant',
    hint: 'Use YYYY-MM-DD (taken as 00:00 UTC) or a full timestamp such as 2026-11-01T12:00:00Z.',
  },
  {
    name: 'unknown --format, with a suggestion',
    catalog: CATALOG,
    flags: ['--format', 'jsn'],
    at: undefined,
    message: 'Unknown format "jsn": expected one of ',
    hint: 'Did you mean "json"?',
  },
  {
    name: 'unknown --fail-on value, with a suggestion',
    catalog: CATALOG,
    flags: ['--fail-on', 'ineffective,expired-exception'],
    at: undefined,
    message: 'Unknown --fail-on condition "expired-exception"',
    hint: 'Did you mean "expired-exceptions"?',
  },
  {
    name: 'bad --warn-days',
    catalog: CATALOG,
    flags: ['--warn-days', 'thirty'],
    at: undefined,
    message: 'Invalid --warn-days "thirty": expected a whole number of days',
  },
  {
    name: 'a --check-timeout that is not a number of seconds',
    catalog: CATALOG,
    flags: ['--check-timeout', '1m'],
    at: undefined,
    message: 'Invalid --check-timeout "1m": expected a number of seconds above 0, at most 86400',
    hint: 'For example --check-timeout 120.',
  },
  {
    name: 'a --check-timeout of 0 (no check could run)',
    catalog: CATALOG,
    flags: ['--check-timeout', '0'],
    at: undefined,
    message: 'Invalid --check-timeout "0": expected a number of seconds above 0, at most 86400',
  },
  {
    name: 'a missing required key, naming the control by its id',
    catalog: edit(CATALOG, '    risk: critical\n', ''),
    at: 'controls.yaml:8:5',
    message: 'Missing required key "risk" in control IAM-01',
    hint: 'Add "risk:" here.',
  },
  {
    name: 'control ids that differ only in case',
    catalog: `${CATALOG}  - id: iam-01\n    title: Again\n    owner: x@example.com\n    risk: low\n    function: detect\n`,
    at: 'controls.yaml:24:9',
    message: 'Control id "iam-01" differs from "IAM-01" (line 8) only in case',
  },
  {
    name: 'a --control that matches no control, with a suggestion',
    catalog: CATALOG,
    flags: ['--control', 'IAM-99'],
    at: undefined,
    message: 'Unknown control "IAM-99" in --control',
    hint: 'Did you mean "IAM-01"?',
  },
  {
    name: 'a --control that differs in case only is not a silent miss',
    catalog: CATALOG,
    flags: ['--control', 'iam-01'],
    at: undefined,
    message: 'Unknown control "iam-01" in --control',
    hint: 'Did you mean "IAM-01"?',
  },
  {
    name: 'an empty item in --control',
    catalog: CATALOG,
    flags: ['--control', 'IAM-01,'],
    at: undefined,
    message: 'Empty value in --control "IAM-01,"',
  },
  {
    name: 'an unknown --framework, with a suggestion',
    catalog: CATALOG,
    flags: ['--framework', 'cis-aws3'],
    at: undefined,
    message: 'Unknown framework "cis-aws3" in --framework',
    hint: 'Did you mean "cis-aws-3"?',
  },
  {
    name: 'a --framework no control maps to',
    catalog: CATALOG,
    flags: ['--framework', 'soc2'],
    at: undefined,
    message: 'No control is mapped to framework "soc2"',
    hint: 'The catalog maps controls to cis-aws-3.',
  },
  {
    name: 'an empty --fail-on',
    catalog: CATALOG,
    flags: ['--fail-on', ''],
    at: undefined,
    message: '--fail-on needs a condition',
  },
  {
    name: 'a catalog in UTF-32, named rather than misread',
    catalog: CATALOG,
    files: { 'controls.yaml': Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(Array.from(CATALOG).flatMap((char) => [char.charCodeAt(0), 0, 0, 0]))]) },
    at: 'controls.yaml:1:1',
    message: 'The file is UTF-32LE text, which controlproof does not read',
    hint: 'Save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`, or `Out-File -Encoding utf8` in PowerShell) and run again.',
  },
  {
    name: 'a catalog in Latin-1: invalid UTF-8 at its byte, never U+FFFD',
    catalog: CATALOG,
    files: { 'controls.yaml': Buffer.from(edit(CATALOG, 'Root account protected', 'Root account protégé'), 'latin1') },
    at: locate(CATALOG, 'protected').replace(/:\d+$/, `:${'    title: Root account prot'.length + 1}`),
    message: `Invalid UTF-8 at byte ${CATALOG.indexOf('protected') + 'prot'.length} (0xe9): the file is not UTF-8 text`,
    hint: 'Convert it to UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8` for Latin-1 text) and run again.',
  },
  {
    name: 'a limit that is not a size',
    catalog: edit(CATALOG, 'name: Bad input\n', 'name: Bad input\nlimits: { file_size: 12 parsecs }\n'),
    at: 'controls.yaml:3:22',
    message: 'limits.file_size: Invalid size: expected a whole number and a unit: B, KiB, MiB, GiB, KB, MB or GB (e.g. 512MiB)',
  },
  {
    name: '--fail-on none with conditions',
    catalog: CATALOG,
    flags: ['--fail-on', 'none,ineffective'],
    at: undefined,
    message: '--fail-on "none,ineffective" combines none with conditions',
    hint: 'Use none alone (never fail), or only conditions.',
  },
];

afterAll(removeTempDirs);

/** Flags only `run` takes; catalog errors alternate between `validate` and `run`, which load catalogs alike. */
function commandLine(testCase: BadInput, index: number): string[] {
  if (testCase.flags) return ['run', 'controls.yaml', ...testCase.flags];
  return index % 2 === 0 ? ['validate', 'controls.yaml'] : ['run', 'controls.yaml', '--as-of', '2026-11-01'];
}

// Each case spawns node; on a loaded machine that takes seconds, hence the generous timeouts.
describe.concurrent('bad input: exit 2 with file:line:col, a hint and no stack', { timeout: 60_000 }, () => {
  it('has at least 18 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(18);
    expect(new Set(cases.map((testCase) => testCase.name)).size).toBe(cases.length);
  });

  for (const [index, testCase] of cases.entries()) {
    const args = commandLine(testCase, index);
    it(`${testCase.name} (${args[0]})`, async () => {
      const dir = await tempTree({ 'controls.yaml': testCase.catalog, 'credential-report.csv': credentialReport, ...testCase.files });
      const { code, stdout, stderr } = await runCli(args, { cwd: dir });
      const [first = '', second = ''] = stderr.split('\n');
      const expected = testCase.at === undefined ? testCase.message : `${testCase.at}: ${testCase.message}`;

      expect(first.slice(0, expected.length), stderr).toBe(expected);
      if (testCase.hint === undefined) expect(second).toMatch(/^ {2}hint: \S/);
      else expect(second).toBe(`  hint: ${testCase.hint}`);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).not.toContain('    at ');
    });
  }
});

describe('--debug', { timeout: 60_000 }, () => {
  const catalog = edit(CATALOG, 'check: aws/iam-root-mfa', 'check: aws/iam-roots-mfa');

  it('prints the stack only when asked, after the same located line', async () => {
    const dir = await tempTree({ 'controls.yaml': catalog });
    const plain = await runCli(['validate', 'controls.yaml'], { cwd: dir });
    const debug = await runCli(['validate', 'controls.yaml', '--debug'], { cwd: dir });

    const located = 'controls.yaml:22:16: Unknown check "aws/iam-roots-mfa"';
    expect(plain.stderr.split('\n')[0]).toBe(located);
    expect(plain.stderr).not.toContain('    at ');
    expect(debug.stderr.split('\n')[0]).toBe(located);
    expect(debug.stderr).toMatch(/\n {4}at .+load-catalog\.(js|ts)/);
    expect([plain.code, debug.code]).toEqual([2, 2]);
  });
});

// DESIGN.md: a source that cannot be read makes only its tests `error`; it does not stop the run.
describe.concurrent('unreadable data: the test is `error` with the file and position, the run goes on', { timeout: 60_000 }, () => {
  /** IAM-01 reads the source under test; IAM-04 reads a good copy of the report and must still pass. */
  const catalog = (sourcePath: string, limits?: string): string =>
    `${edit(
      edit(CATALOG, 'name: Bad input\n', `name: Bad input\n${limits === undefined ? '' : `limits: ${limits}\n`}`),
      '    path: credential-report.csv\n',
      `    path: '${sourcePath}'\n  good:\n    type: aws/iam-credential-report\n    path: good/credential-report.csv\n`,
    )}  - id: IAM-04
    title: No access keys for the root account
    owner: platform-security@example.com
    risk: critical
    function: prevent
    tests:
      - check: aws/iam-root-access-keys
        source: good
`;
  const truncatedJson = credentialReportJson.slice(0, credentialReportJson.indexOf('\n', 2) - 40);
  const truncatedLine2 = truncatedJson.split('\n')[1] ?? '';

  const dataCases: Array<{ name: string; path: string; files: Record<string, string | Uint8Array>; limits?: string; links?: Record<string, string>; error: string }> = [
    {
      name: 'source glob matching nothing',
      path: 'exports/*.csv',
      files: {},
      error: 'source "creds" could not be read: controls.yaml:6:11: No file matches "exports/*.csv"',
    },
    {
      name: 'truncated JSON (aws iam get-credential-report output cut short)',
      path: 'credential-report.json',
      files: { 'credential-report.json': truncatedJson },
      error: `source "creds" could not be read: credential-report.json:2:${truncatedLine2.length + 1}: Invalid JSON: expected a closing double quote, found end of file`,
    },
    {
      name: 'credential report CSV with a wrong header',
      path: 'credential-report.csv',
      files: { 'credential-report.csv': wrongHeaderReport },
      error: `source "creds" could not be read: credential-report.csv:1:${wrongHeaderReport.indexOf('mfa_enabled') + 1}: Expected the 22 credential report columns, missing mfa_active; found unexpected column "mfa_enabled"`,
    },
    {
      name: 'a gzip bomb: past limits.file_size once decompressed, not "corrupt"',
      path: 'credential-report.csv',
      limits: '{ file_size: 4KiB }',
      files: { 'credential-report.csv': gzipSync(Buffer.alloc(1024 * 1024)) },
      error: 'source "creds" could not be read: credential-report.csv: File decompresses to more than that, above the 4 KiB limit for an export file',
    },
    {
      name: 'whole-file sources past limits.total_size: the one crossing it, in catalog order',
      path: 'credential-report.csv',
      limits: '{ total_size: 4KiB }',
      files: { 'credential-report.csv': `${credentialReport}${'x'.repeat(3000)}` },
      error: `source "creds" could not be read: credential-report.csv: Reading this file brings the whole-file sources to ${credentialReport.length + 3000} bytes, above the 4 KiB limit for all of them together`,
    },
    {
      name: 'invalid UTF-8 in an export, at its line and column',
      path: 'credential-report.csv',
      files: { 'credential-report.csv': Buffer.concat([Buffer.from(credentialReport.slice(0, credentialReport.indexOf('\n') + 6)), Buffer.from([0xc3, 0x28])]) },
      error: `source "creds" could not be read: credential-report.csv:2:6: Invalid UTF-8 at byte ${credentialReport.indexOf('\n') + 6} (0xc3): the file is not UTF-8 text`,
    },
    {
      name: 'a symlink to a device, never read without end',
      path: 'credential-report.csv',
      files: {},
      links: { 'credential-report.csv': '/dev/zero' },
      error: 'source "creds" could not be read: credential-report.csv: Cannot read an export file: this is a character device, not a regular file',
    },
    {
      name: 'a credential report whose header quotes a token: the error in the report masks it',
      path: 'credential-report.csv',
      files: { 'credential-report.csv': credentialReport.replace('mfa_active', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789') },
      error: `source "creds" could not be read: credential-report.csv:1:${credentialReport.indexOf('mfa_active') + 1}: Expected the 22 credential report columns, missing mfa_active; found unexpected column "[masked]"`,
    },
    {
      name: 'empty file',
      path: 'credential-report.csv',
      files: { 'credential-report.csv': '' },
      error: 'source "creds" could not be read: credential-report.csv:1:1: File is empty: expected an IAM credential report',
    },
  ];

  for (const dataCase of dataCases) {
    it(dataCase.name, async () => {
      const dir = await tempTree({ 'controls.yaml': catalog(dataCase.path, dataCase.limits), 'good/credential-report.csv': credentialReport, ...dataCase.files });
      for (const [link, target] of Object.entries(dataCase.links ?? {})) symlinkSync(target, path.join(dir, link));
      const { code, stdout, stderr } = await runCli(['run', 'controls.yaml', '--format', 'json', '--as-of', '2026-11-01'], { cwd: dir });
      const report: unknown = JSON.parse(stdout);
      const failOnError = await runCli(['run', 'controls.yaml', '--format', 'json', '--as-of', '2026-11-01', '--fail-on', 'error'], { cwd: dir });

      expect(report).toMatchObject({
        controls: [
          { id: 'IAM-01', works: 'error', assurance: 'unproven', tests: [{ check: 'aws/iam-root-mfa', status: 'error', examined: 0, findings: [], error: dataCase.error }] },
          { id: 'IAM-04', works: 'effective', tests: [{ check: 'aws/iam-root-access-keys', status: 'pass', examined: 1 }] },
        ],
        sources: [
          { name: 'creds', status: 'error', records: 0, error: dataCase.error.replace('source "creds" could not be read: ', '') },
          { name: 'good', status: 'ok', records: 9 },
        ],
      });
      expect(code).toBe(0);
      expect(failOnError.code).toBe(1);
      expect(stderr).not.toContain('    at ');
    });
  }
});
