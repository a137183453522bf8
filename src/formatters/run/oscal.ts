import type { Report } from '../../report/model.js';
import { defineFormatter } from '../define-formatter.js';
import { contextOf, prop, propsField, type OscalContext } from './oscal/context.js';
import { fileResources } from './oscal/evidence.js';
import { controlFindings } from './oscal/findings.js';
import { existsObservation, testObservation } from './oscal/observations.js';
import { partiesMetadata } from './oscal/parties.js';
import { controlRisk, exceptionRisk, isFailing } from './oscal/risks.js';
import { fileHref, markup, markupLine, token } from './oscal/text.js';

export const OSCAL_VERSION = '1.2.1';

const counts = (values: Record<string, number>): string =>
  Object.entries(values)
    .map(([key, count]) => `${count} ${key}`)
    .join(', ');

function resultDescription(report: Report): string {
  const { summary } = report;
  return [
    `Assessed ${summary.controls} control(s) of ${markup(report.catalog.name)} as of ${report.as_of}, through two lenses that are never merged.`,
    '',
    `- Works (behaviour, TEST observations and the findings' status): ${counts(summary.works)}.`,
    `- Exists (evidence, EXAMINE observations): ${counts(summary.exists)}.`,
    `- Tests: ${counts(summary.tests)}. Exceptions: ${counts(summary.exceptions)}.`,
  ].join('\n');
}

function warningsRemarks(report: Report): { remarks?: string } {
  if (report.warnings.length === 0) return {};
  const items = report.warnings.map((warning) => `- ${markup(warning.message)}${warning.hint === undefined ? '' : ` (${markup(warning.hint)})`}`);
  return { remarks: ['Warnings:', '', ...items].join('\n') };
}

function reviewedControls(report: Report): object {
  const selection =
    report.controls.length > 0
      ? { 'include-controls': report.controls.map((control) => ({ 'control-id': token(control.id) })) }
      : { description: 'No control of the catalog ran.', 'include-all': {} };
  return { description: 'The controls of the catalog that ran; the framework criteria they map to are the findings\' targets.', 'control-selections': [selection] };
}

function assessmentAssets(context: OscalContext): object {
  const { tool } = context.report;
  return {
    components: [
      {
        uuid: context.toolUuid,
        type: 'software',
        title: tool.name,
        description: 'Audits whether security controls work, from exported cloud, IAM, HR and log data, and whether their evidence is fresh.',
        ...propsField(prop('version', tool.version)),
        status: { state: 'operational' },
      },
    ],
    'assessment-platforms': [{ uuid: context.uuid('platform:controlproof'), title: tool.name, 'uses-components': [{ 'component-uuid': context.toolUuid }] }],
  };
}

function result(context: OscalContext): object {
  const { report } = context;
  const observations = report.controls.flatMap((control) => [...control.tests.map((test, index) => testObservation(context, control, test, index)), existsObservation(context, control)]);
  const risks = [...report.controls.filter(isFailing).map((control) => controlRisk(context, control)), ...report.exceptions.map((exception) => exceptionRisk(context, exception))];
  const findings = report.controls.flatMap((control) => controlFindings(context, control));
  return {
    uuid: context.uuid('result'),
    title: markupLine(`controlproof run of ${report.catalog.name}`, 'controlproof run'),
    description: resultDescription(report),
    start: report.as_of,
    end: report.as_of,
    ...propsField([
      ...prop('as-of-source', report.as_of_source),
      ...prop('warn-days', report.warn_days),
      ...prop('framework-filter', report.filters.framework),
      ...(report.filters.controls ?? []).flatMap((control) => prop('control-filter', control)),
    ]),
    'local-definitions': { 'assessment-assets': assessmentAssets(context) },
    'reviewed-controls': reviewedControls(report),
    ...(observations.length > 0 ? { observations } : {}),
    ...(risks.length > 0 ? { risks } : {}),
    ...(findings.length > 0 ? { findings } : {}),
    ...warningsRemarks(report),
  };
}

/** The whole report as one OSCAL assessment-results document: one result for the run, as of its as-of. */
export function oscalDocument(report: Report): object {
  const context = contextOf(report);
  const resources = fileResources(context);
  const catalogHref = fileHref(report.catalog.path);
  return {
    uuid: context.documentUuid,
    metadata: {
      title: markupLine(`${report.catalog.name}: assessment results`, 'Assessment results'),
      'last-modified': report.as_of,
      version: report.tool.version,
      'oscal-version': OSCAL_VERSION,
      props: [...prop('tool', report.tool.name), ...prop('catalog-name', report.catalog.name), ...prop('catalog-sha256', report.catalog.sha256)],
      links: [{ href: catalogHref, rel: 'source', text: markupLine(report.catalog.path, 'catalog') }],
      ...partiesMetadata(context),
    },
    // The catalog is the assessment plan: its controls, tests and evidence items are what was planned to be assessed.
    'import-ap': { href: catalogHref, remarks: 'The controlproof catalog is the assessment plan: no separate OSCAL assessment-plan document is written.' },
    results: [result(context)],
    ...(resources.length > 0 ? { 'back-matter': { resources } } : {}),
  };
}

export default defineFormatter({
  name: 'oscal',
  view: 'run',
  description: 'An OSCAL 1.2 assessment-results document for GRC tools: findings per framework criterion from the works lens, evidence apart.',
  extension: 'json',
  escapesControlCharacters: true,
  format: (report) => `${JSON.stringify({ 'assessment-results': oscalDocument(report) }, null, 2)}\n`,
});
