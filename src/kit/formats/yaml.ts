import { Composer, isMap, isNode, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { UserError, type Position } from '../../core/errors.js';
import { checkYamlNodes, depthError, isCoreTag, MAX_YAML_DEPTH, mismatchedTag, unsupportedTag } from './yaml-limits.js';

/** A parsed YAML file that can tell where any value in it came from. */
export interface YamlFile {
  file: string;
  value: unknown;
  positionOf(path: readonly PropertyKey[], key?: string): Position;
}

/** Largest YAML file: catalogs and exceptions files are written by people, and YAML data is small. */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;

/** The core (1.2) schema and nothing else: no custom tags, no YAML 1.1 extras (!!timestamp, !!binary, !!set). */
const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = { prettyErrors: false, uniqueKeys: true, customTags: [], resolveKnownTags: false };

/**
 * Parses YAML with the core (1.2) schema, no custom tags, and unique keys; dates stay strings. Syntax errors, tags
 * outside the core schema, merge keys, nesting deeper than `MAX_YAML_DEPTH` and alias bombs become a `UserError` at
 * the first problem's line and column.
 */
export function parseYamlFile(text: string, file: string): YamlFile {
  if (text.length > MAX_YAML_BYTES) {
    throw new UserError(`YAML file is larger than ${MAX_YAML_BYTES} bytes`, { position: { file }, hint: 'Split it into several files.' });
  }
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const doc = composeFirst(text, lineCounter, at);
  const problem = doc.errors[0];
  if (problem) {
    throw new UserError(`Invalid YAML: ${firstLine(problem.message)}`, {
      position: at(problem.pos[0]),
      hint: 'Check indentation, quoting and colons around this position.',
    });
  }
  checkTags(doc, text, at);
  checkYamlNodes(doc, at);
  return {
    file,
    value: toValue(doc, file),
    positionOf: (path, key) => at(offsetOf(doc, path, key)),
  };
}

/**
 * The first document, composed from tokens the parser yields one lexeme at a time, so that nesting past
 * `MAX_YAML_DEPTH` stops it before it grows (a million `[` take the parser gigabytes) and before the composer,
 * which recurses, can overflow the stack.
 */
function composeFirst(text: string, lineCounter: LineCounter, at: (offset: number) => Position): Document.Parsed {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > MAX_YAML_DEPTH) checkStack(parser.stack, at);
  }
  for (const token of parser.end()) tokens.push(token);
  const documents = new Composer(OPTIONS).compose(tokens, true, text.length);
  const first = documents.next();
  // With forceDoc the composer always yields a document, even for an empty text.
  if (first.done) throw new UserError('Invalid YAML: no document', { position: at(0), hint: 'Check that the file holds YAML.' });
  const second = documents.next();
  if (!second.done && first.value.errors.length === 0) {
    throw new UserError('Invalid YAML: more than one document in the file', {
      position: at(second.value.range[0]),
      hint: 'Keep one document per file: remove the "---" line, or split the file.',
    });
  }
  return first.value;
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Only lists and mappings nest: the parser's stack holds them between the document below and a scalar on top. */
function checkStack(stack: readonly CST.Token[], at: (offset: number) => Position): void {
  let top = stack.length;
  while (top > 0 && !COLLECTIONS.has(stack[top - 1]?.type ?? '')) top -= 1;
  const levels = stack[0]?.type === 'document' ? top - 1 : top;
  const innermost = stack[top - 1];
  if (levels > MAX_YAML_DEPTH && innermost) throw depthError(at(innermost.offset));
}

/** The library warns about a tag it cannot resolve and keeps the text: here that is an error, naming the tag as written. */
function checkTags(doc: Document.Parsed, text: string, at: (offset: number) => Position): void {
  const warning = doc.warnings.find(({ code }) => code === 'TAG_RESOLVE_FAILED' || code === 'BAD_COLLECTION_TYPE');
  if (!warning) return;
  const [start, end] = warning.pos;
  const written = text.slice(start, end);
  const resolved = doc.directives?.tagName(written, () => undefined);
  throw resolved !== null && resolved !== undefined && isCoreTag(resolved) ? mismatchedTag(written, at(start)) : unsupportedTag(written, at(start));
}

/** The checks above leave nothing the library could throw on; should it still, that is about the file, not a crash. */
function toValue(doc: Document.Parsed, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: -1 });
  } catch (cause) {
    throw new UserError(`Cannot read the YAML value: ${cause instanceof Error ? cause.message : String(cause)}`, { position: { file }, cause });
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

/** Offset of the node at `path` (or of `key` inside it); walks up to the nearest existing ancestor. */
function offsetOf(doc: Document, path: readonly PropertyKey[], key?: string): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  const steps = key === undefined ? path : [...path, key];
  for (const [index, step] of steps.entries()) {
    const isLast = index === steps.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step));
      if (!pair) break;
      // An unknown key points at the key itself; anything else at its value.
      const target = isLast && key !== undefined ? pair.key : (pair.value ?? pair.key);
      node = pair.value;
      offset = rangeStart(target) ?? offset;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}
