import path from 'node:path';

/** Where in a file something is: 1-based line and column. */
export interface Position {
  file: string;
  line?: number;
  col?: number;
}

/** Marks a UserError on its prototype; `Symbol.for`, so every copy of this module shares it. */
const USER_ERROR = Symbol.for('controlproof.UserError');

/**
 * An error a user can cause and fix (bad catalog, unreadable export, bad flag).
 * The CLI prints it as `file:line:col: message` plus a hint, exits 2, and never shows a stack.
 */
export class UserError extends Error {
  readonly position: Position | undefined;
  readonly hint: string | undefined;

  /**
   * Any copy of controlproof's UserError is one: plugins import the package's library entry, while the CLI runs
   * its own bundled copy of the same code (scripts/bundle.ts), and an error a plugin raises must keep its position.
   */
  static override [Symbol.hasInstance](value: unknown): value is UserError {
    if (this !== UserError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return value !== null && typeof value === 'object' && USER_ERROR in value && value[USER_ERROR] === true;
  }

  get [USER_ERROR](): true {
    return true;
  }

  constructor(message: string, options: { position?: Position; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'UserError';
    this.position = options.position;
    this.hint = options.hint;
  }

  /** `file:line:col: message`, dropping the parts that are unknown. */
  get located(): string {
    return formatLocated(this.message, this.position);
  }

  /** `located`, with an absolute file shown relative to `base` (the working directory, or a report's catalog folder). */
  locatedFrom(base: string): string {
    return formatLocated(this.message, this.position, base);
  }
}

/**
 * A file as shown from `base`: relative when it lies under it, as it is otherwise. Files are kept absolute while
 * loading, so that what a report says never depends on the directory a run started in.
 */
export function shownFrom(file: string, base: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(base, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

export function formatLocated(message: string, position: Position | undefined, base?: string): string {
  if (!position) return message;
  const file = base === undefined ? position.file : shownFrom(position.file, base);
  const where = [file, position.line, position.line === undefined ? undefined : (position.col ?? 1)]
    .filter((part) => part !== undefined)
    .join(':');
  return `${where}: ${message}`;
}

/** Several user errors found in one pass (catalog validation reports them all, not only the first). */
export class UserErrors extends Error {
  constructor(readonly errors: readonly UserError[]) {
    super(errors.map((error) => error.located).join('\n'));
    this.name = 'UserErrors';
  }
}

/** An error's text; a `UserError`'s with its position, its file shown from `base` when given. */
export function errorMessage(error: unknown, base?: string): string {
  if (error instanceof UserError) return base === undefined ? error.located : error.locatedFrom(base);
  if (error instanceof Error) return error.message;
  return String(error);
}
