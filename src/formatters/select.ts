import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { Formatter, ViewName } from './define-formatter.js';
import { formatters } from './index.js';

/** The formats a command's view can be written in, by name. */
export function formatNames(view: ViewName): string[] {
  return formatters.filter((formatter) => formatter.view === view).map((formatter) => formatter.name);
}

/** The formatter `--format NAME` selects for a view; a UserError naming the known formats when there is none. */
export function formatterNamed<V extends ViewName>(view: V, name: string): Formatter<V> {
  const found = formatters.find((formatter): formatter is Extract<(typeof formatters)[number], Formatter<V>> => formatter.view === view && formatter.name === name);
  if (found) return found;
  const names = formatNames(view);
  throw new UserError(`Unknown format "${name}": expected one of ${names.join(', ')}`, {
    hint: didYouMean(name, names, `Use --format ${names.join(' or --format ')}.`),
  });
}
