// The summary of the HTML report: the exists lens and the works lens side by side, never merged into one number,
// then the matrix where they meet and the assurance label of each pair.
import { ASSURANCE, EVIDENCE_STATUSES, EXISTS, TEST_STATUSES, WORKS, type ControlFunction, type ExistsVerdict } from '../../../core/vocabulary.js';
import type { Report } from '../../../report/model.js';
import { countBy } from '../../../report/summarize.js';
import { html, type Markup } from '../../html/markup.js';
import { countList } from '../../html/tones.js';
import { byFunctionFigure } from './by-function.js';
import { matrixFigure } from './matrix.js';

/** The exists lens per control function, counted from the controls as the summary counts the works lens. */
function existsByFunction(report: Report): Record<ControlFunction, Record<ExistsVerdict, number>> {
  const of = (fn: ControlFunction) => countBy(EXISTS, report.controls.filter((control) => control.function === fn).map((control) => control.exists));
  return { prevent: of('prevent'), detect: of('detect'), respond: of('respond'), recover: of('recover') };
}

/** Both lenses, each in its own card, then the matrix and the assurance counts. */
export function lensesSection(report: Report): Markup {
  const { summary } = report;
  const evidence = countBy(EVIDENCE_STATUSES, report.controls.flatMap((control) => control.evidence.map((item) => item.status)));
  return html`<section id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Two lenses</h2>
<div class="lenses">
<div class="card" id="exists-lens"><h3>Exists: the evidence lens</h3><p class="muted">Is the control documented, owned and evidenced, with evidence still fresh?</p>${countList('exists', EXISTS, summary.exists)}<h4>Evidence items</h4>${countList('evidence items', EVIDENCE_STATUSES, evidence)}<h4>Exists by control function</h4>${byFunctionFigure({ lens: 'exists', verdicts: EXISTS, counts: existsByFunction(report) })}</div>
<div class="card" id="works-lens"><h3>Works: the behaviour lens</h3><p class="muted">Does the exported data of the real system show the control operating?</p>${countList('works', WORKS, summary.works)}<h4>Tests</h4>${countList('tests', TEST_STATUSES, summary.tests)}<h4>Works by control function</h4>${byFunctionFigure({ lens: 'works', verdicts: WORKS, counts: summary.by_function })}</div>
</div>
<h3>Where the lenses meet: exists × works</h3>
${matrixFigure(report)}
<h3>Assurance</h3>
${countList('assurance', ASSURANCE, summary.assurance)}
</section>`;
}
