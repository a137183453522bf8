import { describe, expect, it } from 'vitest';
import { errorMessage, formatLocated, shownFrom, UserError } from '../../src/core/errors.js';

describe('positions shown from where they are read', () => {
  it('shows an absolute file relative to a base it lies under, and as it is otherwise', () => {
    expect(shownFrom('/work/catalog/exports/a.csv', '/work/catalog')).toBe('exports/a.csv');
    expect(shownFrom('/elsewhere/a.csv', '/work/catalog')).toBe('/elsewhere/a.csv');
    expect(shownFrom('export.json', '/work/catalog')).toBe('export.json');
    expect(shownFrom('/work/catalog', '/work/catalog')).toBe('/work/catalog');
  });

  it('locates a message at file:line:col, dropping what is unknown', () => {
    expect(formatLocated('bad', { file: '/w/c.yaml', line: 3, col: 4 }, '/w')).toBe('c.yaml:3:4: bad');
    expect(formatLocated('bad', { file: '/w/c.yaml', line: 3 })).toBe('/w/c.yaml:3:1: bad');
    expect(formatLocated('bad', { file: 'c.yaml' })).toBe('c.yaml: bad');
    expect(formatLocated('bad', undefined)).toBe('bad');
  });

  it('gives an error\'s text, a UserError\'s with its position from the base', () => {
    const error = new UserError('no', { position: { file: '/w/x/a.json', line: 1, col: 2 } });
    expect([error.located, error.locatedFrom('/w'), errorMessage(error, '/w/x'), errorMessage(new Error('plain')), errorMessage('text')]).toEqual([
      '/w/x/a.json:1:2: no',
      'x/a.json:1:2: no',
      'a.json:1:2: no',
      'plain',
      'text',
    ]);
  });
});

describe('a UserError from another copy of controlproof', () => {
  it('is a UserError here, keeping its position: a plugin imports the library entry while the CLI runs its bundle', async () => {
    // The same module under another URL: a second copy, with a class of its own.
    const copy = '../../src/core/errors.js?copy';
    const other = (await import(/* @vite-ignore */ copy)) as typeof import('../../src/core/errors.js');
    expect(other.UserError).not.toBe(UserError);
    const raised = new other.UserError('bad row', { position: { file: '/w/a.json', line: 2, col: 3 } });
    expect(raised instanceof UserError).toBe(true);
    expect(errorMessage(raised, '/w')).toBe('a.json:2:3: bad row');
    const others: unknown[] = [new Error('plain'), null, { message: 'x' }];
    expect(others.map((value) => value instanceof UserError)).toEqual([false, false, false]);
  });
});
