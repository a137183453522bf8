/** Where in a file something is: 1-based line and column. */
export interface Position {
  file: string;
  line?: number;
  col?: number;
}

/**
 * An error a user can cause and fix (bad catalog, unreadable export, bad flag).
 * The CLI prints it as `file:line:col: message` plus a hint, exits 2, and never shows a stack.
 */
export class UserError extends Error {
  readonly position: Position | undefined;
  readonly hint: string | undefined;

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
}

export function formatLocated(message: string, position: Position | undefined): string {
  if (!position) return message;
  const where = [position.file, position.line, position.line === undefined ? undefined : (position.col ?? 1)]
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

export function errorMessage(error: unknown): string {
  if (error instanceof UserError) return error.located;
  if (error instanceof Error) return error.message;
  return String(error);
}
