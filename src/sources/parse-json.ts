import type { z } from 'zod';
import { UserError } from '../errors.js';

type JsonPath = readonly PropertyKey[];

interface LineCol {
  line: number;
  col: number;
}

const DEFAULT_HINT = 'The file is not valid JSON: export it again with `--output json` and check it was not cut short or edited by hand.';

/** Parses JSON text; on a syntax error throws a `UserError` at the exact line and column of the problem. */
export function parseJsonText(text: string, display: string, hint: string = DEFAULT_HINT): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const problem = findSyntaxError(text);
    if (!problem) throw new UserError('Invalid JSON', { position: { file: display }, hint, cause });
    throw new UserError(`Invalid JSON: expected ${problem.expected}, found ${describeCharAt(text, problem.offset)}`, {
      position: { file: display, ...lineColAt(text, problem.offset) },
      hint,
      cause,
    });
  }
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

function lineColAt(text: string, offset: number): LineCol {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

function describeCharAt(text: string, offset: number): string {
  const char = text[offset];
  if (char === undefined) return 'end of file';
  return JSON.stringify(char);
}

function findSyntaxError(text: string): SyntaxProblem | undefined {
  try {
    new Scanner(text, undefined).document();
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
  ) {}
}

class TargetFound {}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * A validating JSON scanner used only when something went wrong: it finds where a syntax error is (V8's messages
 * do not always say), and where the value at a path starts (zod reports paths, users need lines).
 */
class Scanner {
  private pos = 0;
  bestOffset = 0;
  private bestDepth = -1;

  constructor(
    private readonly text: string,
    private readonly target: JsonPath | undefined,
  ) {}

  document(): void {
    this.skipWhitespace();
    this.value(0, true);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('end of file after the JSON value');
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
    if (char === '"') return void this.string();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
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
      const key = this.string();
      this.skipWhitespace();
      this.expect(':', '":" after the property name');
      this.skipWhitespace();
      this.value(depth + 1, onTarget && this.target?.[depth] === key);
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

  /** Scans a string literal and returns its decoded value. */
  private string(): string {
    const start = this.pos;
    this.pos += 1;
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) this.fail('a closing double quote');
      if (char === '"') break;
      if (char === '\\') {
        ESCAPE.lastIndex = this.pos;
        if (!ESCAPE.test(this.text)) this.fail('a valid escape sequence');
        this.pos = ESCAPE.lastIndex;
        continue;
      }
      if (char.charCodeAt(0) < 0x20) this.fail('no raw control character inside a string (escape it)');
      this.pos += 1;
    }
    this.pos += 1;
    const decoded: unknown = JSON.parse(this.text.slice(start, this.pos));
    return typeof decoded === 'string' ? decoded : '';
  }

  private expect(char: string, expected: string): void {
    if (this.text[this.pos] !== char) this.fail(expected);
    this.pos += 1;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.pos))) this.pos += 1;
  }

  private fail(expected: string): never {
    throw new SyntaxProblem(this.pos, expected);
  }
}
