// What every human-readable coverage format says the same way: the counts line, the matrix rows and the gap list.
import type { CoverageView } from '../../report/coverage-view.js';
import type { CriterionCoverage, FrameworkCoverage } from '../../report/model.js';
import { plural } from '../text/layout.js';

/** `soc2 · SOC 2 Trust Services Criteria (built in)`. */
export function frameworkHeading(framework: Pick<FrameworkCoverage, 'key' | 'title' | 'origin'>): string {
  return `${framework.key} · ${framework.title}${framework.origin === 'catalog' ? ' (declared in the catalog)' : ''}`;
}

/** `61 criteria: 5 assured · 3 unassured · 53 gaps`. */
export function criteriaCounts({ summary }: Pick<FrameworkCoverage, 'summary'>): string {
  return `${plural(summary.criteria, 'criterion', 'criteria')}: ${summary.assured} assured · ${summary.unassured} unassured · ${plural(summary.gap, 'gap')}`;
}

/** `12 controls mapped: 4 assured · 3 paper-only · …`, naming only the labels some control has. */
export function controlCounts({ summary }: Pick<FrameworkCoverage, 'summary'>): string {
  const labels = Object.entries(summary.assurance).filter(([, count]) => count > 0);
  const head = `${plural(summary.controls, 'control')} mapped`;
  return labels.length === 0 ? head : `${head}: ${labels.map(([label, count]) => `${count} ${label}`).join(' · ')}`;
}

/** What the statuses mean, once per document. */
export const STATUS_LEGEND =
  'A criterion is assured when at least one control mapped to it is assured (evidenced and effective), unassured when every mapped control is paper-only, unproven, undocumented, failing or unknown, and a gap when no control is mapped to it.';

/** One row of the matrix: a criterion's first row names it, the rows of its further controls leave it blank. */
export interface MatrixRow {
  criterion: string;
  title: string;
  status: string;
  control: string;
  controlTitle: string;
  owner: string;
  exists: string;
  works: string;
  assurance: string;
}

/** The criteria some control is mapped to, in registry order, one row per mapped control. */
export function matrixRows(framework: Pick<FrameworkCoverage, 'criteria'>): MatrixRow[] {
  return framework.criteria.flatMap((criterion) =>
    criterion.controls.map((control, index) => ({
      criterion: index === 0 ? criterion.id : '',
      title: index === 0 ? criterion.title : '',
      status: index === 0 ? criterion.status : '',
      control: control.id,
      controlTitle: control.title,
      owner: control.owner,
      exists: control.exists,
      works: control.works,
      assurance: control.assurance,
    })),
  );
}

/** The criteria no control is mapped to, in registry order. */
export function gaps(framework: Pick<FrameworkCoverage, 'criteria'>): CriterionCoverage[] {
  return framework.criteria.filter((criterion) => criterion.status === 'gap');
}

/** The gaps by the framework's groups, in registry order; declared frameworks have no groups (one group, named ''). */
export function gapsByGroup(framework: Pick<FrameworkCoverage, 'criteria'>): { group: string; ids: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const criterion of gaps(framework)) groups.set(criterion.group ?? '', [...(groups.get(criterion.group ?? '') ?? []), criterion.id]);
  return [...groups].map(([group, ids]) => ({ group, ids }));
}

/** Names the filters of the run the coverage comes from, or nothing when every control ran. */
export function filterText(view: Pick<CoverageView, 'filters'>): string | undefined {
  const { controls, framework } = view.filters;
  const parts = [...(framework === undefined ? [] : [`framework ${framework}`]), ...(controls === undefined ? [] : [`controls ${controls.join(', ')} only`])];
  return parts.length === 0 ? undefined : `filtered: ${parts.join(' · ')}`;
}
