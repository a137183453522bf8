import { describe, expect, it } from 'vitest';
import type { FormatOptions } from '../../../src/formatters/define-formatter.js';
import table from '../../../src/formatters/run/table.js';
import { reportSchema, type Report } from '../../../src/report/model.js';
import { scenarioResults } from '../../../src/report/scenarios.js';
import { sampleReport } from '../sample-report.js';

const ESC = '\u001b';

/** The table at 100 columns unless `width` says otherwise. */
function render(report: Report = sampleReport, options: Omit<FormatOptions, 'color'> & { color?: boolean } = {}): string {
  return table.format(report, { width: 100, ...options, color: options.color ?? false });
}

function lines(output: string): string[] {
  return output.split('\n');
}

/** A copy of the sample report with some changes, still valid against the schema. */
function changed(change: (report: Report) => void): Report {
  const report = structuredClone(sampleReport);
  change(report);
  return reportSchema.parse(report);
}

function controlOf(report: Report, id: string): Report['controls'][number] {
  const control = report.controls.find((each) => each.id === id);
  if (!control) throw new Error(`sample report changed: no ${id}`);
  return control;
}

function lineIndex(output: string, line: string): number {
  const index = lines(output).indexOf(line);
  expect(index, `line not found: ${line}`).toBeGreaterThanOrEqual(0);
  return index;
}

describe('table formatter', () => {
  it('starts with the catalog name, the as-of date and the number of controls', () => {
    expect(lines(render())[0]).toBe('Acme Corp security controls (controls.yaml) · as of 2025-06-30 · 8 controls');
  });

  it('shows an as-of that is not midnight to the second, never in milliseconds', () => {
    const report = changed((draft) => {
      draft.as_of = '2025-06-30T14:05:09.123Z';
    });
    expect(lines(render(report))[0]).toBe('Acme Corp security controls (controls.yaml) · as of 2025-06-30 14:05:09 UTC · 8 controls');
  });

  it('prints the exists × works matrix with row and column totals', () => {
    const output = lines(render());
    const start = output.indexOf('  exists \\ works  effective  ineffective  error  untested  total');
    expect(output.slice(start, start + 6)).toEqual([
      '  exists \\ works  effective  ineffective  error  untested  total',
      '  evidenced               1            1      0         1      3',
      '  stale                   0            1      1         0      2',
      '  missing                 0            0      1         0      1',
      '  none                    1            1      0         0      2',
      '  total                   2            3      2         1      8',
    ]);
  });

  it('prints assurance and test counts, never a single percentage', () => {
    const output = render();
    expect(lines(output)).toContain(
      'Assurance  1 assured · 2 paper-only · 2 unproven · 1 undocumented · 1 failing · 1 unknown',
    );
    expect(lines(output)).toContain('Tests  3 pass · 3 fail · 2 error · 1 vacuous');
    expect(output).not.toMatch(/\d+(\.\d+)?\s*%/);
  });

  it('prints the works lens per control function', () => {
    const output = lines(render());
    const start = output.indexOf('  works by function  effective  ineffective  error  untested  total');
    expect(start).toBeGreaterThan(0);
    expect(output.slice(start + 1, start + 5)).toEqual([
      '  prevent                    2            2      1         0      5',
      '  detect                     0            1      0         0      1',
      '  respond                    0            0      1         0      1',
      '  recover                    0            0      0         1      1',
    ]);
  });

  it('lists the controls that need attention first, by risk then assurance, then the assured, then sources, exceptions and warnings', () => {
    const output = render();
    const order = [
      'Needs attention (7): most at risk first, then by assurance',
      '  JML-2  Leavers lose access to every system within one business day of their termination date',
      '  IAM-1  Console users sign in with MFA',
      '  LOG-1  CloudTrail records management events in every region',
      '  BAK-1  Production backups are restore-tested every quarter',
      '  IR-1  GuardDuty findings are triaged within 24 hours',
      '  KEY-3  Access keys are rotated within 90 days',
      '  GH-1  Default branches require a reviewed pull request',
      'Assured (1): evidenced and effective',
      'Sources with errors (1)',
      'Exceptions  1 active · 1 expiring · 1 expired · 1 unused',
      'Exception age by risk',
      'Warnings (2)',
    ].map((line) => lineIndex(output, line));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // MFA-2 comes first in the report, but an assured control belongs in the table after the ones that need attention.
    expect(output.indexOf('MFA-2')).toBeGreaterThan(output.indexOf('  GH-1  '));
  });

  it('orders by risk first, then paper-only, failing, unknown, unproven, undocumented, then catalog order', () => {
    const report = changed((draft) => {
      for (const control of draft.controls) control.risk = 'high';
      const bak = controlOf(draft, 'BAK-1');
      bak.risk = 'critical';
    });
    const ids = lines(render(report).split('Corrective actions')[0] ?? '')
      .filter((line) => /^ {2}[A-Z]+-\d+ {2}/.test(line))
      .map((line) => line.trim().split(' ')[0]);
    // BAK-1 (unproven) is the one critical control; then, all high: paper-only IAM-1 and JML-2 in catalog order,
    // failing LOG-1, unknown GH-1, unproven IR-1, undocumented KEY-3; assured MFA-2 is in the table after them.
    expect(ids).toEqual(['BAK-1', 'IAM-1', 'JML-2', 'LOG-1', 'GH-1', 'IR-1', 'KEY-3', 'MFA-2']);
  });

  it('prints assurance, owner, risk and both lenses of a control that needs attention', () => {
    expect(lines(render())).toContain('    failing · owner cloud-platform@acme.example · risk high · exists none · works ineffective');
    expect(lines(render())).toContain('    paper-only · owner it-operations@acme.example · risk critical · exists stale · works ineffective');
  });

  it('shows error, unknown and undocumented controls in detail, with what is missing', () => {
    const output = lines(render());
    const gh = output.indexOf('  GH-1  Default branches require a reviewed pull request');
    expect(output.slice(gh + 1, gh + 5)).toEqual([
      '    unknown · owner engineering@acme.example · risk low · exists missing · works error',
      '    missing  evidence Change management policy: missing',
      '    error  github/branch-protection · source github-branch-protection · examined 0',
      '          0 findings, 0 excepted',
    ]);
    const key = output.indexOf('  KEY-3  Access keys are rotated within 90 days');
    expect(output.slice(key + 1, key + 4)).toEqual([
      '    undocumented · owner platform-security@acme.example · risk medium · exists none',
      '      works effective',
      '    none  no evidence declared: an audit will not see this control',
    ]);
    expect(output).toContain('    vacuous  assert · source backup-restore-jobs · examined 0 · 0 findings, 0 excepted');
    expect(output).toContain("      error: check threw: Cannot read properties of undefined (reading 'Status')");
  });

  it('says a control without tests has none', () => {
    const report = changed((draft) => {
      const bak = controlOf(draft, 'BAK-1');
      bak.tests = [];
    });
    const output = lines(render(report));
    const bak = output.indexOf('  BAK-1  Production backups are restore-tested every quarter');
    expect(output[bak + 2]).toBe('    untested  no tests: nothing shows this control working');
  });

  it('says how stale evidence is: its max age, its date and the days overdue', () => {
    expect(lines(render())).toContain('    stale  evidence Quarterly access review sign-off: 90d max age, dated 2025-01-15, 76 days overdue');
    expect(lines(render())).toContain('    stale  evidence Incident response runbook: 12mo max age, dated 2024-03-02, 120 days overdue');
  });

  it('prints each failing test with its source, examined, findings and excepted counts, but not passing tests', () => {
    const output = render();
    expect(lines(output)).toContain(
      '    fail  aws/iam-console-mfa · source iam-credentials · examined 42 · 8 findings, 0 excepted',
    );
    expect(lines(output)).toContain(
      '    fail  okta/leavers-deactivated · source okta-users · examined 37 · 2 findings, 1 excepted',
    );
    expect(lines(output)).toContain('      metric mfa_coverage_pct = 81 (min 100)');
    expect(output).not.toContain('aws/iam-root-mfa');
    expect(output).not.toContain('Tests that could not run');
  });

  it('shows at most five findings per test, then how many more there are and which formats show them all', () => {
    const output = lines(render());
    const start = output.indexOf('      metric mfa_coverage_pct = 81 (min 100)');
    expect(output.slice(start + 1, start + 9)).toEqual([
      '      - arn:aws:iam::210987654321:user/dana: user dana has console access without MFA',
      '      - arn:aws:iam::210987654321:user/ci-deploy: user ci-deploy has console access without MFA',
      '        [exception EX-3 expired]',
      '      - arn:aws:iam::210987654321:user/erik: user erik has console access without MFA',
      '      - arn:aws:iam::210987654321:user/farah: user farah has console access without MFA',
      '      - arn:aws:iam::210987654321:user/gosia: user gosia has console access without MFA',
      '      … and 3 more: --format markdown, csv or json shows all',
      '',
    ]);
    expect(output.join('\n')).not.toContain('user/hiro');
  });

  it('shows as many findings as maxFindings says, all with Infinity, and then points past Markdown', () => {
    const findings = (output: string): string[] => lines(output).filter((line) => line.startsWith('      - arn:aws:iam::210987654321:user/'));
    expect(findings(render(sampleReport, { maxFindings: 2 }))).toHaveLength(2);
    expect(lines(render(sampleReport, { maxFindings: 2 }))).toContain('      … and 6 more: --max-findings all, or --format csv or json, shows all');
    expect(findings(render(sampleReport, { maxFindings: 0 }))).toEqual([]);
    const all = render(sampleReport, { maxFindings: Number.POSITIVE_INFINITY });
    expect(findings(all)).toHaveLength(8);
    expect(all).toContain('user/hiro');
    expect(all).not.toContain('… and');
  });

  it('wraps a long finding at the width without breaking its resource id', () => {
    const arn = 'arn:aws:kms:eu-west-1:210987654321:key/0b7e2f4c-5d1a-4e8b-9c3f-6a2d8e1f4b70';
    const report = changed((draft) => {
      const finding = draft.controls[4]?.tests[0]?.findings[0];
      if (!finding) throw new Error('sample report changed: LOG-1 has no finding');
      finding.resource = arn;
      finding.message = `customer managed key ${arn.slice(-36)} ("app-data encryption", eu-west-1) has automatic rotation disabled`;
    });
    const output = lines(render(report, { width: 80 }));
    const start = output.indexOf(`      - ${arn}:`);
    expect(output.slice(start, start + 3)).toEqual([
      `      - ${arn}:`,
      '        customer managed key 0b7e2f4c-5d1a-4e8b-9c3f-6a2d8e1f4b70 ("app-data',
      '        encryption", eu-west-1) has automatic rotation disabled',
    ]);
    // At 40 columns the ARN is longer than a line: it stays whole, with its bullet.
    expect(lines(render(report, { width: 40 }))).toContain(`      - ${arn}:`);
  });

  it('marks excepted findings with the exception id', () => {
    const output = lines(render());
    const start = output.indexOf('    fail  okta/leavers-deactivated · source okta-users · examined 37 · 2 findings, 1 excepted');
    expect(output.slice(start + 1, start + 5)).toEqual([
      '      - 00u8k2m4n5p6q7r8s9t0: user ben.ortiz@acme.example is ACTIVE 12 days after termination on',
      '        2025-06-18',
      '      - 00u1a2b3c4d5e6f7g8h9: user mei.li@acme.example is ACTIVE 30 days after termination on',
      '        2025-05-31 [excepted by EX-7]',
    ]);
  });

  it('shows findings that count as failures before excepted ones', () => {
    const report = changed((draft) => {
      const test = draft.controls[2]?.tests[0];
      if (!test) throw new Error('sample report changed: IAM-1 has no test');
      test.findings.unshift({ resource: 'arn:aws:iam::210987654321:user/kiosk', message: 'user kiosk has console access without MFA', excepted_by: 'EX-4' });
      test.excepted = 1;
    });
    const output = render(report);
    expect(output).not.toContain('user/kiosk');
    expect(lines(output)).toContain('      … and 4 more: --format markdown, csv or json shows all');
  });

  it('prints the assured controls as a table with owner, risk and function, the title sized to the width', () => {
    const output = lines(render());
    const start = output.indexOf('Assured (1): evidenced and effective');
    expect(output.slice(start + 1, start + 4)).toEqual([
      '  id     title                                                       owner          risk  function',
      '  MFA-2  Workforce identities enrol a phishing-resistant MFA factor  identity       high  prevent',
      '                                                                     @acme.example',
    ]);
    const narrow = lines(render(sampleReport, { width: 60 }));
    const table = narrow.indexOf('Assured (1): evidenced and effective');
    expect(narrow.slice(table + 1, table + 3).map((line) => line.length <= 60)).toEqual([true, true]);
    expect(narrow[table + 2]).toMatch(/^ {2}MFA-2 {2}Workforce identities +identity +high {2}prevent$/);
  });

  for (const width of [80, 100, 120]) {
    it(`keeps every line within ${width} columns`, () => {
      const tooLong = lines(render(sampleReport, { width })).filter((line) => line.length > width);
      expect(tooLong).toEqual([]);
    });
  }

  it('lays out in 80 columns by default, and no narrower than 40', () => {
    expect(table.format(sampleReport, { color: false })).toBe(render(sampleReport, { width: 80 }));
    expect(render(sampleReport, { width: 10 })).toBe(render(sampleReport, { width: 40 }));
  });

  it('lists sources that could not be read, and errored tests under their control', () => {
    const output = lines(render());
    expect(output).toContain('  github-branch-protection (json): no files match exports/github/branch-protection-*.json');
    const ir = output.indexOf('  IR-1  GuardDuty findings are triaged within 24 hours');
    expect(output.slice(ir + 3, ir + 5)).toEqual([
      '    error  assert · source guardduty-detectors · examined 0 · 0 findings, 0 excepted',
      "      error: check threw: Cannot read properties of undefined (reading 'Status')",
    ]);
  });

  it('prints exception counts, the exceptions that need a decision (not active) and the tier table', () => {
    const output = lines(render());
    const due = output.indexOf('Exceptions  1 active · 1 expiring · 1 expired · 1 unused');
    // At 100 columns the owners fit whole; at 80 they break before the domain.
    expect(output.slice(due + 1, due + 5)).toEqual([
      '  status    id     control  owner                           expires     due',
      '  expired   EX-3   IAM-1    platform-security@acme.example  2025-05-26  35 days overdue',
      '  expiring  EX-9   KEY-3    platform-security@acme.example  2025-07-14  14 days left',
      '  unused    EX-12  MFA-2    identity@acme.example           2025-12-10  163 days left',
    ]);
    const narrow = lines(render(sampleReport, { width: 80 }));
    const dueNarrow = narrow.indexOf('Exceptions  1 active · 1 expiring · 1 expired · 1 unused');
    expect(narrow.slice(dueNarrow + 1, dueNarrow + 4)).toEqual([
      '  status    id     control  owner              expires     due',
      '  expired   EX-3   IAM-1    platform-security  2025-05-26  35 days overdue',
      '                            @acme.example',
    ]);
    const tiers = output.indexOf('Exception age by risk');
    expect(output.slice(tiers + 1, tiers + 6)).toEqual([
      '  risk      count  median age  oldest age  expired  expiring',
      '  critical      0           –           –        0         0',
      '  high          2        220d        400d        1         0',
      '  medium        1        170d        170d        0         1',
      '  low           1         20d         20d        0         0',
    ]);
  });

  it('omits the tier table when there are no tiers and the due table when nothing is due', () => {
    const output = render(
      changed((draft) => {
        draft.summary.exception_tiers = [];
        draft.exceptions = draft.exceptions.filter((exception) => exception.status === 'active');
      }),
    );
    expect(output).not.toContain('Exception age by risk');
    expect(output).not.toContain('  status    id');
  });

  it('ends with the warnings and their hints', () => {
    expect(lines(render()).slice(-5)).toEqual([
      'Warnings (2)',
      '  ! exception EX-12 matched no finding in this run',
      '    Retire it, or check that its resources still match the findings of MFA-2.',
      '  ! source cloudtrail-trails holds 1 trail for 1 account: other accounts are not covered',
      '',
    ]);
  });

  it('hides the table of assured controls with onlyFailing, keeping every control that needs attention', () => {
    const output = render(sampleReport, { onlyFailing: true });
    expect(output).not.toContain('Assured (');
    expect(output).not.toContain('MFA-2  Workforce');
    expect(output).toContain('Needs attention (7)');
    for (const id of ['JML-2', 'IAM-1', 'LOG-1', 'BAK-1', 'IR-1', 'KEY-3', 'GH-1']) expect(output).toMatch(new RegExp(`^  ${id}  `, 'm'));
    expect(output).toContain('Warnings (2)');
    expect(render()).toContain('Assured (1)');
  });

  it('says so when every control is assured', () => {
    const report = changed((draft) => {
      draft.controls = draft.controls.filter((control) => control.assurance === 'assured');
    });
    expect(lines(render(report))).toContain('Every control is assured: evidenced and effective.');
  });

  it('prints no ANSI escapes without colour, and colours verdicts with it', () => {
    expect(render()).not.toContain(ESC);
    const coloured = render(sampleReport, { color: true });
    expect(coloured).toContain(`${ESC}[31mpaper-only${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[31mineffective${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[32massured${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[33mstale${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[33mexpiring${ESC}[39m`);
    expect(coloured).toContain(`      ${ESC}[2m… and 3 more: --format markdown, csv or json shows all${ESC}[22m`);
  });

  it('shows control characters from the data instead of sending them to the terminal', () => {
    const report = changed((draft) => {
      const finding = draft.controls[4]?.tests[0]?.findings[0];
      if (!finding) throw new Error('sample report changed: LOG-1 has no finding');
      finding.message = `trail ${ESC}[2Jwiped\nout`;
    });
    const output = render(report);
    expect(output).not.toContain(ESC);
    expect(output).toContain('trail \\x1b[2Jwiped\\nout');
  });

  it('is deterministic and ends with one newline', () => {
    const output = render();
    expect(render()).toBe(output);
    expect(output.endsWith('other accounts are not covered\n')).toBe(true);
    expect(output.endsWith('\n\n')).toBe(false);
  });
});

describe('run --format table: attack paths', () => {
  it('lists each scenario with its status, each step with its controls\' assurance, the residual risk; none without scenarios', () => {
    const report = structuredClone(sampleReport);
    report.scenarios = scenarioResults([{ id: 'ATK-1', title: 'Phished admin', steps: [{ title: 'Sign in', controls: ['IAM-1', 'GONE-1'] }, { title: 'Escalate', controls: ['MFA-2'] }] }], report.controls);
    const lines = table.format(report, { color: false, width: 100 }).split('\n');
    const start = lines.indexOf('Attack paths (1)');
    expect(lines.slice(start, start + 5)).toEqual([
      'Attack paths (1)',
      '  ATK-1  Phished admin: held by an assured control',
      '    1. Sign in: held only on paper (IAM-1 paper-only, GONE-1 not in this run)',
      '    2. Escalate: held by an assured control (MFA-2 assured)',
      '    residual risk: Held at step 2 by an assured control; risk remains at step 1 (held only on paper:',
    ]);
    expect(table.format(sampleReport, { color: false })).not.toContain('Attack paths');
  });
});
