// Reads a JSON object whose members hold long arrays (`{"UserDetailList": [...], "Policies": [...]}`) from chunks of
// bytes, handing over each array element's text as soon as it is complete, so that no text of the whole file is ever
// built: an export can be larger than V8's longest string. It finds boundaries only (strings, nesting, commas);
// each element's text is then parsed by `JSON.parse`, which checks its syntax. Positions are tracked for errors.
import { isUtf8 } from 'node:buffer';
import { UserError, type Position } from '../../core/errors.js';
import type { z } from 'zod';
import { describeIssue, formatJsonPath } from './json.js';
import { exceededJsonLimit, limitHint, limitMessage, MAX_JSON_DEPTH } from './json-limits.js';
import { endOfContent, findJsonPath, findJsonProblem, LimitProblem } from './json-scanner.js';
import { lineColAt } from './text.js';

/** Where a value starts: 1-based line and column in its file. */
export interface TextPlace {
  line: number;
  col: number;
}

/** What the reader hands over: top-level members, and the elements of those whose value is an array. */
export interface TopLevelHandlers {
  /** One element of the array under `key`: its value, and its JSON text (for the positions of errors inside it). */
  element(key: string, index: number, value: unknown, text: string, at: TextPlace): void;
  /** A top-level member whose value is not an array. */
  member(key: string, value: unknown, text: string, at: TextPlace): void;
}

const enum State {
  BeforeObject,
  BeforeKey,
  InKey,
  BeforeColon,
  BeforeValue,
  BeforeElement,
  InElement,
  InMember,
  AfterValue,
  AfterObject,
}

const SYNTAX_HINT = 'The file is not valid JSON: export it again and check it was not cut short or edited by hand.';

const [QUOTE, BACKSLASH, COMMA, COLON, NEWLINE] = [0x22, 0x5c, 0x2c, 0x3a, 0x0a];
const [OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [0x7b, 0x7d, 0x5b, 0x5d];

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09;
}

/**
 * A push parser for one top-level JSON object: `push` each chunk of the file in order, then `end`. Throws a `UserError`
 * at the file's line and column for a structure it cannot read (not an object, a value cut short, text after the end),
 * for an element or member that is not valid JSON, and for one past the nesting or number limits (`json-limits.ts`).
 */
export class TopLevelObjectReader {
  private buf: Buffer = Buffer.alloc(0);
  /** Absolute offset of `buf[0]` in the file. */
  private base = 0;
  private pos = 0;
  private state = State.BeforeObject;
  /** Start (in `buf`) of the key, element or member being read. */
  private tokenStart = -1;
  private tokenPlace: TextPlace = { line: 1, col: 1 };
  private key = '';
  private index = 0;
  private depth = 0;
  private inString = false;
  private expectItem = false;
  private readonly seenKeys = new Set<string>();
  private readonly arrays: string[] = [];
  private line = 1;
  /** Absolute offset where the current line starts, or where counting its characters resumes. */
  private lineStart = 0;
  /** Characters of the current line before `lineStart` (on a very long line, those already dropped from `buf`). */
  private lineChars = 0;

  constructor(
    private readonly display: string,
    private readonly handlers: TopLevelHandlers,
    /** Shown with every syntax error. */
    private readonly hint: string = SYNTAX_HINT,
  ) {}

  push(chunk: Buffer): void {
    this.keepFrom(this.tokenStart === -1 ? this.pos : this.tokenStart);
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.scan();
  }

  /** The top-level keys whose value is an array, empty ones included, in file order. */
  arrayKeys(): readonly string[] {
    return this.arrays;
  }

  end(): void {
    // A value cut short: its own text says what it lacks, as the whole file's would.
    if (this.tokenStart !== -1 && this.state !== State.InKey) {
      const text = this.tokenText(this.buf.length);
      throw valueError(text, { display: this.display, place: this.tokenPlace, levelsAbove: this.state === State.InElement ? 2 : 1, hint: this.hint }, 'end of file');
    }
    if (this.state !== State.AfterObject) this.fail(this.state === State.BeforeObject ? 'a JSON object' : 'the rest of the JSON object', true);
  }

  /** Drops the bytes before `keep`, counting the characters of the current line among them for columns. */
  private keepFrom(keep: number): void {
    if (keep <= 0) return;
    const lineStart = this.lineStart - this.base;
    if (lineStart < keep) {
      this.lineChars += utf8Chars(this.buf, Math.max(lineStart, 0), keep);
      this.lineStart = this.base + keep;
    }
    this.buf = this.buf.subarray(keep);
    this.base += keep;
    this.pos -= keep;
    if (this.tokenStart !== -1) this.tokenStart -= keep;
  }

  private placeAt(offset: number): TextPlace {
    const lineStart = this.lineStart - this.base;
    return { line: this.line, col: this.lineChars + utf8Chars(this.buf, Math.max(lineStart, 0), offset) + 1 };
  }

  private newLine(at: number): void {
    this.line += 1;
    this.lineStart = this.base + at + 1;
    this.lineChars = 0;
  }

  private startToken(at: number): void {
    this.tokenStart = at;
    this.tokenPlace = this.placeAt(at);
  }

  private tokenText(end: number): string {
    return utf8Text(this.buf, this.tokenStart, end, this.display, this.tokenPlace);
  }

  private scan(): void {
    const { buf } = this;
    while (this.pos < buf.length) {
      if (this.state === State.InKey || this.state === State.InElement || this.state === State.InMember) {
        if (!this.scanToken()) return;
        continue;
      }
      const byte = buf[this.pos] ?? 0;
      if (isWhitespace(byte)) {
        if (byte === NEWLINE) this.newLine(this.pos);
        this.pos += 1;
        continue;
      }
      this.structural(byte);
    }
  }

  /** A byte between tokens: what may come there decides the next state. */
  private structural(byte: number): void {
    const at = this.pos;
    switch (this.state) {
      case State.BeforeObject:
        if (at + this.base === 0 && byte === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) {
          this.pos += 3;
          return;
        }
        if (byte !== OPEN_BRACE) this.fail('a JSON object');
        this.state = State.BeforeKey;
        this.expectItem = false;
        break;
      case State.BeforeKey:
        if (byte === CLOSE_BRACE && !this.expectItem) {
          this.state = State.AfterObject;
          break;
        }
        if (byte !== QUOTE) this.fail('a property name in double quotes');
        this.startToken(at);
        this.state = State.InKey;
        this.inString = true;
        break;
      case State.BeforeColon:
        if (byte !== COLON) this.fail('":" after the property name');
        this.state = State.BeforeValue;
        break;
      case State.BeforeValue:
        if (byte === OPEN_BRACKET) {
          this.arrays.push(this.key);
          this.state = State.BeforeElement;
          this.index = 0;
          this.expectItem = false;
          break;
        }
        this.startToken(at);
        this.state = State.InMember;
        this.depth = 0;
        return;
      case State.BeforeElement:
        if (byte === CLOSE_BRACKET && !this.expectItem) {
          this.state = State.AfterValue;
          break;
        }
        this.startToken(at);
        this.state = State.InElement;
        this.depth = 0;
        return;
      case State.AfterValue:
        if (byte === COMMA) {
          this.state = State.BeforeKey;
          this.expectItem = true;
        } else if (byte === CLOSE_BRACE) this.state = State.AfterObject;
        else this.fail('"," or "}" after the property value');
        break;
      case State.AfterObject:
        this.fail('end of file after the JSON value');
    }
    this.pos += 1;
  }

  /** Reads on inside a key, element or member; false when the buffer ends first. */
  private scanToken(): boolean {
    const { buf } = this;
    while (this.pos < buf.length) {
      if (this.inString) {
        const quote = closingQuote(buf, this.pos);
        if (quote === -1) {
          this.pos = buf.length;
          return false;
        }
        this.pos = quote + 1;
        this.inString = false;
        if (this.state === State.InKey) return this.endKey();
        continue;
      }
      const byte = buf[this.pos] ?? 0;
      if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) this.depth += 1;
      else if (byte === NEWLINE) this.newLine(this.pos);
      else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === COMMA) && this.depth === 0) return this.endValue(byte);
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) this.depth -= 1;
      this.pos += 1;
    }
    return false;
  }

  private endKey(): boolean {
    const text = this.tokenText(this.pos);
    const key: unknown = JSON.parse(text);
    if (typeof key !== 'string') this.fail('a property name in double quotes');
    // JSON.parse keeps the last of two equal keys; read as a stream, both would count.
    if (this.seenKeys.has(key)) throw new UserError(`Expected each top-level key once, found "${key}" twice`, { position: this.position(this.tokenPlace), hint: 'Export the file again: the CLI writes each key once.' });
    this.seenKeys.add(key);
    this.key = key;
    this.tokenStart = -1;
    this.state = State.BeforeColon;
    return true;
  }

  /** An element or member ends at a comma or a closing bracket at its own level. */
  private endValue(byte: number): boolean {
    const inElement = this.state === State.InElement;
    if ((inElement && byte === CLOSE_BRACE) || (!inElement && byte === CLOSE_BRACKET)) this.fail(inElement ? '"," or "]" after the array element' : '"," or "}" after the property value');
    const text = this.tokenText(this.pos);
    const place = this.tokenPlace;
    const value = parseChecked(text, { display: this.display, place, levelsAbove: inElement ? 2 : 1, hint: this.hint }, describeByte(this.buf, this.pos));
    this.tokenStart = -1;
    if (inElement) {
      this.handlers.element(this.key, this.index, value, text, place);
      this.index += 1;
      if (byte === COMMA) {
        this.state = State.BeforeElement;
        this.expectItem = true;
      } else this.state = State.AfterValue;
    } else {
      this.handlers.member(this.key, value, text, place);
      this.state = byte === COMMA ? State.BeforeKey : State.AfterObject;
      this.expectItem = byte === COMMA;
    }
    this.pos += 1;
    return true;
  }

  private position(place: TextPlace): Position {
    return { file: this.display, line: place.line, col: place.col };
  }

  private fail(expected: string, atEnd = false): never {
    const place = atEnd ? this.placeAt(this.buf.length) : this.placeAt(this.pos);
    const found = atEnd ? 'end of file' : describeByte(this.buf, this.pos);
    throw new UserError(`Invalid JSON: expected ${expected}, found ${found}`, { position: this.position(place), hint: this.hint });
  }
}

/** The offset of the quote that closes a string whose content starts at `from`, or -1 when the buffer ends first. */
function closingQuote(buf: Buffer, from: number): number {
  for (let quote = buf.indexOf(QUOTE, from); quote !== -1; quote = buf.indexOf(QUOTE, quote + 1)) {
    let backslashes = 0;
    while (buf[quote - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}

/** Characters (not bytes) of UTF-8 in `buf` from `start` to `end`: every byte that does not continue a sequence. */
function utf8Chars(buf: Buffer, start: number, end: number): number {
  let chars = 0;
  for (let index = start; index < end; index++) if (((buf[index] ?? 0) & 0xc0) !== 0x80) chars += 1;
  return chars;
}

/** `buf` from `start` to `end` as text; ill-formed UTF-8 is an error at the value, not replacement characters. */
function utf8Text(buf: Buffer, start: number, end: number, display: string, place: TextPlace): string {
  const text = buf.toString('utf8', start, end);
  if (text.includes('\uFFFD') && !isUtf8(buf.subarray(start, end))) {
    throw new UserError('Invalid UTF-8 in this value: the file is not UTF-8 text', {
      position: { file: display, line: place.line, col: place.col },
      hint: 'Convert it to UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8` for Latin-1 text) and run again.',
    });
  }
  return text;
}

function describeByte(buf: Buffer, at: number): string {
  const byte = buf[at];
  return byte === undefined ? 'end of file' : JSON.stringify(String.fromCharCode(byte));
}

/** Where a value's text lies in its file: for its errors. */
export interface ValueContext {
  display: string;
  place: TextPlace;
  /** Arrays and objects around the value in its file: they count against the nesting limit. */
  levelsAbove: number;
  hint: string;
}

/** A value's text parsed within the limits; its errors are placed in the file. `after`: what follows the text, for messages. */
export function parseChecked(text: string, context: ValueContext, after: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw valueError(text, context, after);
  }
  if (exceededJsonLimit(value, MAX_JSON_DEPTH - context.levelsAbove) !== undefined) throw valueError(text, context, after);
  return value;
}

function valueError(text: string, { display, place, levelsAbove, hint }: ValueContext, after: string): UserError {
  const problem = findJsonProblem(text, 'file', MAX_JSON_DEPTH - levelsAbove);
  // As for a whole file: a problem in the blank lines at the end is shown after the last character.
  const contentEnd = endOfContent(text);
  const offset = Math.min(problem?.offset ?? 0, contentEnd);
  const position = { file: display, ...placeIn(text, place, offset) };
  if (problem instanceof LimitProblem) return new UserError(limitMessage(problem.kind, problem.literal), { position, hint: limitHint(problem.kind) });
  const found = offset >= contentEnd ? after : JSON.stringify(text.charAt(offset));
  return new UserError(`Invalid JSON: expected ${problem?.expected ?? 'a JSON value'}, found ${found}`, { position, hint });
}

/**
 * A value read from a stream, validated with a zod schema as `validateJson` validates a whole file: the first issue
 * becomes a `UserError` at the line and column of the offending value, naming its path from the top of the file.
 */
export function validateStreamed<S extends z.ZodType>(schema: S, value: unknown, text: string, at: { display: string; place: TextPlace; path: readonly PropertyKey[]; hint: string }): z.output<S> {
  const result = schema.safeParse(value, { error: describeIssue });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const inner = issue?.path ?? [];
  throw new UserError(`${formatJsonPath([...at.path, ...inner])}: ${issue?.message ?? 'Invalid value'}`, {
    position: { file: at.display, ...placeIn(text, at.place, findJsonPath(text, inner)) },
    hint: at.hint,
  });
}

/** The file's line and column of `offset` in a value's text that starts at `place`. */
export function placeIn(text: string, place: TextPlace, offset: number): TextPlace {
  const inner = lineColAt(text, offset);
  return inner.line === 1 ? { line: place.line, col: place.col + inner.col - 1 } : { line: place.line + inner.line - 1, col: inner.col };
}
