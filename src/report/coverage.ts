// The framework coverage matrix: each criterion × the controls mapped to it × both lenses, and the gaps.
import type { CatalogFramework } from '../catalog/catalog-frameworks.js';
import { ASSURANCE, type CoverageStatus } from '../core/vocabulary.js';
import type { ControlResult, CoveringControl, CriterionCoverage, FrameworkCoverage } from './model.js';
import { countBy } from './summarize.js';

/** What coverage reads of a control result: its mappings and its lenses. */
export type MappedControl = Pick<ControlResult, 'id' | 'title' | 'owner' | 'mappings' | 'exists' | 'works' | 'assurance'>;

/** Assured when any mapped control is; a gap when none is mapped; otherwise covered only by controls not shown working and evidenced. */
export function criterionStatus(controls: readonly Pick<CoveringControl, 'assurance'>[]): CoverageStatus {
  if (controls.length === 0) return 'gap';
  return controls.some((control) => control.assurance === 'assured') ? 'assured' : 'unassured';
}

function covering({ id, title, owner, exists, works, assurance }: MappedControl): CoveringControl {
  return { id, title, owner, exists, works, assurance };
}

/** One framework's criteria in registry order, each with the controls (catalog order) mapped to it, and the counts. */
export function frameworkCoverage(framework: CatalogFramework, controls: readonly MappedControl[]): FrameworkCoverage {
  const mapped = controls.filter((control) => (control.mappings[framework.key] ?? []).length > 0);
  const criteria = framework.criteria.map((criterion): CriterionCoverage => {
    const its = mapped.filter((control) => control.mappings[framework.key]?.includes(criterion.id)).map(covering);
    return {
      id: criterion.id,
      title: criterion.title,
      ...(criterion.group === undefined ? {} : { group: criterion.group }),
      ...(criterion.level === undefined ? {} : { level: criterion.level }),
      status: criterionStatus(its),
      controls: its,
    };
  });
  const statuses = criteria.map((criterion) => criterion.status);
  const count = (status: CoverageStatus): number => statuses.filter((each) => each === status).length;
  return {
    key: framework.key,
    title: framework.title,
    origin: framework.origin,
    summary: {
      criteria: criteria.length,
      assured: count('assured'),
      unassured: count('unassured'),
      gap: count('gap'),
      controls: mapped.length,
      assurance: countBy(ASSURANCE, mapped.map((control) => control.assurance)),
    },
    criteria,
  };
}

/** The coverage of every framework in scope (see frameworksInScope), in that order. */
export function coverageOf(frameworks: readonly CatalogFramework[], controls: readonly MappedControl[]): FrameworkCoverage[] {
  return frameworks.map((framework) => frameworkCoverage(framework, controls));
}
