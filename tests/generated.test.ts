import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLoaders, providerLoaders, sourceLoaders } from '../src/providers/index.js';
import { builtinChecks, builtinSources, generatedFiles, orphanedDocs, providerIds, renderCheckDocs, root } from '../scripts/generate.js';

const STALE = 'out of date: run `npm run generate`';

describe('generated files', () => {
  for (const [file, render] of Object.entries(generatedFiles)) {
    it(`${file} is up to date`, () => {
      const onDisk = existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : undefined;
      expect(onDisk, `${file} is ${STALE}`).toBe(render());
    });
  }

  it('docs/ holds no check or source page that nothing generates', () => {
    expect(orphanedDocs(), STALE).toEqual([]);
  });

  it('documents every registered check, and the index links each page', () => {
    const docs = renderCheckDocs(builtinChecks);
    const readme = docs['docs/checks/README.md'] ?? '';
    for (const check of builtinChecks) {
      expect(Object.keys(generatedFiles)).toContain(`docs/checks/${check.id}.md`);
      expect(readme).toContain(`| [\`${check.id}\`](${check.id}.md) | ${check.title} |`);
    }
  });

  it('registers every check, source and provider folder under the id its path gives, each loading the module that defines it', async () => {
    expect(Object.keys(checkLoaders)).toEqual(builtinChecks.map((check) => check.id));
    expect(Object.keys(sourceLoaders)).toEqual(builtinSources.map((source) => source.type));
    expect(Object.keys(providerLoaders)).toEqual(providerIds());
    expect(providerIds()).toEqual(expect.arrayContaining(['aws', 'generic']));
    for (const [id, load] of Object.entries(checkLoaders)) expect((await load()).default.id).toBe(id);
    for (const [type, load] of Object.entries(sourceLoaders)) expect((await load()).default.type).toBe(type);
    for (const [id, load] of Object.entries(providerLoaders)) expect((await load()).default.id).toBe(id);
  });
});

describe('renderCheckDocs', () => {
  const docs = renderCheckDocs(builtinChecks.filter((check) => check.id === 'aws/iam-unused-credentials'));
  const page = docs['docs/checks/aws/iam-unused-credentials.md'] ?? '';

  it('follows the fixed outline', () => {
    const headings = page.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# Unused IAM credentials are disabled',
      '## Inputs',
      '## Params',
      '## Metrics',
      '## Remediation',
      '## Criteria suggestions',
    ]);
    expect(page).toContain('Id: `aws/iam-unused-credentials`');
    expect(page).toContain('| `records` | `aws/iam-credential-report` | whole |');
  });

  it('renders params from the zod schema, with the input default', () => {
    expect(page).toContain(
      '| `max_idle` | string | no | `45d` | Longest a console password or active access key may go unused (e.g. 45d, 6w, 3mo). |',
    );
  });

  it('lists criteria suggestions per framework key', () => {
    expect(page).toContain('| `cis-aws-3` | CIS Amazon Web Services Foundations Benchmark v3.0.0 | 1.12 |');
    expect(page).toContain('| `iso27001-2022` | ISO/IEC 27001:2022 Annex A controls | A.5.16, A.5.18 |');
  });
});
