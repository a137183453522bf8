import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { Formatter, ViewName } from './define-formatter.js';
import { formatterLoaders } from './loaders.js';

/** The formats a command's view can be written in, by name; known without loading any formatter. */
export function formatNames(view: ViewName): string[] {
  return Object.keys(formatterLoaders[view]);
}

/** The formatter `--format NAME` selects for a view, loaded; a UserError naming the known formats when there is none. */
export async function formatterNamed<V extends ViewName>(view: V, name: string): Promise<Formatter<V>> {
  const loaders: Readonly<Record<string, () => Promise<{ default: Formatter<V> }>>> = formatterLoaders[view];
  const load = Object.hasOwn(loaders, name) ? loaders[name] : undefined;
  if (load) return (await load()).default;
  const names = formatNames(view);
  throw new UserError(`Unknown format "${name}": expected one of ${names.join(', ')}`, {
    hint: didYouMean(name, names, `Use --format ${names.join(' or --format ')}.`),
  });
}
