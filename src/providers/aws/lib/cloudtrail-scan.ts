// The fast path through a CloudTrail log file: one walk over the bytes finds each record's boundaries and the few
// fields the pass itself needs (time, id, account, region, event name), checking the JSON grammar as it goes; only
// the records some check can match are parsed in full. Whatever it cannot vouch for falls back to the full parse.
import { RecordSummary, type RecordFilter } from '../../../kit/define-source.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Bytes that end the plain run of a string: the quote, a backslash, and the control characters JSON forbids raw. */
const STRING_STOP = new Uint8Array(256);
for (let byte = 0; byte < 0x20; byte++) STRING_STOP[byte] = 1;
STRING_STOP[QUOTE] = 1;
STRING_STOP[BACKSLASH] = 1;

const WHITESPACE = new Uint8Array(256);
for (const byte of [0x20, 0x09, 0x0a, 0x0d]) WHITESPACE[byte] = 1;

/** Nesting past this inside a record is parsed in full, so the JSON limits are checked where they always are. */
const VOUCHED_DEPTH = 64;
/** A number literal this long, or with an exponent, might not fit a double: parsed in full. */
const VOUCHED_DIGITS = 300;

/** The record-level fields the scan keeps, by their index in a record's field table. */
const FIELDS = ['eventTime', 'eventID', 'eventName', 'eventSource', 'awsRegion', 'recipientAccountId'] as const;
const [TIME, ID, NAME, , REGION, ACCOUNT] = [0, 1, 2, 3, 4, 5];
const FIELD_BYTES = FIELDS.map((name) => Buffer.from(name, 'latin1'));
const RECORDS_KEY = Buffer.from('"Records"', 'latin1');

/** The file is not one the scan can vouch for: the caller reads it in full. */
class Unvouched extends Error {}
const UNVOUCHED = new Unvouched('the fast path cannot vouch for this file');

// The walk's state, shared by the functions below (plain functions over local indices are what V8 runs fastest): one
// file is walked at a time on a thread, start to end, synchronously.
/** The record being walked has a string with an escape, a deep value or a long number: parse it in full. */
let unsure = false;
/** The record being walked holds one of the mentions as a string. */
let mentioned = false;
/** By byte length: whether a mention is that long (a quick test before comparing bytes). */
let mentionLengths = new Uint8Array(0);
let mentionBytes: readonly Buffer[] = [];

/** Past a string that starts (with its quote) at `at`. */
function skipString(bytes: Buffer, at: number): number {
  const length = bytes.length;
  const start = at + 1;
  at = start;
  for (;;) {
    while (at < length && STRING_STOP[bytes[at] as number] === 0) at++;
    if (at >= length) throw UNVOUCHED;
    const byte = bytes[at];
    if (byte === QUOTE) break;
    if (byte !== BACKSLASH) throw UNVOUCHED;
    // Escapes are left to JSON.parse: the record is parsed in full, which checks them.
    unsure = true;
    at += 2;
  }
  const size = at - start;
  if (size < mentionLengths.length && mentionLengths[size] === 1) mentioned ||= mentionAt(bytes, start, size);
  return at + 1;
}

function mentionAt(bytes: Buffer, start: number, size: number): boolean {
  for (const mention of mentionBytes) if (mention.length === size && bytes.compare(mention, 0, size, start, start + size) === 0) return true;
  return false;
}

function skipWhitespace(bytes: Buffer, at: number): number {
  while (at < bytes.length && WHITESPACE[bytes[at] as number] === 1) at++;
  return at;
}

/** Past the value at `at`, checking its grammar; `depth`: the value's nesting level within the record. */
function skipValue(bytes: Buffer, at: number, depth: number): number {
  const byte = bytes[at];
  if (byte === QUOTE) return skipString(bytes, at);
  if (byte === OPEN_OBJECT) return skipObject(bytes, at, depth + 1);
  if (byte === OPEN_ARRAY) return skipArray(bytes, at, depth + 1);
  if (byte === 0x74) return skipWord(bytes, at, TRUE);
  if (byte === 0x66) return skipWord(bytes, at, FALSE);
  if (byte === 0x6e) return skipWord(bytes, at, NULL);
  return skipNumber(bytes, at);
}

function checkDepth(depth: number): void {
  if (depth > VOUCHED_DEPTH) unsure = true;
  // Far past any limit: the full parse says where.
  if (depth > 500) throw UNVOUCHED;
}

function skipObject(bytes: Buffer, at: number, depth: number): number {
  checkDepth(depth);
  at = skipWhitespace(bytes, at + 1);
  if (bytes[at] === CLOSE_OBJECT) return at + 1;
  for (;;) {
    if (bytes[at] !== QUOTE) throw UNVOUCHED;
    at = skipString(bytes, at);
    if (WHITESPACE[bytes[at] as number] === 1) at = skipWhitespace(bytes, at);
    if (bytes[at] !== COLON) throw UNVOUCHED;
    at = skipWhitespace(bytes, at + 1);
    at = skipValue(bytes, at, depth);
    if (WHITESPACE[bytes[at] as number] === 1) at = skipWhitespace(bytes, at);
    const byte = bytes[at++];
    if (byte === CLOSE_OBJECT) return at;
    if (byte !== COMMA) throw UNVOUCHED;
    if (WHITESPACE[bytes[at] as number] === 1) at = skipWhitespace(bytes, at);
  }
}

function skipArray(bytes: Buffer, at: number, depth: number): number {
  checkDepth(depth);
  at = skipWhitespace(bytes, at + 1);
  if (bytes[at] === CLOSE_ARRAY) return at + 1;
  for (;;) {
    at = skipValue(bytes, at, depth);
    if (WHITESPACE[bytes[at] as number] === 1) at = skipWhitespace(bytes, at);
    const byte = bytes[at++];
    if (byte === CLOSE_ARRAY) return at;
    if (byte !== COMMA) throw UNVOUCHED;
    if (WHITESPACE[bytes[at] as number] === 1) at = skipWhitespace(bytes, at);
  }
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

function skipWord(bytes: Buffer, at: number, word: Buffer): number {
  for (let index = 0; index < word.length; index++) if (bytes[at + index] !== word[index]) throw UNVOUCHED;
  return at + word.length;
}

/** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as JSON has it. */
function skipNumber(bytes: Buffer, at: number): number {
  const start = at;
  if (bytes[at] === 0x2d) at++;
  if (bytes[at] === 0x30) at++;
  else if (isDigit(bytes[at])) while (isDigit(bytes[at])) at++;
  else throw UNVOUCHED;
  if (bytes[at] === 0x2e) {
    at++;
    if (!isDigit(bytes[at])) throw UNVOUCHED;
    while (isDigit(bytes[at])) at++;
  }
  if (bytes[at] === 0x65 || bytes[at] === 0x45) {
    unsure = true;
    at++;
    if (bytes[at] === 0x2b || bytes[at] === 0x2d) at++;
    if (!isDigit(bytes[at])) throw UNVOUCHED;
    while (isDigit(bytes[at])) at++;
  }
  if (at - start > VOUCHED_DIGITS) unsure = true;
  return at;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

/** Which of FIELDS the key between `start` and `end` names, or -1. */
function fieldAt(bytes: Buffer, start: number, end: number): number {
  const length = end - start;
  for (let field = 0; field < FIELD_BYTES.length; field++) {
    const name = FIELD_BYTES[field] as Buffer;
    if (name.length !== length) continue;
    let index = 0;
    while (index < length && bytes[start + index] === name[index]) index++;
    if (index === length) return field;
  }
  return -1;
}

/** Start and end (exclusive, quotes excluded) of each field in FIELDS in the record walked last, -1 when absent. */
const starts = new Int32Array(FIELDS.length);
const ends = new Int32Array(FIELDS.length);

/**
 * Past one record (an object) at `at`: its fields in FIELDS found at its top level, every other value walked. A field
 * that is not a plain string, or that appears twice, leaves the record to the full parse (`unsure`).
 */
function skipRecord(bytes: Buffer, at: number): number {
  unsure = false;
  mentioned = false;
  starts.fill(-1);
  if (bytes[at] !== OPEN_OBJECT) {
    // Not an event object: the full parse reports it.
    unsure = true;
    return skipValue(bytes, at, 0);
  }
  at = skipWhitespace(bytes, at + 1);
  if (bytes[at] === CLOSE_OBJECT) {
    unsure = true;
    return at + 1;
  }
  for (;;) {
    if (bytes[at] !== QUOTE) throw UNVOUCHED;
    const keyStart = at + 1;
    at = skipString(bytes, at);
    const field = fieldAt(bytes, keyStart, at - 1);
    if (WHITESPACE[bytes[at] as number] === 1) at = skipWhitespace(bytes, at);
    if (bytes[at] !== COLON) throw UNVOUCHED;
    at = skipWhitespace(bytes, at + 1);
    if (field >= 0 && bytes[at] === QUOTE) {
      if (starts[field] !== -1) unsure = true;
      starts[field] = at + 1;
      at = skipString(bytes, at);
      ends[field] = at - 1;
    } else {
      if (field >= 0) unsure = true;
      at = skipValue(bytes, at, 1);
    }
    if (WHITESPACE[bytes[at] as number] === 1) at = skipWhitespace(bytes, at);
    const byte = bytes[at++];
    if (byte === CLOSE_OBJECT) break;
    if (byte !== COMMA) throw UNVOUCHED;
    if (WHITESPACE[bytes[at] as number] === 1) at = skipWhitespace(bytes, at);
  }
  for (let field = 0; field < FIELDS.length; field++) if (starts[field] === -1) unsure = true;
  return at;
}

/** What a file's records are turned into: the full record (the source's `normalise`), or a summary. */
export interface ScanSettings<T> {
  /** The full parse of one record's JSON text; throws on a record that is not a valid event. */
  parseRecord(text: string): T;
  /** `eventTime` as the full parse reads it, in ms since the epoch; undefined when it would reject it. */
  parseTime(text: string): number | undefined;
  filter: RecordFilter;
}

/**
 * The records of a `{"Records": [...]}` log file in order: in full those a check can match (by event name or a
 * mention) and those the walk cannot vouch for, a RecordSummary of each other one. Undefined for a file of any other
 * shape, one whose grammar breaks, or one with a record the full parse rejects: the caller then parses the file whole,
 * which reports the problem at its position.
 */
export function scanCloudTrailFile<T>(bytes: Buffer, settings: ScanSettings<T>): (T | RecordSummary)[] | undefined {
  try {
    return scanRecords(bytes, settings);
  } catch (error) {
    if (error instanceof Unvouched) return undefined;
    throw error;
  }
}

/** A record the source rejects (or JSON.parse does, for an escape): the full parse of the file reports it where it is. */
function parsedInFull<T>(parseRecord: (text: string) => T, text: string): T {
  try {
    return parseRecord(text);
  } catch {
    throw UNVOUCHED;
  }
}

function scanRecords<T>(bytes: Buffer, { parseRecord, parseTime, filter }: ScanSettings<T>): (T | RecordSummary)[] {
  mentionBytes = filter.mentions.map((text) => Buffer.from(text, 'utf8'));
  mentionLengths = new Uint8Array(Math.max(0, ...mentionBytes.map((mention) => mention.length + 1)));
  for (const mention of mentionBytes) mentionLengths[mention.length] = 1;
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  at = expect(bytes, skipWhitespace(bytes, at), OPEN_OBJECT);
  at = skipWhitespace(bytes, at);
  for (let index = 0; index < RECORDS_KEY.length; index++) at = expect(bytes, at, RECORDS_KEY[index] ?? 0);
  at = expect(bytes, skipWhitespace(bytes, at), COLON);
  at = expect(bytes, skipWhitespace(bytes, at), OPEN_ARRAY);
  at = skipWhitespace(bytes, at);
  const entries: (T | RecordSummary)[] = [];
  const scopes = new ScopeCache(bytes);
  if (bytes[at] === CLOSE_ARRAY) at++;
  else {
    for (;;) {
      const start = at;
      at = skipRecord(bytes, at);
      const time = unsure ? undefined : parseTime(textAt(bytes, TIME));
      if (time === undefined || mentioned || (filter.keys.size > 0 && filter.keys.has(textAt(bytes, NAME)))) entries.push(parsedInFull(parseRecord, bytes.toString('utf8', start, at)));
      else entries.push(new RecordSummary(time, textAt(bytes, ID), { scope: scopes.scope(), time }));
      at = skipWhitespace(bytes, at);
      const byte = bytes[at++];
      if (byte === CLOSE_ARRAY) break;
      if (byte !== COMMA) throw UNVOUCHED;
      at = skipWhitespace(bytes, at);
    }
  }
  at = expect(bytes, skipWhitespace(bytes, at), CLOSE_OBJECT);
  if (skipWhitespace(bytes, at) !== bytes.length) throw UNVOUCHED;
  return entries;
}

function expect(bytes: Buffer, at: number, byte: number): number {
  if (bytes[at] !== byte) throw UNVOUCHED;
  return at + 1;
}

function textAt(bytes: Buffer, field: number): string {
  return bytes.toString('utf8', starts[field], ends[field]);
}

/** The coverage scope `[account, region]` of each record; the records of one file nearly all share one, kept as is. */
class ScopeCache {
  private last: readonly string[] = [];
  /** Where the last scope's account and region are in the file. */
  private readonly at = new Int32Array([-1, -1, -1, -1]);

  constructor(private readonly bytes: Buffer) {}

  scope(): readonly string[] {
    if (!this.same(starts[ACCOUNT] ?? -1, ends[ACCOUNT] ?? -1, 0) || !this.same(starts[REGION] ?? -1, ends[REGION] ?? -1, 2)) {
      this.last = [textAt(this.bytes, ACCOUNT), textAt(this.bytes, REGION)];
      this.at.set([starts[ACCOUNT] ?? -1, ends[ACCOUNT] ?? -1, starts[REGION] ?? -1, ends[REGION] ?? -1]);
    }
    return this.last;
  }

  /** Whether the bytes from `start` to `end` equal those of the last scope's part at `slot`. */
  private same(start: number, end: number, slot: number): boolean {
    const lastStart = this.at[slot] ?? -1;
    const lastEnd = this.at[slot + 1] ?? -1;
    if (lastStart < 0 || end - start !== lastEnd - lastStart) return false;
    for (let index = 0; index < end - start; index++) if (this.bytes[start + index] !== this.bytes[lastStart + index]) return false;
    return true;
  }
}
