import type { CoverageView } from '../../report/coverage-view.js';
import type { FrameworkCoverage } from '../../report/model.js';
import { defineFormatter } from '../define-formatter.js';
import { asOfText } from '../exceptions/columns.js';
import { markdownCode, markdownTable, markdownText } from '../text/markdown.js';
import { controlCounts, criteriaCounts, filterText, gaps, matrixRows, STATUS_LEGEND } from './columns.js';

const MATRIX_HEAD = ['criterion', 'title', 'status', 'control', 'owner', 'exists', 'works', 'assurance'];
const GAP_HEAD = ['criterion', 'title', 'group'];

function frameworkLines(framework: FrameworkCoverage): string[] {
  const rows = matrixRows(framework).map((row) => [
    row.criterion === '' ? '' : { code: row.criterion },
    row.title,
    row.status,
    { code: row.control },
    row.owner,
    row.exists,
    row.works,
    row.assurance,
  ]);
  const missing = gaps(framework);
  return [
    `## ${markdownText(framework.title)} (${markdownCode(framework.key)})`,
    '',
    `**${markdownText(criteriaCounts(framework))}** · ${markdownText(controlCounts(framework))}${framework.origin === 'catalog' ? ' · declared in the catalog' : ''}`,
    ...(rows.length === 0 ? ['', 'No control is mapped to any of its criteria.'] : ['', ...markdownTable(MATRIX_HEAD, [], rows)]),
    ...(missing.length === 0
      ? []
      : ['', `### Gaps: ${missing.length} ${missing.length === 1 ? 'criterion' : 'criteria'} no control is mapped to`, '', ...markdownTable(GAP_HEAD, [], missing.map((criterion) => [{ code: criterion.id }, criterion.title, criterion.group ?? '']))]),
  ];
}

function coverageMarkdown(view: CoverageView): string {
  const filters = filterText(view);
  const lines = [
    `# Framework coverage: ${markdownText(view.catalog.name)}`,
    '',
    `Catalog ${markdownCode(view.catalog.path)} · as of ${asOfText(view.as_of)}${filters === undefined ? '' : ` · ${markdownText(filters)}`}`,
    '',
    markdownText(STATUS_LEGEND),
    ...(view.frameworks.length === 0 ? ['', 'No control is mapped to a framework, and the catalog declares none.'] : view.frameworks.flatMap((framework) => ['', ...frameworkLines(framework)])),
  ];
  if (view.warnings.length > 0) {
    lines.push('', '## Warnings', '', ...view.warnings.map((warning) => `- ${markdownText(warning.message)}${warning.hint ? ` (${markdownText(warning.hint)})` : ''}`));
  }
  return `${lines.join('\n')}\n`;
}

export default defineFormatter({
  name: 'markdown',
  view: 'coverage',
  description:
    'A Markdown document to hand over: per framework its counts, the criteria some control is mapped to with each control\'s owner, exists, works and assurance, then the gap list with titles and groups. Everything from the catalog is escaped.',
  extension: 'md',
  format: coverageMarkdown,
});
