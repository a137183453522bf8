// The framework coverage matrix in the HTML report: the section `coverage --format html` shows, for the run's frameworks.
import type { Report } from '../../../report/model.js';
import { frameworkCoverageSection } from '../../coverage/html/section.js';
import type { Content } from '../../html/markup.js';

/** The coverage section; nothing for a report written before reports carried framework_coverage. */
export function coverageMatrixSection(report: Report): Content {
  return report.framework_coverage === undefined ? '' : frameworkCoverageSection(report.framework_coverage);
}
