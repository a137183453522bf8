// The controls in the Markdown report: those that need action in detail, with every finding unless --max-findings
// cuts them (a hand-over document lists all; a pull request comment may want fewer), the rest as a table.
import type { ControlResult, FindingResult, Report, TestResult } from '../../../report/model.js';
import { plural } from '../../text/layout.js';
import { markdownCode, markdownProse, markdownTable, markdownText } from '../../text/markdown.js';
import { detailSections, shownInDetail } from '../detail-sections.js';
import { failedMetrics, readsText, topFindings } from '../table/test-details.js';

function findingLine(finding: FindingResult): string {
  const note = finding.excepted_by
    ? ` *(excepted by ${markdownText(finding.excepted_by)})*`
    : finding.expired_exception
      ? ` **(exception ${markdownText(finding.expired_exception)} expired)**`
      : '';
  return `  - ${markdownCode(finding.resource)}: ${markdownText(finding.message)}${note}`;
}

/** One failing or errored test as a list item, with at most `maxFindings` of its findings. */
function testLines(test: TestResult, maxFindings: number): string[] {
  const facts = [`**${test.status}** ${markdownCode(test.check)}`, markdownText(readsText(test)), `examined ${test.examined}`, `${plural(test.findings.length, 'finding')}, ${test.excepted} excepted`];
  const shown = topFindings(test.findings).slice(0, maxFindings);
  const hidden = test.findings.length - shown.length;
  return [
    `- ${facts.join(' · ')}`,
    ...(test.error === undefined ? [] : [`  - error: ${markdownText(test.error)}`]),
    ...failedMetrics(test).map(({ name, value, bounds }) => `  - metric ${markdownCode(name)} = ${value} (${bounds})`),
    ...shown.map(findingLine),
    ...(hidden > 0 ? [`  - … and ${plural(hidden, 'more finding')}: \`--format csv\` or \`json\` lists all`] : []),
    ...(test.remediation === undefined ? [] : [`  - fix: ${markdownProse(test.remediation)}`]),
  ];
}

function controlLines(control: ControlResult, maxFindings: number): string[] {
  const facts = [`owner ${markdownText(control.owner)}`, `risk ${control.risk}`, `function ${control.function}`, `exists **${control.exists}**`, `works **${control.works}**`];
  const tests = control.tests.filter((test) => test.status === 'fail' || test.status === 'error').flatMap((test) => testLines(test, maxFindings));
  const evidence = control.evidence
    .filter((item) => item.status !== 'fresh')
    .map((item) => `- **${item.status}** evidence ${markdownText(item.title)}${item.reason === undefined ? '' : `: ${markdownText(item.reason)}`}`);
  return [`### ${markdownText(control.id)}: ${markdownText(control.title)}`, '', facts.join(' · '), '', ...evidence, ...tests];
}

/** Paper-only, then failing controls, each in detail with at most `maxFindings` findings per test; one line saying so when there are none. */
export function attentionLines(report: Report, maxFindings = Number.POSITIVE_INFINITY): string[] {
  const sections = detailSections(report);
  if (sections.length === 0) return ['**No paper-only or failing controls.**'];
  return sections.flatMap((section, index) => [
    ...(index === 0 ? [] : ['']),
    `## ${section.heading} (${section.controls.length}): ${section.meaning}`,
    ...section.controls.flatMap((control) => ['', ...controlLines(control, maxFindings)]),
  ]);
}

/** The controls that need no action, one table row each; nothing when there are none. */
export function otherControlsLines(report: Report): string[] {
  const controls = report.controls.filter((control) => !shownInDetail(control));
  if (controls.length === 0) return [];
  const head = ['id', 'title', 'owner', 'risk', 'function', 'exists', 'works', 'assurance'];
  const rows = controls.map((control) => [control.id, control.title, control.owner, control.risk, control.function, control.exists, control.works, control.assurance]);
  return [`## Other controls (${controls.length})`, '', ...markdownTable(head, [], rows)];
}
