import { frameworksInScope } from '../../src/catalog/catalog-frameworks.js';
import type { AnyFormatter, FormatOptions } from '../../src/formatters/define-formatter.js';
import { coverageOf } from '../../src/report/coverage.js';
import { coverageOfRun } from '../../src/report/coverage-view.js';
import { diffReports } from '../../src/report/diff.js';
import { trendOf } from '../../src/report/trend.js';
import { exceptionsOfRun } from '../../src/report/exceptions-view.js';
import type { Report } from '../../src/report/model.js';

/** The report with its coverage of the built-in frameworks its controls map to, as the engine adds it. */
export function withCoverage(report: Report): Report {
  return { ...report, framework_coverage: report.framework_coverage ?? coverageOf(frameworksInScope({ frameworks: {}, controls: report.controls }), report.controls) };
}

/** What a formatter prints for a report: the run itself, or the exceptions, coverage, diff or trend view of it. */
export function formatView(formatter: AnyFormatter, report: Report, options: FormatOptions): string {
  switch (formatter.view) {
    case 'run':
      return formatter.format(report, options);
    case 'exceptions':
      return formatter.format(exceptionsOfRun(report), options);
    case 'coverage':
      return formatter.format(coverageOfRun(withCoverage(report)), options);
    case 'diff':
      return formatter.format(diffReports({ file: 'old.json', report: withoutFindings(report) }, { file: 'new.json', report }), options);
    case 'trend':
      return formatter.format(trendOf([{ file: 'old.json', report: { ...withoutFindings(report), as_of: '2025-06-23T00:00:00.000Z' } }, { file: 'new.json', report }], { last: 5 }), options);
  }
}

/** The report before its findings and metrics appeared, so a diff to it shows every one of them as new. */
function withoutFindings(report: Report): Report {
  return { ...report, exceptions: [], controls: report.controls.map((control) => ({ ...control, tests: control.tests.map((test) => ({ ...test, findings: [], metrics: {} })) })) };
}
