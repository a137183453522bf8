import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { formatters } from '../../src/formatters/index.js';
import { formatterLoaders } from '../../src/formatters/loaders.js';
import { formatNames, formatterNamed } from '../../src/formatters/select.js';

async function thrownBy(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('formatter registry', () => {
  it('holds each view\'s formats, one file each under src/formatters/<view>/', () => {
    expect(formatters.map((formatter) => [formatter.view, formatter.name, formatter.extension])).toEqual([
      ['coverage', 'csv', 'csv'],
      ['coverage', 'html', 'html'],
      ['coverage', 'json', 'json'],
      ['coverage', 'markdown', 'md'],
      ['coverage', 'table', 'txt'],
      ['diff', 'json', 'json'],
      ['diff', 'markdown', 'md'],
      ['diff', 'table', 'txt'],
      ['exceptions', 'csv', 'csv'],
      ['exceptions', 'json', 'json'],
      ['exceptions', 'markdown', 'md'],
      ['exceptions', 'table', 'txt'],
      ['run', 'csv', 'csv'],
      ['run', 'github', 'txt'],
      ['run', 'html', 'html'],
      ['run', 'json', 'json'],
      ['run', 'junit', 'xml'],
      ['run', 'markdown', 'md'],
      ['run', 'oscal', 'json'],
      ['run', 'sarif', 'sarif'],
      ['run', 'table', 'txt'],
      ['trend', 'html', 'html'],
      ['trend', 'json', 'json'],
      ['trend', 'markdown', 'md'],
      ['trend', 'table', 'txt'],
    ]);
    expect(formatNames('run')).toEqual(['csv', 'github', 'html', 'json', 'junit', 'markdown', 'oscal', 'sarif', 'table']);
    expect(formatNames('coverage')).toEqual(['csv', 'html', 'json', 'markdown', 'table']);
    expect(formatNames('trend')).toEqual(['html', 'json', 'markdown', 'table']);
  });

  it('finds a formatter of a view by name, and only of that view', async () => {
    expect((await formatterNamed('run', 'json')).name).toBe('json');
    expect((await formatterNamed('run', 'table')).view).toBe('run');
    expect((await formatterNamed('exceptions', 'markdown')).view).toBe('exceptions');
    await expect(formatterNamed('exceptions', 'github')).rejects.toThrow('Unknown format "github": expected one of csv, json, markdown, table');
  });

  it('loads, under each view and name, the formatter of that view and name', async () => {
    const loaded = await Promise.all(
      Object.entries(formatterLoaders).flatMap(([view, loaders]) => Object.entries(loaders).map(async ([name, load]) => [view, name, (await load()).default])),
    );
    expect(loaded.map(([view, name, formatter]) => [view, name, formatter])).toEqual(
      formatters.map((formatter) => [formatter.view, formatter.name, formatter]),
    );
  });

  it('rejects an unknown name, listing the known ones and suggesting a close one', async () => {
    const error = await thrownBy(() => formatterNamed('run', 'tabel'));
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ message: 'Unknown format "tabel": expected one of csv, github, html, json, junit, markdown, oscal, sarif, table', hint: 'Did you mean "table"?' });
  });

  it('falls back to naming the formats when nothing is close', async () => {
    expect(await thrownBy(() => formatterNamed('run', 'spreadsheet'))).toMatchObject({
      hint: 'Use --format csv or --format github or --format html or --format json or --format junit or --format markdown or --format oscal or --format sarif or --format table.',
    });
  });
});
