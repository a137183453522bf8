import { html, type Markup } from '../html/markup.js';
import { htmlPage } from '../html/page.js';
import { flaggedControls } from '../../report/corrective-actions.js';
import type { Report } from '../../report/model.js';
import { defineFormatter } from '../define-formatter.js';
import { actionsSection } from './html/actions.js';
import { briefingSection } from './html/briefing.js';
import { scenariosSection } from './html/scenarios.js';
import { controlSections } from './html/controls.js';
import { coverageMatrixSection } from './html/coverage.js';
import { exceptedFindingsSection, exceptionAnchors } from './html/findings.js';
import { exceptionsSection } from './html/exceptions.js';
import { FINDING_FILTER_SCRIPT } from './html/filter-script.js';
import { headerSection } from './html/header.js';
import { lensesSection } from './html/lenses.js';
import { erroredTestsSection, sourcesSection, warningsSection } from './html/sources.js';

function contents(report: Report, brief: boolean): Markup {
  const briefing = brief ? html`<li><a href="#briefing">Briefing</a></li>` : '';
  const scenarios = (report.scenarios ?? []).length === 0 ? '' : html`<li><a href="#scenarios">Attack paths</a></li>`;
  const coverage = report.framework_coverage === undefined ? '' : html`<li><a href="#coverage">Framework coverage</a></li>`;
  const actions = flaggedControls(report.controls).length === 0 ? '' : html`<li><a href="#actions">Corrective actions</a></li>`;
  return html`<nav aria-label="contents"><ul>${briefing}<li><a href="#summary">Two lenses</a></li><li><a href="#controls">Controls</a></li>${actions}${scenarios}<li><a href="#excepted">Excepted findings</a></li><li><a href="#exceptions">Exceptions</a></li>${coverage}<li><a href="#sources">Sources</a></li></ul></nav>`;
}

export default defineFormatter({
  name: 'html',
  view: 'run',
  description:
    'One self-contained HTML page to hand over: both lenses side by side (the exists × works matrix as a heat map, works by function as bars, assurance counts), ' +
    'paper-only and failing controls first with evidence, tests, metrics and every finding (with a search), corrective actions, the attack paths as boxes and arrows, excepted findings with their exception, exception age by tier, the framework coverage matrix; ' +
    'with --brief, the leadership briefing first (evidence and behaviour metrics apart, the top divergences with their actions, the attack path). ' +
    'Inline CSS and SVG only, no request leaves the page; light and dark, printable, readable without scripts; every string from the catalog or the data is escaped.',
  extension: 'html',
  // No escapesControlCharacters: the inert view shows bidi overrides and other controls as escapes, which HTML
  // escaping alone would let through to reorder what the reader sees; `& < > " '` are escaped by the templates.
  format(report, options) {
    const anchors = exceptionAnchors(report);
    const onlyFailing = options.onlyFailing === true;
    const body = html`<main>
${headerSection(report)}
${contents(report, options.brief !== undefined)}${options.brief === undefined ? '' : html`\n${briefingSection(report, options.brief)}`}
${lensesSection(report)}
${controlSections(report, anchors, onlyFailing)}
${actionsSection(report)}
${scenariosSection(report)}
${exceptedFindingsSection(report, anchors)}
${exceptionsSection(report, anchors)}
${coverageMatrixSection(report)}
${erroredTestsSection(report, onlyFailing)}
${sourcesSection(report)}
${warningsSection(report)}
</main>`;
    return htmlPage({ title: `controlproof: ${report.catalog.name}`, body, script: FINDING_FILTER_SCRIPT });
  },
});
