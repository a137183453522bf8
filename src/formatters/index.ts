import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { Formatter } from './define-formatter.js';
import json from './json.js';
import table from './table.js';

/** Built-in output formats, by the name `--format` takes. */
export const formatters: readonly Formatter[] = [table, json];

/** The formatter `--format NAME` selects; throws a UserError naming the known formats when there is none. */
export function formatterNamed(name: string): Formatter {
  const found = formatters.find((formatter) => formatter.name === name);
  if (found) return found;
  const names = formatters.map((formatter) => formatter.name);
  throw new UserError(`Unknown format "${name}": expected one of ${names.join(', ')}`, {
    hint: didYouMean(name, names, `Use --format ${names.join(' or --format ')}.`),
  });
}
