// Where the framework coverage matrix goes in the HTML report (criteria × controls × both lenses).
import type { Report } from '../../../report/model.js';

/** The framework coverage matrix of the report; '' until the report carries coverage. */
export function coverageMatrixSection(_report: Report): string {
  return '';
}
