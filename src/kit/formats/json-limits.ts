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
  if (typeof value !== 'object') return isInfinite(value) ? 'number' : undefined;
  if (value === null) return undefined;
  if (levels <= 1) return 'depth';
  return Array.isArray(value) ? limitOfItems(value, levels - 1) : limitOfMembers(value as Readonly<Record<string, unknown>>, levels - 1);
}

// The loops test scalars in place: most members are strings, and a call for each costs the CloudTrail pass.
function limitOfItems(items: readonly unknown[], levels: number): JsonLimit | undefined {
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (typeof item !== 'object') {
      if (isInfinite(item)) return 'number';
    } else if (item !== null) {
      const limit = limitOf(item, levels);
      if (limit) return limit;
    }
  }
  return undefined;
}

function limitOfMembers(members: Readonly<Record<string, unknown>>, levels: number): JsonLimit | undefined {
  for (const key in members) {
    const member = members[key];
    if (typeof member !== 'object') {
      if (isInfinite(member)) return 'number';
    } else if (member !== null) {
      const limit = limitOf(member, levels);
      if (limit) return limit;
    }
  }
  return undefined;
}

function isInfinite(value: unknown): boolean {
  return value === Infinity || value === -Infinity;
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
