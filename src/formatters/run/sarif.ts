import type { Report } from '../../report/model.js';
import { defineFormatter } from '../define-formatter.js';
import { testNotification } from './sarif/notifications.js';
import { testResults } from './sarif/results.js';
import { ruleIds, sarifRules } from './sarif/rules.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Each test of each control with the index of its check's rule. */
function placedTests(report: Report, catalogPath: string) {
  const indexes = new Map(ruleIds(report).map((id, index) => [id, index]));
  return report.controls.flatMap((control) =>
    control.tests.map((test) => ({ report, control, test, ruleIndex: indexes.get(test.check) ?? 0, catalogPath })),
  );
}

export default defineFormatter({
  name: 'sarif',
  view: 'run',
  description: 'SARIF 2.1.0 for code scanning (github/codeql-action/upload-sarif): a result per finding at its test in the catalog.',
  extension: 'sarif',
  // JSON.stringify escapes every control character and lone surrogate itself.
  escapesControlCharacters: true,
  format(report, options) {
    const catalogPath = options.catalogPath ?? report.catalog.path;
    const tests = placedTests(report, catalogPath);
    const sarif = {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'controlproof',
              version: report.tool.version,
              informationUri: 'https://www.npmjs.com/package/controlproof',
              rules: sarifRules(report, options.checks),
            },
          },
          // The run finished; tests that could not run are notifications, not a failed execution.
          invocations: [
            {
              executionSuccessful: true,
              toolExecutionNotifications: tests.flatMap(({ control, test, ruleIndex }) => testNotification(control, test, ruleIndex, catalogPath)),
              // The catalog's and the run's warnings (an exception valid too long, a run that examined nothing).
              toolConfigurationNotifications: report.warnings.map((warning) => ({
                level: 'warning',
                message: { text: warning.message },
                ...(warning.hint === undefined ? {} : { properties: { hint: warning.hint } }),
              })),
            },
          ],
          results: tests.flatMap((place) => testResults(place)),
          properties: {
            catalog: report.catalog,
            as_of: report.as_of,
            summary: { exists: report.summary.exists, works: report.summary.works, assurance: report.summary.assurance },
          },
        },
      ],
    };
    return `${JSON.stringify(sarif, null, 2)}\n`;
  },
});
