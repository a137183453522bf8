import type { z } from 'zod';
import { UserError } from '../../core/errors.js';
import { exceededJsonLimit, limitHint, limitMessage, MAX_JSON_DEPTH } from './json-limits.js';
import { endOfContent, findJsonPath, findJsonProblem, LimitProblem } from './json-scanner.js';
import { lineColAt, type LineCol } from './text.js';

type JsonPath = readonly PropertyKey[];

/** What a syntax error in one JSON text says besides where it is. */
export interface JsonTextOptions {
  /** One line on how to get a valid file, shown with every syntax error. */
  hint?: string;
  /** Shown instead of `hint` when one complete value is followed by more text. */
  extraValueHint?: string;
  /** Set when the text is one line of its file (NDJSON): that 1-based line, so errors are placed on it and say "end of line". */
  line?: number;
  /**
   * `false` skips the walk that checks nesting depth and numbers after a successful parse: only for a caller that
   * keeps a few parts of a large value and checks those with `exceededJsonLimit` (the CloudTrail hot path).
   */
  checkLimits?: boolean;
}

const DEFAULT_HINT = 'The file is not valid JSON: export it again with `--output json` and check it was not cut short or edited by hand.';

/** V8's longest string (0x1fffffe8 UTF-16 units): a text past it cannot even be built, let alone parsed. */
const MAX_STRING_LENGTH = 0x1fffffe8;

/**
 * Parses JSON text; on a syntax error throws a `UserError` at the exact line and column of the problem, and so it does
 * for nesting deeper than `MAX_JSON_DEPTH` levels and for a number beyond what a double holds (which `JSON.parse` would
 * turn into Infinity). `options` is the hint alone or `JsonTextOptions`. `JSON.parse` keeps `__proto__` keys as plain
 * data, so a hostile export cannot pollute prototypes.
 */
export function parseJsonText(text: string, display: string, options: string | JsonTextOptions = {}): unknown {
  const settings = typeof options === 'string' ? { hint: options } : options;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    if (cause instanceof SyntaxError) throw syntaxError(text, display, settings, cause);
    throw unparseable(display, cause);
  }
  if (settings.checkLimits !== false && exceededJsonLimit(value) !== undefined) throw jsonLimitError(text, display, settings);
  return value;
}

/**
 * The error for a text whose parsed value passes a limit (`exceededJsonLimit`): at the first place in the text where nesting passes
 * `MAX_JSON_DEPTH` or a number is out of range.
 */
export function jsonLimitError(text: string, display: string, options: Pick<JsonTextOptions, 'line'> = {}): UserError {
  const problem = findJsonProblem(text, options.line === undefined ? 'file' : 'line', MAX_JSON_DEPTH);
  if (problem instanceof LimitProblem) return limitError(text, display, options, problem);
  return new UserError(limitMessage('depth', ''), { position: { file: display }, hint: limitHint('depth') });
}

/** Anything `JSON.parse` throws besides a SyntaxError is about the input too (its size): never an internal error. */
function unparseable(display: string, cause: unknown): UserError {
  const tooLong = cause instanceof RangeError && /string length/i.test(cause.message);
  const message = tooLong
    ? `JSON text is too long to parse: V8's string limit is ${MAX_STRING_LENGTH} characters (0x1fffffe8)`
    : `Cannot parse JSON: ${cause instanceof Error ? cause.message : String(cause)}`;
  return new UserError(message, { position: { file: display }, hint: 'Split the export into smaller files (one per account, region or page) and point the source at all of them with a glob.', cause });
}

function syntaxError(text: string, display: string, options: JsonTextOptions, cause: SyntaxError): UserError {
  const hint = options.hint ?? DEFAULT_HINT;
  const unit = options.line === undefined ? 'file' : 'line';
  const problem = findJsonProblem(text, unit, MAX_JSON_DEPTH);
  if (problem instanceof LimitProblem) return limitError(text, display, options, problem);
  if (!problem) return new UserError('Invalid JSON', { position: { file: display }, hint, cause });
  // A problem in the blank lines at the end is the text stopping early: shown after its last character.
  const contentEnd = endOfContent(text);
  const offset = Math.min(problem.offset, contentEnd);
  const found = offset === contentEnd ? `end of ${unit}` : describeCharAt(text, offset);
  return new UserError(`Invalid JSON: expected ${problem.expected}, found ${found}`, {
    position: positionIn(text, display, options, offset),
    hint: problem.extraValue ? (options.extraValueHint ?? hint) : hint,
    cause,
  });
}

function limitError(text: string, display: string, options: Pick<JsonTextOptions, 'line'>, problem: LimitProblem): UserError {
  return new UserError(limitMessage(problem.kind, problem.literal), { position: positionIn(text, display, options, problem.offset), hint: limitHint(problem.kind) });
}

function positionIn(text: string, display: string, options: Pick<JsonTextOptions, 'line'>, offset: number): { file: string; line: number; col: number } {
  const { line, col } = lineColAt(text, offset);
  return { file: display, line: line + (options.line ?? 1) - 1, col };
}

/**
 * Validates parsed JSON with a zod schema; the first issue becomes a `UserError` at the line and column of the
 * offending value (or of its nearest enclosing value when a key is missing), naming the path inside the document.
 */
export function validateJson<S extends z.ZodType>(schema: S, value: unknown, text: string, display: string, hint: string): z.output<S> {
  return validateJsonAt(schema, value, [], text, display, hint);
}

/** `validateJson` of a value found at `at` inside the document (`["value", 3]`): its issues are placed and named from the document's root. */
export function validateJsonAt<S extends z.ZodType>(schema: S, value: unknown, at: JsonPath, text: string, display: string, hint: string): z.output<S> {
  const result = schema.safeParse(value, { error: describeIssue });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...at, ...(issue?.path ?? [])];
  const where = path.length > 0 ? `${formatJsonPath(path)}: ` : '';
  throw new UserError(`${where}${issue?.message ?? 'Invalid value'}`, {
    position: { file: display, ...jsonPathPosition(text, path) },
    hint,
  });
}

/** 1-based line and column of the value at `path` in JSON text, or of its nearest existing ancestor. */
export function jsonPathPosition(text: string, path: JsonPath): LineCol {
  return lineColAt(text, findJsonPath(text, path));
}

/** `UserDetailList[3].CreateDate`: a zod path as a reader of the JSON file would write it. */
export function formatJsonPath(path: JsonPath): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** zod error map for JSON data: says what was missing or what was found instead of the expected type. */
export function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return `missing (expected ${issue.expected})`;
  return `expected ${issue.expected}, found ${describeValue(issue.input)}`;
}

/** A short description of a JSON value for messages: strings quoted, objects and arrays by kind. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** Characters a message would print as nothing or as a plain space (a byte order mark, a no-break space). */
const INVISIBLE = /^[\p{Cf}\p{Zs}\p{Zl}\p{Zp}]$/u;

function describeCharAt(text: string, offset: number): string {
  const code = text.codePointAt(offset) ?? 0;
  const char = String.fromCodePoint(code);
  if (char !== ' ' && INVISIBLE.test(char)) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(char);
}
