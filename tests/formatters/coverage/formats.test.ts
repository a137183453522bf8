import { describe, expect, it } from 'vitest';
import csv from '../../../src/formatters/coverage/csv.js';
import json from '../../../src/formatters/coverage/json.js';
import markdown from '../../../src/formatters/coverage/markdown.js';
import table from '../../../src/formatters/coverage/table.js';
import { coverageOf, type MappedControl } from '../../../src/report/coverage.js';
import { coverageViewSchema, type CoverageView } from '../../../src/report/coverage-view.js';

const controls: MappedControl[] = [
  { id: 'IAM-1', title: 'Root MFA', owner: 'platform-security@example.com', mappings: { internal: ['ACC-1'] }, exists: 'evidenced', works: 'effective', assurance: 'assured' },
  { id: 'IAM-2', title: 'Console MFA', owner: 'it|identity@example.com', mappings: { internal: ['ACC-1', 'ACC-2'] }, exists: 'evidenced', works: 'ineffective', assurance: 'paper-only' },
];

const view: CoverageView = coverageViewSchema.parse({
  schema: 'controlproof/coverage@1',
  catalog: { path: 'controls.yaml', name: 'Acme | Security', sha256: 'ab'.repeat(32) },
  as_of: '2026-11-01T00:00:00.000Z',
  as_of_source: 'option',
  filters: {},
  frameworks: coverageOf(
    [
      {
        key: 'internal',
        title: 'Internal *access* policy',
        origin: 'catalog',
        criteria: [
          { id: 'ACC-1', title: 'Named accounts' },
          { id: 'ACC-2', title: 'Reviews signed off' },
          { id: '=ACC-3', title: 'Leavers removed' },
        ],
      },
    ],
    controls,
  ),
  warnings: [{ message: 'Source "creds" could not be read: no file matches', hint: 'fix the source' }],
});

describe('coverage table', () => {
  it('prints the counts, the mapped criteria with each control\'s lenses, then the gaps and warnings', () => {
    expect(table.format(view, { color: false, width: 100 })).toBe(
      [
        'Framework coverage of Acme | Security (controls.yaml)',
        'as of 2026-11-01 · 1 framework',
        'A criterion is assured when at least one control mapped to it is assured (evidenced and effective),',
        'unassured when every mapped control is paper-only, unproven, undocumented, failing or unknown, and a',
        'gap when no control is mapped to it.',
        '',
        'internal · Internal *access* policy (declared in the catalog)',
        '3 criteria: 1 assured · 1 unassured · 1 gap',
        '2 controls mapped: 1 assured · 1 paper-only',
        '  criterion  status     control  exists     works        assurance   title',
        '  ACC-1      assured    IAM-1    evidenced  effective    assured     Named accounts',
        '                        IAM-2    evidenced  ineffective  paper-only',
        '  ACC-2      unassured  IAM-2    evidenced  ineffective  paper-only  Reviews signed off',
        'Gaps (1): no control is mapped to',
        '  =ACC-3',
        '',
        'Warnings (1)',
        '  ! Source "creds" could not be read: no file matches',
        '    fix the source',
        '',
      ].join('\n'),
    );
  });

  it('keeps within the width: too narrow for titles, it leaves them out and keeps both lenses', () => {
    const lines = table.format(view, { color: false, width: 70 }).split('\n');
    expect(lines.filter((line) => line.length > 70)).toEqual([]);
    expect(lines).toContain('  criterion  status     control  exists     works        assurance');
    expect(lines.join('\n')).not.toContain('Named accounts');
  });

  it('colours statuses and lenses only when asked', () => {
    const coloured = table.format(view, { color: true });
    expect(coloured).toContain('\u001b[33munassured\u001b[39m');
    expect(coloured).toContain('\u001b[31mpaper-only\u001b[39m');
    expect(table.format(view, { color: false })).not.toContain('\u001b');
  });

  it('says so when no framework is in scope', () => {
    expect(table.format({ ...view, frameworks: [], warnings: [] }, { color: false })).toContain('\n\nNo control is mapped to a framework, and the catalog declares none.\n');
  });

  it('names the filters of the run', () => {
    expect(table.format({ ...view, filters: { framework: 'internal', controls: ['IAM-1'] } }, { color: false })).toContain(
      'as of 2026-11-01 · 1 framework · filtered: framework internal · controls IAM-1 only\n',
    );
  });
});

describe('coverage markdown', () => {
  it('escapes catalog text and lists the gaps with their titles', () => {
    const output = markdown.format(view, { color: false });
    expect(output).toContain('# Framework coverage: Acme \\| Security\n');
    expect(output).toContain('## Internal \\*access\\* policy (`internal`)\n\n**3 criteria: 1 assured · 1 unassured · 1 gap** · 2 controls mapped: 1 assured · 1 paper-only · declared in the catalog\n');
    expect(output).toContain(
      [
        '| criterion | title | status | control | owner | exists | works | assurance |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        '| `ACC-1` | Named accounts | assured | `IAM-1` | platform-security@example.com | evidenced | effective | assured |',
        '|  |  |  | `IAM-2` | it\\|identity@example.com | evidenced | ineffective | paper-only |',
        '| `ACC-2` | Reviews signed off | unassured | `IAM-2` | it\\|identity@example.com | evidenced | ineffective | paper-only |',
        '',
        '### Gaps: 1 criterion no control is mapped to',
        '',
        '| criterion | title | group |',
        '| --- | --- | --- |',
        '| `=ACC-3` | Leavers removed |  |',
      ].join('\n'),
    );
    expect(output).toContain('## Warnings\n\n- Source "creds" could not be read: no file matches (fix the source)\n');
  });
});

describe('coverage csv', () => {
  it('writes a row per criterion and mapped control, a gap as one row without a control, formula-safe', () => {
    expect(csv.format(view, { color: false }).split('\r\n')).toEqual([
      '\ufeffframework,criterion,title,group,status,control,control_title,owner,exists,works,assurance',
      'internal,ACC-1,Named accounts,,assured,IAM-1,Root MFA,platform-security@example.com,evidenced,effective,assured',
      'internal,ACC-1,Named accounts,,assured,IAM-2,Console MFA,it|identity@example.com,evidenced,ineffective,paper-only',
      'internal,ACC-2,Reviews signed off,,unassured,IAM-2,Console MFA,it|identity@example.com,evidenced,ineffective,paper-only',
      "internal,'=ACC-3,Leavers removed,,gap,,,,,,",
      '',
    ]);
  });
});

describe('coverage json', () => {
  it('is the view itself, valid against its schema', () => {
    const parsed: unknown = JSON.parse(json.format(view, { color: false }));
    expect(coverageViewSchema.parse(parsed)).toEqual(view);
  });
});
