import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { UserError, type Position } from '../../core/errors.js';

/** A parsed YAML file that can tell where any value in it came from. */
export interface YamlFile {
  file: string;
  value: unknown;
  positionOf(path: readonly PropertyKey[], key?: string): Position;
}

/** Largest YAML file: catalogs and exceptions files are written by people, and YAML data is small. */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;

/**
 * Parses YAML with the core (1.2) schema, no custom tags, and unique keys; dates stay strings.
 * Syntax errors become a `UserError` at the first problem's line and column.
 */
export function parseYamlFile(text: string, file: string): YamlFile {
  if (text.length > MAX_YAML_BYTES) {
    throw new UserError(`YAML file is larger than ${MAX_YAML_BYTES} bytes`, { position: { file }, hint: 'Split it into several files.' });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, customTags: [] });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const problem = doc.errors[0];
  if (problem) {
    throw new UserError(`Invalid YAML: ${firstLine(problem.message)}`, {
      position: at(problem.pos[0]),
      hint: 'Check indentation, quoting and colons around this position.',
    });
  }
  return {
    file,
    value: doc.toJS({ maxAliasCount: 100 }),
    positionOf: (path, key) => at(offsetOf(doc, path, key)),
  };
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
