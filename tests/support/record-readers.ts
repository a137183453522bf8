// What every RecordReader's fast path must hold to: for each sample and every variant of it (each field, at any depth,
// removed or replaced by a value of another kind, an empty or impossible one), whatever the fast path accepts the
// schema accepts too, and `convert` makes the same record of it. The samples themselves must take the fast path.
import { expect } from 'vitest';
import type { z } from 'zod';
import type { RecordReader } from '../../src/kit/formats/records.js';

const REPLACEMENTS: readonly unknown[] = [undefined, null, '', 'x', 0, -1.5, true, [], {}, ['x'], [{}], '2026-02-30T00:00:00Z', '2026-10-31T07:58:12.123Z', '2026-10-31 07:58:12+02:00', 'ACTIVE'];

type Json = unknown;

function withReplaced(value: Json, path: readonly (string | number)[], replacement: unknown): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? withReplaced(item, rest, replacement) : item));
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && replacement === undefined) delete copy[String(head)];
  else copy[String(head)] = withReplaced(copy[String(head)], rest, replacement);
  return copy;
}

function paths(value: Json, depth: number): (string | number)[][] {
  if (depth === 0 || value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return keys.flatMap((key) => [[key], ...paths((value as Record<string | number, unknown>)[key], depth - 1).map((rest) => [key, ...rest])]);
}

/** Every variant of `sample`: itself, each path replaced by each replacement, and the whole value replaced. */
export function variantsOf(sample: Json, extraKeys: readonly string[] = []): Json[] {
  const variants: Json[] = [sample, ...REPLACEMENTS];
  for (const path of [...paths(sample, 4), ...extraKeys.map((key) => [key])]) for (const replacement of REPLACEMENTS) variants.push(withReplaced(sample, path, replacement));
  return variants;
}

/** Asserts the reader's fast path agrees with its schema on every variant of every sample; returns how many variants it took. */
export function expectFastPathAgrees<S extends z.ZodType, T>(reader: RecordReader<S, T>, samples: readonly Json[], extraKeys: readonly string[] = []): number {
  let taken = 0;
  for (const sample of samples) {
    expect(reader.fast(sample), `fast path of ${JSON.stringify(sample).slice(0, 200)}`).toBeDefined();
    for (const variant of variantsOf(sample, extraKeys)) {
      const fast = reader.fast(variant);
      if (fast === undefined) continue;
      taken += 1;
      const parsed = reader.schema.safeParse(variant);
      expect(parsed.success, `schema accepts what the fast path took: ${JSON.stringify(variant).slice(0, 300)}`).toBe(true);
      if (parsed.success) expect(fast, JSON.stringify(variant).slice(0, 300)).toEqual(reader.convert(parsed.data));
    }
  }
  return taken;
}
