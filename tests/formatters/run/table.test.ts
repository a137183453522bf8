import { describe, expect, it } from 'vitest';
import table from '../../../src/formatters/run/table.js';
import { reportSchema, type Report } from '../../../src/report/model.js';
import { sampleReport } from '../sample-report.js';

const ESC = '\u001b';

function render(report: Report = sampleReport, options: { color?: boolean; onlyFailing?: boolean } = {}): string {
  return table.format(report, { color: options.color ?? false, onlyFailing: options.onlyFailing });
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

function lineIndex(output: string, line: string): number {
  const index = lines(output).indexOf(line);
  expect(index, `line not found: ${line}`).toBeGreaterThanOrEqual(0);
  return index;
}

describe('table formatter', () => {
  it('starts with the catalog name, the as-of date and the number of controls', () => {
    expect(lines(render())[0]).toBe(
      'Acme Corp security controls (controls.yaml) · as of 2025-06-30T00:00:00.000Z · 8 controls',
    );
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

  it('lists paper-only controls first, then failing ones, then the rest, then sources, exceptions and warnings', () => {
    const output = render();
    const order = [
      'Paper-only (2): evidenced on paper, failing in the data',
      '  IAM-1  Console users sign in with MFA',
      '  JML-2  Leavers lose access to every system within one business day of their termination date',
      'Failing (1): neither evidenced nor working',
      '  LOG-1  CloudTrail records management events in every region',
      'Other controls (5)',
      'Sources with errors (1)',
      'Tests that could not run (1)',
      'Exceptions  1 active · 1 expiring · 1 expired · 1 unused',
      'Exception age by risk',
      'Warnings (2)',
    ].map((line) => lineIndex(output, line));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // MFA-2 comes first in the report, but an assured control belongs in the table after the paper-only ones.
    expect(output.indexOf('MFA-2')).toBeGreaterThan(output.indexOf('Failing (1)'));
  });

  it('prints owner, risk and both lenses of a control that needs action', () => {
    expect(lines(render())).toContain(
      '    owner platform-security@acme.example · risk high · exists evidenced · works ineffective',
    );
    expect(lines(render())).toContain('    owner it-operations@acme.example · risk critical · exists stale · works ineffective');
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
  });

  it('shows at most five findings per test, then how many more there are', () => {
    const output = lines(render());
    const start = output.indexOf('      metric mfa_coverage_pct = 81 (min 100)');
    expect(output.slice(start + 1, start + 9)).toEqual([
      '      - arn:aws:iam::210987654321:user/dana: user dana has console access without MFA',
      '      - arn:aws:iam::210987654321:user/ci-deploy: user ci-deploy has console access without MFA',
      '        [exception EX-3 expired]',
      '      - arn:aws:iam::210987654321:user/erik: user erik has console access without MFA',
      '      - arn:aws:iam::210987654321:user/farah: user farah has console access without MFA',
      '      - arn:aws:iam::210987654321:user/gosia: user gosia has console access without MFA',
      '      … and 3 more',
      '',
    ]);
    expect(output.join('\n')).not.toContain('user/hiro');
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
    expect(lines(output)).toContain('      … and 4 more');
  });

  it('prints the table of other controls with owner, function and both lenses', () => {
    const output = lines(render());
    const start = output.indexOf('Other controls (5)');
    expect(output.slice(start + 1, start + 6)).toEqual([
      '  id     title               owner              risk    function  exists     works      assurance',
      '  MFA-2  Workforce           identity           high    prevent   evidenced  effective  assured',
      '         identities enrol a  @acme.example',
      '         phishing-resistant',
      '         MFA factor',
    ]);
    expect(output).toContain('  BAK-1  Production backups  sre@acme.example   medium  recover   evidenced  untested   unproven');
    expect(output).toContain('  KEY-3  Access keys are     platform-security  medium  prevent   none       effective  undocumented');
  });

  it('keeps every line within 100 columns for this report', () => {
    const tooLong = lines(render()).filter((line) => line.length > 100);
    expect(tooLong).toEqual([]);
  });

  it('lists sources that could not be read and tests that could not run for another reason', () => {
    const output = lines(render());
    expect(output).toContain('  github-branch-protection (json): no files match exports/github/branch-protection-*.json');
    const start = output.indexOf('Tests that could not run (1)');
    expect(output.slice(start + 1, start + 3)).toEqual([
      '  IR-1  assert (source guardduty-detectors): check threw: Cannot read properties of undefined',
      "      (reading 'Status')",
    ]);
    // GH-1 errored because its source did: already explained under "Sources with errors".
    expect(output.join('\n')).not.toContain('source github-branch-protection could not be read');
  });

  it('prints exception counts, the exceptions that need a decision (not active) and the tier table', () => {
    const output = lines(render());
    const due = output.indexOf('Exceptions  1 active · 1 expiring · 1 expired · 1 unused');
    expect(output.slice(due + 1, due + 5)).toEqual([
      '  status    id     control  owner                           expires     due',
      '  expired   EX-3   IAM-1    platform-security@acme.example  2025-05-26  35 days overdue',
      '  expiring  EX-9   KEY-3    platform-security@acme.example  2025-07-14  14 days left',
      '  unused    EX-12  MFA-2    identity@acme.example           2025-12-10  163 days left',
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

  it('hides the table of other controls with onlyFailing, keeping the rest', () => {
    const output = render(sampleReport, { onlyFailing: true });
    expect(output).not.toContain('Other controls');
    expect(output).not.toContain('MFA-2  Workforce');
    expect(output).toContain('Paper-only (2): evidenced on paper, failing in the data');
    expect(output).toContain('Warnings (2)');
    expect(render()).toContain('Other controls (5)');
  });

  it('says so when no control is paper-only or failing', () => {
    const report = changed((draft) => {
      draft.controls = draft.controls.filter((control) => control.assurance === 'assured');
    });
    expect(lines(render(report))).toContain('No paper-only or failing controls.');
  });

  it('prints no ANSI escapes without colour, and colours verdicts with it', () => {
    expect(render()).not.toContain(ESC);
    const coloured = render(sampleReport, { color: true });
    expect(coloured).toContain(`${ESC}[31mpaper-only${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[31mineffective${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[32massured${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[33mstale${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[33mexpiring${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[2m      … and 3 more${ESC}[22m`);
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
