// The fast path through a CloudTrail log file as a trail delivers it (compact JSON, fields in CloudTrail's order): the
// native string search finds each record's boundaries and the fields the pass needs (time, id, event name, account,
// region) at the places CloudTrail writes them, without parsing; only the records some check can match are parsed.
import { isAscii } from 'node:buffer';
import { RecordSummary, type RecordFilter } from '../../../kit/define-source.js';

/** What a file's records are turned into: the full record (the source's parse of one record), or a summary. */
export interface ScanSettings<T> {
  /** The full parse of one record's JSON text; throws on a record that is not a valid event. */
  parseRecord(text: string): T;
  /** `eventTime` as the full parse reads it, in ms since the epoch; undefined when it would reject it. */
  parseTime(text: string): number | undefined;
  filter: RecordFilter;
}

const HEAD = '{"Records":[';
const RECORD_START = '{"eventVersion":"';
/** Between two records: a record ends where the next one starts (a quote cannot be inside a string unescaped). */
const NEXT_RECORD = '},{"eventVersion":"';
/** userIdentity closes, then CloudTrail writes these four in this order. */
const TIME = '},"eventTime":"';
const SOURCE = '","eventSource":"';
const NAME = '","eventName":"';
const REGION = '","awsRegion":"';
const ID = ',"eventID":"';
/** CloudTrail writes `readOnly` right after `eventID`: a nested `eventID` key is not taken for the record's. */
const AFTER_ID = '","readOnly":';
const ACCOUNT = ',"recipientAccountId":"';

/** The file does not have the shape the scan reads: the caller reads it in full. */
class Unvouched extends Error {}
const UNVOUCHED = new Unvouched('the fast path cannot vouch for this file');

/**
 * The records of a delivered log file in order: in full those a check can match (by event name or a mention) and
 * those whose fields are not where CloudTrail writes them or that hold an escape, and a RecordSummary of every
 * other one. Undefined for a file of any other shape (not ASCII, not compact, cut short, another document) or with a
 * record that does not parse on its own or that the source rejects: the caller then parses the file whole, which
 * reports any problem at its position. The JSON between the fields of a summarised record is not parsed: a trail
 * writes valid JSON and gzip's checksum guards what it wrote, and a record a check needs is always parsed in full.
 */
export function scanCloudTrailFile<T>(bytes: Buffer, settings: ScanSettings<T>): (T | RecordSummary)[] | undefined {
  // ASCII text is UTF-8 without a byte order mark, and one byte per character: offsets in the text are offsets in the bytes.
  if (!isAscii(bytes)) return undefined;
  try {
    return scanRecords(bytes.toString('latin1'), settings);
  } catch (error) {
    if (error instanceof Unvouched) return undefined;
    throw error;
  }
}

function scanRecords<T>(text: string, { parseRecord, parseTime, filter }: ScanSettings<T>): (T | RecordSummary)[] {
  const last = lastClose(text);
  if (!text.startsWith(HEAD)) throw UNVOUCHED;
  const entries: (T | RecordSummary)[] = [];
  if (last === HEAD.length) return entries;
  const backslashes = new NextMatch(text, '\\');
  const mentions = filter.mentions.map((mention) => new NextMatch(text, mention, '"'));
  const scopes = new ScopeCache(text);
  let start = HEAD.length;
  for (;;) {
    // A record that starts otherwise has no fields where CloudTrail writes them: it is parsed in full, which fails if
    // the slice up to the next record is not one record.
    const next = text.indexOf(NEXT_RECORD, start + 1);
    const end = next === -1 ? last : next + 1;
    if (text.charCodeAt(end - 1) !== 0x7d) throw UNVOUCHED;
    const fields = backslashes.within(start, end) || !text.startsWith(RECORD_START, start) ? undefined : recordFields(text, start, end);
    const time = fields === undefined ? undefined : parseTime(text.slice(fields.time, fields.timeEnd));
    if (fields === undefined || time === undefined || mentions.some((mention) => mention.within(start, end)) || (filter.keys.size > 0 && filter.keys.has(text.slice(fields.name, fields.nameEnd)))) {
      entries.push(parsedInFull(parseRecord, text.slice(start, end)));
    } else {
      entries.push(new RecordSummary(time, text.slice(fields.id, fields.idEnd), { scope: scopes.scope(fields), time }));
    }
    if (next === -1) return entries;
    start = next + 2;
  }
}

/** Where `]}` closes the Records array, trailing whitespace allowed; a file cut short has none. */
function lastClose(text: string): number {
  let end = text.length;
  while (end > 0 && isWhitespace(text.charCodeAt(end - 1))) end--;
  if (!text.endsWith(']}', end)) throw UNVOUCHED;
  return end - 2;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** A record the source rejects, or one that is not JSON on its own: the full parse of the file reports it where it is. */
function parsedInFull<T>(parseRecord: (text: string) => T, text: string): T {
  try {
    return parseRecord(text);
  } catch {
    throw UNVOUCHED;
  }
}

/** Where each field's value lies (its quotes excluded), in the record from `start` to `end`. */
interface RecordFields {
  time: number;
  timeEnd: number;
  name: number;
  nameEnd: number;
  region: number;
  regionEnd: number;
  id: number;
  idEnd: number;
  account: number;
  accountEnd: number;
}

/** The fields of a record without escapes, each where CloudTrail writes it; undefined when one is not there. */
function recordFields(text: string, start: number, end: number): RecordFields | undefined {
  const time = valueAfter(text, text.indexOf(TIME, start), TIME, end);
  if (time === -1) return undefined;
  const timeEnd = text.indexOf('"', time);
  const source = followedBy(text, timeEnd, SOURCE);
  const sourceEnd = source === -1 ? -1 : text.indexOf('"', source);
  const name = followedBy(text, sourceEnd, NAME);
  const nameEnd = name === -1 ? -1 : text.indexOf('"', name);
  const region = followedBy(text, nameEnd, REGION);
  const regionEnd = region === -1 ? -1 : text.indexOf('"', region);
  if (regionEnd === -1 || regionEnd >= end) return undefined;
  const id = valueAfter(text, text.indexOf(ID, regionEnd), ID, end);
  const idEnd = id === -1 ? -1 : text.indexOf('"', id);
  if (idEnd === -1 || !text.startsWith(AFTER_ID, idEnd)) return undefined;
  const account = valueAfter(text, text.indexOf(ACCOUNT, idEnd), ACCOUNT, end);
  const accountEnd = account === -1 ? -1 : text.indexOf('"', account);
  // The value must end the member: `"…",` or `"…"}`.
  if (accountEnd === -1 || accountEnd >= end || (text.charCodeAt(accountEnd + 1) !== 0x2c && text.charCodeAt(accountEnd + 1) !== 0x7d)) return undefined;
  return { time, timeEnd, name, nameEnd, region, regionEnd, id, idEnd, account, accountEnd };
}

/** Where the value after the key `pattern` found at `at` starts, if it is inside the record. */
function valueAfter(text: string, at: number, pattern: string, end: number): number {
  return at === -1 || at + pattern.length >= end ? -1 : at + pattern.length;
}

/** Where the value starts when the closing quote at `quote` is followed by `pattern`, else -1. */
function followedBy(text: string, quote: number, pattern: string): number {
  return quote !== -1 && text.startsWith(pattern, quote) ? quote + pattern.length : -1;
}

/** The occurrences of a pattern in the file, found one ahead of the records, which are asked about in file order. */
class NextMatch {
  private next = -2;

  constructor(
    private readonly text: string,
    private readonly pattern: string,
    /** Characters the pattern must have on either side (the quotes of a JSON string): searched without them, as a quote starts too many places. */
    private readonly around = '',
  ) {}

  /** Whether the pattern occurs between `start` and `end`. */
  within(start: number, end: number): boolean {
    if (this.next === -2 || (this.next !== -1 && this.next < start)) this.next = this.find(start);
    return this.next !== -1 && this.next + this.pattern.length + this.around.length <= end;
  }

  /** The start of the next occurrence (its opening character included) from `from` on, or -1. */
  private find(from: number): number {
    const { text, pattern, around } = this;
    for (let at = text.indexOf(pattern, from + around.length); at !== -1; at = text.indexOf(pattern, at + 1)) {
      if (around === '' || (text.startsWith(around, at - around.length) && text.startsWith(around, at + pattern.length))) return at - around.length;
    }
    return -1;
  }
}

/** The coverage scope `[account, region]` of each record; the records of one file nearly all share one, made once. */
class ScopeCache {
  private last: readonly string[] = [];

  constructor(private readonly text: string) {}

  scope(fields: RecordFields): readonly string[] {
    const [account, region] = this.last;
    const { text } = this;
    if (account === undefined || region === undefined || !sameText(text, fields.account, fields.accountEnd, account) || !sameText(text, fields.region, fields.regionEnd, region)) {
      // Copied out of the file's text: a slice would keep the whole text alive as long as the coverage holds it.
      this.last = [copyOf(text.slice(fields.account, fields.accountEnd)), copyOf(text.slice(fields.region, fields.regionEnd))];
    }
    return this.last;
  }
}

function sameText(text: string, start: number, end: number, value: string): boolean {
  return end - start === value.length && text.startsWith(value, start);
}

function copyOf(value: string): string {
  return Buffer.from(value, 'latin1').toString('latin1');
}
