import type { z } from 'zod';
import { UserError } from '../../core/errors.js';
import { lineColAt, type LineCol } from './text.js';

type JsonPath = readonly PropertyKey[];

/** What a JSON text is within its file, for "found end of file" and "found end of line". */
type TextUnit = 'file' | 'line';

/** What a syntax error in one JSON text says besides where it is. */
export interface JsonTextOptions {
  /** One line on how to get a valid file, shown with every syntax error. */
  hint?: string;
  /** Shown instead of `hint` when one complete value is followed by more text. */
  extraValueHint?: string;
  /** Set when the text is one line of its file (NDJSON): that 1-based line, so errors are placed on it and say "end of line". */
  line?: number;
}

const DEFAULT_HINT = 'The file is not valid JSON: export it again with `--output json` and check it was not cut short or edited by hand.';

/**
 * Parses JSON text; on a syntax error throws a `UserError` at the exact line and column of the problem.
 * `options` is the hint alone or `JsonTextOptions`. `JSON.parse` keeps `__proto__` keys as plain data, so a hostile
 * export cannot pollute prototypes.
 */
export function parseJsonText(text: string, display: string, options: string | JsonTextOptions = {}): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    if (!(cause instanceof SyntaxError)) throw cause;
    throw syntaxError(text, display, typeof options === 'string' ? { hint: options } : options, cause);
  }
}

function syntaxError(text: string, display: string, options: JsonTextOptions, cause: SyntaxError): UserError {
  const hint = options.hint ?? DEFAULT_HINT;
  const unit = options.line === undefined ? 'file' : 'line';
  const problem = findSyntaxError(text, unit);
  if (!problem) return new UserError('Invalid JSON', { position: { file: display }, hint, cause });
  // A problem in the blank lines at the end is the text stopping early: shown after its last character.
  const contentEnd = endOfContent(text);
  const offset = Math.min(problem.offset, contentEnd);
  const found = offset === contentEnd ? `end of ${unit}` : describeCharAt(text, offset);
  const { line, col } = lineColAt(text, offset);
  return new UserError(`Invalid JSON: expected ${problem.expected}, found ${found}`, {
    position: { file: display, line: line + (options.line ?? 1) - 1, col },
    hint: problem.extraValue ? (options.extraValueHint ?? hint) : hint,
    cause,
  });
}

/**
 * Validates parsed JSON with a zod schema; the first issue becomes a `UserError` at the line and column of the
 * offending value (or of its nearest enclosing value when a key is missing), naming the path inside the document.
 */
export function validateJson<S extends z.ZodType>(schema: S, value: unknown, text: string, display: string, hint: string): z.output<S> {
  const result = schema.safeParse(value, { error: describeIssue });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  const where = path.length > 0 ? `${formatJsonPath(path)}: ` : '';
  throw new UserError(`${where}${issue?.message ?? 'Invalid value'}`, {
    position: { file: display, ...jsonPathPosition(text, path) },
    hint,
  });
}

/** 1-based line and column of the value at `path` in JSON text, or of its nearest existing ancestor. */
export function jsonPathPosition(text: string, path: JsonPath): LineCol {
  const scanner = new Scanner(text, path);
  try {
    scanner.document();
  } catch (stop) {
    if (!(stop instanceof TargetFound || stop instanceof SyntaxProblem || stop instanceof RangeError)) throw stop;
  }
  return lineColAt(text, scanner.bestOffset);
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

/** The offset just past the last character that is not JSON whitespace. */
function endOfContent(text: string): number {
  let end = text.length;
  while (end > 0 && JSON_WHITESPACE.includes(text.charAt(end - 1))) end -= 1;
  return end;
}

function findSyntaxError(text: string, unit: TextUnit): SyntaxProblem | undefined {
  try {
    new Scanner(text, undefined, unit).document();
    return undefined;
  } catch (problem) {
    if (problem instanceof SyntaxProblem) return problem;
    if (problem instanceof RangeError) return undefined;
    throw problem;
  }
}

class SyntaxProblem {
  constructor(
    readonly offset: number,
    readonly expected: string,
    /** A complete value is followed by more text. */
    readonly extraValue = false,
  ) {}
}

class TargetFound {}

/** The value of a scanned (so valid) JSON string literal, quotes included. */
function decodeString(literal: string): string {
  const decoded: unknown = JSON.parse(literal);
  return typeof decoded === 'string' ? decoded : '';
}

const JSON_WHITESPACE = ' \t\n\r';
const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const PLAIN_CHARS = /[^"\\\u0000-\u001f]+/y;
const WHITESPACE_RUN = /[ \t\n\r]+/y;

/**
 * A validating JSON scanner used only when something went wrong: it finds where a syntax error is (V8's messages
 * do not always say), and where the value at a path starts (zod reports paths, users need lines).
 */
class Scanner {
  private pos = 0;
  bestOffset = 0;
  private bestDepth = -1;
  private readonly contentEnd: number;

  constructor(
    private readonly text: string,
    private readonly target: JsonPath | undefined,
    private readonly unit: TextUnit = 'file',
  ) {
    this.contentEnd = endOfContent(text);
  }

  document(): void {
    this.skipWhitespace();
    this.value(0, true);
    this.skipWhitespace();
    if (this.pos < this.text.length) throw new SyntaxProblem(this.pos, `end of ${this.unit} after the JSON value`, true);
  }

  private value(depth: number, onTarget: boolean): void {
    if (onTarget && this.target && depth > this.bestDepth) {
      this.bestDepth = depth;
      this.bestOffset = this.pos;
      if (depth === this.target.length) throw new TargetFound();
    }
    const char = this.text[this.pos];
    if (char === '{') return this.object(depth, onTarget);
    if (char === '[') return this.array(depth, onTarget);
    if (char === '"') return this.string();
    const literal = LITERALS.find((word) => word.charAt(0) === char);
    if (literal) return this.literal(literal);
    NUMBER.lastIndex = this.pos;
    if (NUMBER.test(this.text)) {
      this.pos = NUMBER.lastIndex;
      return;
    }
    this.fail('a JSON value');
  }

  private object(depth: number, onTarget: boolean): void {
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail('a property name in double quotes');
      const keyStart = this.pos;
      this.string();
      const onKey = onTarget && this.target !== undefined && this.target[depth] === decodeString(this.text.slice(keyStart, this.pos));
      this.skipWhitespace();
      this.expect(':', '":" after the property name');
      this.skipWhitespace();
      this.value(depth + 1, onKey);
      this.skipWhitespace();
      if (this.text[this.pos] === '}') {
        this.pos += 1;
        return;
      }
      this.expect(',', '"," or "}" after the property value');
      this.skipWhitespace();
    }
  }

  private array(depth: number, onTarget: boolean): void {
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      this.value(depth + 1, onTarget && this.target?.[depth] === index);
      this.skipWhitespace();
      if (this.text[this.pos] === ']') {
        this.pos += 1;
        return;
      }
      this.expect(',', '"," or "]" after the array element');
      this.skipWhitespace();
    }
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return;
    }
    // `tru` at the very end is a `true` cut short: the problem is where the text stops, not its first letter.
    if (this.contentEnd - this.pos < word.length && word.startsWith(this.text.slice(this.pos, this.contentEnd))) {
      this.pos = this.contentEnd;
      this.fail(`the rest of "${word}"`);
    }
    this.fail('a JSON value');
  }

  private string(): void {
    this.pos += 1;
    for (;;) {
      PLAIN_CHARS.lastIndex = this.pos;
      if (PLAIN_CHARS.test(this.text)) this.pos = PLAIN_CHARS.lastIndex;
      const char = this.text[this.pos];
      if (char === undefined || this.pos >= this.contentEnd) this.fail('a closing double quote');
      if (char === '"') break;
      if (char === '\\') {
        ESCAPE.lastIndex = this.pos;
        if (!ESCAPE.test(this.text)) this.fail('a valid escape sequence');
        this.pos = ESCAPE.lastIndex;
        continue;
      }
      this.fail('no raw control character inside a string (escape it)');
    }
    this.pos += 1;
  }

  private expect(char: string, expected: string): void {
    if (this.text[this.pos] !== char) this.fail(expected);
    this.pos += 1;
  }

  private skipWhitespace(): void {
    WHITESPACE_RUN.lastIndex = this.pos;
    if (WHITESPACE_RUN.test(this.text)) this.pos = WHITESPACE_RUN.lastIndex;
  }

  private fail(expected: string): never {
    throw new SyntaxProblem(this.pos, expected);
  }
}
