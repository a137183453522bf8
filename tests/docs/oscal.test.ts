import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oscalDocument } from '../../src/formatters/run/oscal.js';
import { sampleReport } from '../formatters/sample-report.js';
import { repoRoot } from '../support/paths.js';

const doc = readFileSync(path.join(repoRoot, 'docs/oscal.md'), 'utf8');

/** The rows of the works → target status table: `| effective | satisfied | pass |`. */
function statusRows(): string[][] {
  return [...doc.matchAll(/^\| (effective|ineffective|error|untested) \| (\S+) \| (\S+) \|$/gm)].map((match) => match.slice(1));
}

describe('docs/oscal.md', () => {
  it('states the target status that the formatter writes for each works verdict', () => {
    const rows = statusRows();
    expect(rows.map(([works]) => works)).toEqual(['effective', 'ineffective', 'error', 'untested']);
    const text = JSON.stringify(oscalDocument(sampleReport));
    for (const [works, state, reason] of rows) {
      const control = sampleReport.controls.find((each) => each.works === works);
      if (!control) throw new Error(`the sample report has no ${works ?? ''} control`);
      expect(text).toContain(`"status":{"state":"${state ?? ''}","reason":"${reason ?? ''}","remarks":"Works: ${works}.`);
    }
  });

  it('names the target ids and the namespace the document uses', () => {
    const text = JSON.stringify(oscalDocument(sampleReport));
    for (const example of ['soc2_CC6.1', 'cis-aws-3_1.10', 'urn:controlproof:oscal']) {
      expect(doc).toContain(example);
      expect(text).toContain(`"${example}"`);
    }
  });
});
