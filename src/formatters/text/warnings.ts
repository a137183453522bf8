import type { ChalkInstance } from 'chalk';
import { wrap } from './layout.js';

/** What every view's warnings hold. */
interface Warning {
  message: string;
  hint?: string | undefined;
}

/** A terminal table's warnings, each with its hint below, wrapped at `width`; nothing when there are none. */
export function warningLines(warnings: readonly Warning[], chalk: ChalkInstance, width: number): string[] {
  if (warnings.length === 0) return [];
  return [
    chalk.bold(`Warnings (${warnings.length})`),
    ...warnings.flatMap((warning) => [
      ...wrap(`${chalk.yellow('!')} ${warning.message}`, { width, indent: 2 }),
      ...(warning.hint === undefined || warning.hint === '' ? [] : wrap(chalk.dim(warning.hint), { width, indent: 4 })),
    ]),
  ];
}
