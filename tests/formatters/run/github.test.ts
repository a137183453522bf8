import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import github from '../../../src/formatters/run/github.js';
import { inert } from '../../../src/formatters/text/inert.js';
import { escapeCommandData, escapeCommandProperty, workflowCommand } from '../../../src/formatters/text/workflow-commands.js';
import { reportSchema, type Report } from '../../../src/report/model.js';
import { HOSTILE, hostileReport } from '../hostile-report.js';
import { sampleReport } from '../sample-report.js';
import { parseCommand, parseCommands } from './workflow-command-parser.js';

const render = (report: Report, catalogPath?: string): string => github.format(report, { color: false, ...(catalogPath === undefined ? {} : { catalogPath }) });

describe('workflow command escaping', () => {
  it('escapes %, CR and LF in a message, and : and , too in a property, % first', () => {
    expect(escapeCommandData('50% a\r\nb :: c,d %0A')).toBe('50%25 a%0D%0Ab :: c,d %250A');
    expect(escapeCommandProperty('50% a\r\nb :: c,d %0A')).toBe('50%25 a%0D%0Ab %3A%3A c%2Cd %250A');
  });

  it('writes the properties in order, leaving out undefined ones', () => {
    expect(workflowCommand('error', { file: 'a,b.yaml', line: 3, col: undefined, title: 't:x' }, 'm')).toBe('::error file=a%2Cb.yaml,line=3,title=t%3Ax::m');
    expect(workflowCommand('notice', {}, 'only a message')).toBe('::notice::only a message');
  });

  it('reads back, by the runner\'s rules, to exactly the file, title and message written, whatever they hold', () => {
    const text = fc.string({ unit: fc.constantFrom('%', '0', 'A', 'D', '2', '5', 'C', '3', ':', ',', '=', '\r', '\n', ' ', 'x', 'é', '🚀'), maxLength: 24 });
    fc.assert(
      // The runner trims the properties, so the last one (the title) is bounded by letters here.
      fc.property(text, text, text, (file, title, message) => {
        const parsed = parseCommand(workflowCommand('warning', { file: `f${file}`, line: 1, title: `t${title}x` }, message));
        expect(parsed).toEqual({ command: 'warning', properties: { file: `f${file}`, line: '1', title: `t${title}x` }, message });
      }),
      { seed: 20261203, numRuns: 500 },
    );
  });
});

describe('run --format github', () => {
  it('annotates each control with failing tests once, most critical first, at its first failing test', () => {
    const errors = parseCommands(render(sampleReport)).filter((command) => command.command === 'error');
    expect(errors.map((command) => [command.properties.title, command.properties.line, command.properties.col])).toEqual([
      ['JML-2 paper-only: Leavers lose access to every system within one business day of their termination date', '41', '9'],
      ['IAM-1 paper-only: Console users sign in with MFA', '23', '9'],
      ['LOG-1 failing: CloudTrail records management events in every region', '38', '9'],
      ['exception EX-3 expired', undefined, undefined],
    ]);
    expect(errors[1]?.message.split('\n')).toEqual([
      'works ineffective · exists evidenced (paper-only) · owner platform-security@acme.example · risk high',
      'failing: aws/iam-console-mfa (8 findings, 0 excepted)',
      'first finding: arn:aws:iam::210987654321:user/dana: user dana has console access without MFA',
      'Every finding: the job summary, or --format markdown.',
    ]);
  });

  it('warns of expiring exceptions, stale or missing evidence and tests that could not run; ends with both lenses', () => {
    const commands = parseCommands(render(sampleReport));
    expect(commands.filter((command) => command.command === 'warning').map((command) => [command.properties.title, command.properties.file, command.properties.line])).toEqual([
      ['exception EX-9 expires in 14 days', 'controls.yaml', undefined],
      ['JML-2: stale evidence', 'controls.yaml', '41'],
      ['IR-1: stale evidence', 'controls.yaml', '44'],
      ['GH-1: missing evidence', 'controls.yaml', '47'],
      ['IR-1: 1 test could not run', 'controls.yaml', '44'],
      ['GH-1: 1 test could not run', 'controls.yaml', '47'],
    ]);
    const notice = commands.at(-1);
    expect(notice?.command).toBe('notice');
    expect(notice?.message.split('\n').slice(1, 3)).toEqual(['works: 2 effective · 3 ineffective · 2 error · 1 untested', 'exists: 3 evidenced · 2 stale · 1 missing · 2 none']);
  });

  it('points at the catalog as the runner resolves it, and at exception files beside it', () => {
    const commands = parseCommands(render(sampleReport, 'audit/controls.yaml'));
    expect(commands.find((command) => command.properties.title === 'IAM-1 paper-only: Console users sign in with MFA')?.properties.file).toBe('audit/controls.yaml');
    expect(commands.find((command) => command.properties.title === 'exception EX-9 expires in 14 days')?.properties.file).toBe('audit/controls.yaml');
    const report = structuredClone(sampleReport);
    const expiring = report.exceptions.find((exception) => exception.id === 'EX-9');
    if (!expiring) throw new Error('sample report changed');
    expiring.file = 'exceptions/keys.yaml';
    expect(parseCommands(render(reportSchema.parse(report), 'audit/controls.yaml')).find((command) => command.properties.title?.startsWith('exception EX-9'))?.properties.file).toBe(
      'audit/exceptions/keys.yaml',
    );
  });

  it('carries hostile strings as data: one line per annotation, no forged property or command', () => {
    const output = render(hostileReport(), 'controls,line=1.yaml');
    const commands = parseCommands(output);
    expect(output.split('\n')).toHaveLength(commands.length + 1);
    for (const command of commands) {
      expect(Object.keys(command.properties).every((key) => ['file', 'line', 'col', 'title'].includes(key))).toBe(true);
      // The catalog, or an exception file in its folder (here the sample's inline exceptions name controls.yaml).
      if (command.properties.file !== undefined) expect(['controls,line=1.yaml', 'controls.yaml']).toContain(command.properties.file);
    }
    const iam = commands.find((command) => command.properties.title?.startsWith('IAM-1 '));
    expect(iam?.properties).toEqual({ file: 'controls,line=1.yaml', line: '23', col: '9', title: `IAM-1 paper-only: ${inert(HOSTILE.title)}` });
    expect(iam?.message.split('\n')[2]).toBe(`first finding: ${HOSTILE.resource}: ${HOSTILE.message}`);
    const expired = commands.find((command) => command.properties.title === `exception ${HOSTILE.exceptionId} expired`);
    expect(expired?.message.split('\n')[1]).toBe(inert(HOSTILE.reason));
    expect(commands.at(-1)?.properties.title).toBe(`controlproof: ${HOSTILE.catalogName}`);
    expect(output).not.toContain('\u001b');
  });

  it('makes a catalog path from the command line inert too', () => {
    const output = render(sampleReport, 'a\u001b[31m\nb.yaml');
    expect(output).not.toContain('\u001b');
    expect(parseCommands(output)[0]?.properties.file).toBe('a\\x1b[31m\\nb.yaml');
  });

  it('gives identical bytes for the same report', () => {
    expect(render(hostileReport())).toBe(render(hostileReport()));
  });
});
