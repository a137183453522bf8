/**
 * Levels of arrays and objects inside one another a JSON export may have. Real AWS exports nest under 20; what reads
 * the records afterwards (zod, JMESPath, secret masking, `JSON.stringify`) recurses, and overflows the stack somewhere
 * past a few thousand levels: 512 leaves room for any real data and a wide margin below that.
 */
export const MAX_JSON_DEPTH = 512;

/** The largest number a double holds: `JSON.parse` turns anything beyond it into Infinity without a word. */
const MAX_DOUBLE_TEXT = '±1.8e308';

/** Which limit a JSON value passes. */
export type JsonLimit = 'depth' | 'number';

/**
 * Whether parsed JSON nests deeper than `maxLevels` (a top-level array or object is level 1) or holds a number
 * `JSON.parse` turned into ±Infinity, and which. It does not say where: the scanner finds that in the text, on the
 * error path only. It recurses, but never deeper than `maxLevels` frames, so a million `[` cannot overflow the stack;
 * recursion allocates nothing, which keeps it cheap enough for the CloudTrail hot path.
 */
export function exceededJsonLimit(value: unknown, maxLevels: number = MAX_JSON_DEPTH): JsonLimit | undefined {
  return limitOf(value, maxLevels + 1);
}

/** `levels`: how many more levels of arrays and objects may open, counting `value` if it is one, plus one. */
function limitOf(value: unknown, levels: number): JsonLimit | undefined {
  if (typeof value !== 'object') return value === Infinity || value === -Infinity ? 'number' : undefined;
  if (value === null) return undefined;
  if (levels <= 1) return 'depth';
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const limit = limitOf(value[index], levels - 1);
      if (limit) return limit;
    }
    return undefined;
  }
  return isRecord(value) ? limitOfMembers(value, levels - 1) : undefined;
}

function limitOfMembers(value: Readonly<Record<string, unknown>>, levels: number): JsonLimit | undefined {
  for (const key in value) {
    const limit = limitOf(value[key], levels);
    if (limit) return limit;
  }
  return undefined;
}

function isRecord(value: object): value is Readonly<Record<string, unknown>> {
  return !Array.isArray(value);
}

/** The message of a passed limit: where it is passed is the error's position. */
export function limitMessage(kind: JsonLimit, literal = '', maxLevels: number = MAX_JSON_DEPTH): string {
  if (kind === 'depth') return `Too deeply nested: more than ${maxLevels} levels of arrays and objects`;
  const shown = literal.length > 24 ? ` ${literal.slice(0, 24)}…` : literal === '' ? '' : ` ${literal}`;
  return `Out-of-range number${shown}: JSON numbers must lie within ${MAX_DOUBLE_TEXT}`;
}

export function limitHint(kind: JsonLimit, maxLevels: number = MAX_JSON_DEPTH): string {
  if (kind === 'depth') return `Real exports nest far less than ${maxLevels} levels, so the file is corrupt or crafted: export it again.`;
  return 'No export writes such a number; the file is corrupt or crafted: export it again (a value this large belongs in a string).';
}
