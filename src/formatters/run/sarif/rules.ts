// One SARIF rule (reportingDescriptor) per check the report's tests use, sorted by id so the indexes are stable.
import { compareText } from '../../../core/compare.js';
import { checkLoaders } from '../../../providers/index.js';
import type { Report } from '../../../report/model.js';
import type { CheckDocs } from '../../define-formatter.js';
import { highestRisk, levelOf, securitySeverity } from './severity.js';

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string };
}

/**
 * A built-in check's docs page in the published package: package.json names no repository, and SARIF wants an
 * absolute URI, so it is the page npm ships under docs/, pinned to the version that wrote the report.
 */
export function checkDocsUrl(id: string, version: string): string | undefined {
  return Object.hasOwn(checkLoaders, id) ? `https://unpkg.com/controlproof@${version}/docs/checks/${id}.md` : undefined;
}

/** The check ids the report's tests use, sorted. */
export function ruleIds(report: Report): string[] {
  return [...new Set(report.controls.flatMap((control) => control.tests.map((test) => test.check)))].sort(compareText);
}

/** The check's own docs when the CLI passed them, else what the report says about it (the remediation of a failed test). */
function docsOf(report: Report, id: string, checks: Readonly<Record<string, CheckDocs>> | undefined): CheckDocs {
  const known = checks?.[id];
  if (known) return known;
  const tests = report.controls.flatMap((control) => control.tests).filter((test) => test.check === id);
  const remediation = tests.find((test) => test.remediation !== undefined)?.remediation;
  return { title: id, description: tests.find((test) => test.title !== undefined)?.title ?? id, remediation: remediation ?? `Run \`controlproof checks ${id}\` for what the check tests and how to fix its findings.` };
}

function ruleOf(report: Report, id: string, checks: Readonly<Record<string, CheckDocs>> | undefined): SarifRule {
  const docs = docsOf(report, id, checks);
  const helpUri = checkDocsUrl(id, report.tool.version);
  const risk = highestRisk(report.controls.filter((control) => control.tests.some((test) => test.check === id)).map((control) => control.risk));
  return {
    id,
    shortDescription: { text: docs.title },
    fullDescription: { text: docs.description },
    help: {
      text: `Remediation: ${docs.remediation}`,
      markdown: `**Remediation.** ${docs.remediation}${helpUri === undefined ? '' : `\n\n[Check documentation](${helpUri})`}`,
    },
    ...(helpUri === undefined ? {} : { helpUri }),
    // A check serves controls of several risks: the rule carries the highest, each result its own control's.
    defaultConfiguration: { level: levelOf(risk) },
    properties: { tags: ['security', 'controlproof'], 'security-severity': securitySeverity(risk) },
  };
}

export function sarifRules(report: Report, checks: Readonly<Record<string, CheckDocs>> | undefined): SarifRule[] {
  return ruleIds(report).map((id) => ruleOf(report, id, checks));
}
