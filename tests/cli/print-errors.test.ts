import { describe, expect, it } from 'vitest';
import { UserError, UserErrors } from '../../src/core/errors.js';
import type { CliIo } from '../../src/cli/io.js';
import { inertStderr, printError, printFailing, printViewWarnings, printWarnings } from '../../src/cli/print-errors.js';

function captured(): { io: CliIo; stderr: () => string } {
  let text = '';
  const io: CliIo = { stdout: () => undefined, stderr: (chunk) => void (text += chunk), stdoutIsTty: false, env: {}, cwd: '/work' };
  return { io, stderr: () => text };
}

const HOSTILE = 'token=ghp_abcdefghijklmnopqrstuvwxyz0123456789 \u001b[31m\u202e\nhint: forged';

describe('printError', () => {
  it('prints each user error on its line and its hint on the next, masked and inert: a newline in the data forges no line', () => {
    const { io, stderr } = captured();
    printError(io, new UserErrors([new UserError(`Bad ${HOSTILE}`, { position: { file: '/work/controls.yaml', line: 3, col: 5 }, hint: `Fix ${HOSTILE}` })]), false);
    expect(stderr().split('\n')).toEqual([
      'controls.yaml:3:5: Bad token=[masked] \\x1b[31m\\u202e\\nhint: forged',
      '  hint: Fix token=[masked] \\x1b[31m\\u202e\\nhint: forged',
      '',
    ]);
  });

  it('masks an internal error and, under --debug, every line of its stack', () => {
    const { io, stderr } = captured();
    const error = new Error(`boom password=hunter2 \u0007`);
    printError(io, error, true);
    expect(stderr()).not.toContain('hunter2');
    expect(stderr()).not.toContain('\u0007');
    expect(stderr().split('\n')[0]).toBe('controlproof: internal error: boom password=[masked] \\x07');
    expect(stderr().split('\n')[1]).toBe('Error: boom password=[masked] \\x07');
    expect(stderr()).toMatch(/\n {4}at /);
  });
});

describe('warnings and --fail-on reasons', () => {
  it('are masked and inert whether they come from the catalog or from a view', () => {
    const { io, stderr } = captured();
    printWarnings(io, [new UserError(`w1 ${HOSTILE}`)]);
    printViewWarnings(io, [{ message: `w2 ${HOSTILE}`, hint: 'h\r' }]);
    printFailing(io, 'expired', [`exception EX-1 (owner: ${HOSTILE})`]);
    printFailing(io, 'expired', []);
    expect(stderr().split('\n')).toEqual([
      'warning: w1 token=[masked] \\x1b[31m\\u202e\\nhint: forged',
      'warning: w2 token=[masked] \\x1b[31m\\u202e\\nhint: forged',
      '  hint: h\\r',
      'controlproof: failing (--fail-on expired):',
      '  - exception EX-1 (owner: token=[masked] \\x1b[31m\\u202e\\nhint: forged)',
      '',
    ]);
  });
});

describe('inertStderr', () => {
  it('masks and escapes whatever is written to stderr, keeping the newlines that end lines', () => {
    const { io, stderr } = captured();
    inertStderr(io).stderr('a \u001b[2J\tb password=x\nsecond\u202e\n');
    expect(stderr()).toBe('a \\x1b[2J\\tb password=[masked]\nsecond\\u202e\n');
  });
});
