// A validating JSON scanner used only when something went wrong: it finds where a syntax error or a passed limit is
// (V8's messages do not always say), and where the value at a path starts (zod reports paths, users need lines).
// It keeps its own stack instead of recursing, so a million `[` cannot overflow the call stack.

import type { JsonLimit } from './json-limits.js';

type JsonPath = readonly PropertyKey[];

/** What a JSON text is within its file, for "found end of file" and "found end of line". */
export type TextUnit = 'file' | 'line';

/** A syntax error at `offset`: what was expected there. */
export class SyntaxProblem {
  constructor(
    readonly offset: number,
    readonly expected: string,
    /** A complete value is followed by more text. */
    readonly extraValue = false,
  ) {}
}

/** Valid JSON that passes a limit at `offset`: nesting deeper than the cap, or a number no double can hold. */
export class LimitProblem {
  constructor(
    readonly offset: number,
    readonly kind: JsonLimit,
    /** The number as written, for `number`. */
    readonly literal = '',
  ) {}
}

class TargetFound {}

export const JSON_WHITESPACE = ' \t\n\r';
const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const PLAIN_CHARS = /[^"\\\u0000-\u001f]+/y;
const WHITESPACE_RUN = /[ \t\n\r]+/y;

/** The offset just past the last character that is not JSON whitespace. */
export function endOfContent(text: string): number {
  let end = text.length;
  while (end > 0 && JSON_WHITESPACE.includes(text.charAt(end - 1))) end -= 1;
  return end;
}

/** The first syntax error or passed limit (`maxLevels` of nesting, numbers a double holds) in text order. */
export function findJsonProblem(text: string, unit: TextUnit, maxLevels: number): SyntaxProblem | LimitProblem | undefined {
  try {
    new Scanner(text, { unit, maxLevels }).document();
    return undefined;
  } catch (problem) {
    if (problem instanceof SyntaxProblem || problem instanceof LimitProblem) return problem;
    throw problem;
  }
}

/** Offset of the value at `path`, or of its nearest existing ancestor; no limits apply, so any valid text is walked. */
export function findJsonPath(text: string, path: JsonPath): number {
  const scanner = new Scanner(text, { target: path });
  try {
    scanner.document();
  } catch (stop) {
    if (!(stop instanceof TargetFound || stop instanceof SyntaxProblem)) throw stop;
  }
  return scanner.bestOffset;
}

/** The value of a scanned (so valid) JSON string literal, quotes included. */
function decodeString(literal: string): string {
  const decoded: unknown = JSON.parse(literal);
  return typeof decoded === 'string' ? decoded : '';
}

/** An array or object the scanner is inside: `depth` containers enclose it, `index` counts the values read so far. */
interface Frame {
  readonly object: boolean;
  readonly depth: number;
  readonly onTarget: boolean;
  index: number;
  started: boolean;
}

interface ScannerOptions {
  target?: JsonPath;
  unit?: TextUnit;
  /** Levels of arrays and objects inside one another allowed; numbers are checked too when set. */
  maxLevels?: number;
}

class Scanner {
  private pos = 0;
  bestOffset = 0;
  private bestDepth = -1;
  private readonly contentEnd: number;
  private readonly frames: Frame[] = [];
  private readonly target: JsonPath | undefined;
  private readonly unit: TextUnit;
  private readonly maxLevels: number | undefined;

  constructor(
    private readonly text: string,
    options: ScannerOptions,
  ) {
    this.contentEnd = endOfContent(text);
    this.target = options.target;
    this.unit = options.unit ?? 'file';
    this.maxLevels = options.maxLevels;
  }

  document(): void {
    this.skipWhitespace();
    this.value(0, true);
    for (let frame = this.frames.at(-1); frame; frame = this.frames.at(-1)) this.step(frame);
    this.skipWhitespace();
    if (this.pos < this.text.length) throw new SyntaxProblem(this.pos, `end of ${this.unit} after the JSON value`, true);
  }

  /** Scans a scalar whole; opens an array or object and leaves its contents to `step`. */
  private value(depth: number, onTarget: boolean): void {
    if (onTarget && this.target && depth > this.bestDepth) {
      this.bestDepth = depth;
      this.bestOffset = this.pos;
      if (depth === this.target.length) throw new TargetFound();
    }
    const char = this.text[this.pos];
    if (char === '{' || char === '[') return this.open(char === '{', depth, onTarget);
    if (char === '"') return this.string();
    const literal = LITERALS.find((word) => word.charAt(0) === char);
    if (literal) return this.literal(literal);
    NUMBER.lastIndex = this.pos;
    if (NUMBER.test(this.text)) return this.number(NUMBER.lastIndex);
    this.fail('a JSON value');
  }

  private open(object: boolean, depth: number, onTarget: boolean): void {
    if (this.maxLevels !== undefined && depth >= this.maxLevels) throw new LimitProblem(this.pos, 'depth');
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] === (object ? '}' : ']')) {
      this.pos += 1;
      return;
    }
    this.frames.push({ object, depth, onTarget, index: 0, started: false });
  }

  /** Inside the innermost open container: reads its next member or element, or its end after a separator. */
  private step(frame: Frame): void {
    if (frame.started) {
      this.skipWhitespace();
      if (this.text[this.pos] === (frame.object ? '}' : ']')) {
        this.pos += 1;
        this.frames.pop();
        return;
      }
      this.expect(',', frame.object ? '"," or "}" after the property value' : '"," or "]" after the array element');
      this.skipWhitespace();
      frame.index += 1;
    }
    frame.started = true;
    if (!frame.object) return this.value(frame.depth + 1, frame.onTarget && this.target?.[frame.depth] === frame.index);
    if (this.text[this.pos] !== '"') this.fail('a property name in double quotes');
    const keyStart = this.pos;
    this.string();
    const onKey = frame.onTarget && this.target !== undefined && this.target[frame.depth] === decodeString(this.text.slice(keyStart, this.pos));
    this.skipWhitespace();
    this.expect(':', '":" after the property name');
    this.skipWhitespace();
    this.value(frame.depth + 1, onKey);
  }

  private number(end: number): void {
    if (this.maxLevels !== undefined) {
      const literal = this.text.slice(this.pos, end);
      if (!Number.isFinite(Number(literal))) throw new LimitProblem(this.pos, 'number', literal);
    }
    this.pos = end;
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
