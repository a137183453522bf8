import { defineFormatter } from '../define-formatter.js';
import { testsuite } from './junit/testsuite.js';

export default defineFormatter({
  name: 'junit',
  view: 'run',
  description: 'JUnit XML for CI test views (GitLab artifacts:reports:junit): a suite per control, a testcase per test.',
  extension: 'xml',
  // XML has its own escaping: markup and the characters XML 1.0 cannot hold are written by junit/xml.ts.
  escapesControlCharacters: true,
  format(report) {
    // The schema's timestamp has no zone: as-of in UTC, so the same --as-of gives the same bytes anywhere.
    const timestamp = report.as_of.slice(0, 19);
    const suites = report.controls.map((control, index) => `\n  ${testsuite(report, control, index, timestamp)}`);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>${suites.join('')}\n</testsuites>\n`;
  },
});
