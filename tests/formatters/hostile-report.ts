import { reportSchema, type Report } from '../../src/report/model.js';
import { scenarioResults } from '../../src/report/scenarios.js';
import { sampleReport } from './sample-report.js';

// The sample report with hostile and unicode strings in the slots the text formats show: what a CSV, a Markdown
// comment or a workflow command must carry as data, never as structure. Kept apart from sample-report.ts, which
// other tests read as it is.

/** Every hostile string, by the slot it is put in. */
export const HOSTILE = {
  catalogName: 'Acme | <b>Corp</b> & "Partners" `ops` *bold* _u_ [link](https://x.example) $x^2$ ~~s~~ #1 @team',
  title: '=HYPERLINK("https://evil.example","click"), 50% done :: "quoted"\nnext line',
  unicodeTitle: 'Zoë’s 日本語 🚀 identities enrol MFA',
  listTitle: '- not a list item',
  indentedTitle: '     indented code?',
  resource: '@SUM(A1:A9),"x"|y',
  message: '-2+3 ::error title=forged::pwned %25 %0A <script>alert(1)</script> &amp;',
  owner: '+owner|pipe@acme.example',
  reason: '\tleading tab ::warning::fake\r\nCRLF 100%',
  warning: '1. not a list | ## not a heading',
  error: 'line one\nline two, with "quotes"',
  remediation: 'Run `aws iam x --y` then | pipe, and `` a ` tick `` too',
  exceptionId: 'EX-3,line=1',
  scenarioTitle: '1. <img src=x onerror=alert(1)> | ## path',
  stepTitle: '- step *one* `two` <b>three</b>',
};

/** The sample report with HOSTILE in place. */
export function hostileReport(): Report {
  const report = structuredClone(sampleReport);
  const byId = (id: string) => {
    const control = report.controls.find((each) => each.id === id);
    if (!control) throw new Error(`sample report changed: no control ${id}`);
    return control;
  };
  report.catalog.name = HOSTILE.catalogName;
  const iam = byId('IAM-1');
  iam.title = HOSTILE.title;
  iam.owner = HOSTILE.owner;
  const [consoleMfa] = iam.tests;
  const [finding, expiredFinding] = consoleMfa?.findings ?? [];
  if (!consoleMfa || !finding || !expiredFinding) throw new Error('sample report changed: IAM-1 findings');
  consoleMfa.remediation = HOSTILE.remediation;
  finding.resource = HOSTILE.resource;
  finding.message = HOSTILE.message;
  expiredFinding.expired_exception = HOSTILE.exceptionId;
  byId('MFA-2').title = HOSTILE.unicodeTitle;
  byId('LOG-1').title = HOSTILE.listTitle;
  byId('BAK-1').title = HOSTILE.indentedTitle;
  const irTest = byId('IR-1').tests[0];
  if (!irTest) throw new Error('sample report changed: IR-1 test');
  irTest.error = HOSTILE.error;
  const [expired] = report.exceptions;
  if (!expired) throw new Error('sample report changed: exceptions');
  expired.id = HOSTILE.exceptionId;
  expired.reason = HOSTILE.reason;
  expired.owner = HOSTILE.owner;
  const [warning] = report.warnings;
  if (!warning) throw new Error('sample report changed: warnings');
  warning.message = HOSTILE.warning;
  // An attack path over the hostile controls, one of them left out by the run's filters.
  report.scenarios = scenarioResults(
    [{ id: 'ATK-1', title: HOSTILE.scenarioTitle, description: HOSTILE.message, steps: [{ title: HOSTILE.stepTitle, controls: ['IAM-1', 'LOG-1'] }, { title: HOSTILE.listTitle, controls: ['MFA-2', 'GONE-1'] }] }],
    report.controls,
  );
  return reportSchema.parse(report);
}
