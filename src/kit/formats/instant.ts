import { z } from 'zod';
import { parseInstant } from '../../core/time.js';

/**
 * A date-time field of an export, strictly: an impossible date (`2026-02-31T…`) is an issue at its value, never rolled
 * over. `example` shows the vendor's own form in the message.
 */
export function instantField(example: string): z.ZodType<Date, string> {
  return z.string().transform((text, context): Date => {
    const date = parseInstant(text);
    if (date) return date;
    context.addIssue({ code: 'custom', message: `expected a date-time like ${example}, found ${JSON.stringify(text)}` });
    return z.NEVER;
  });
}

/** A value `instantField` accepts, as it reads it; undefined for anything it refuses: for a record reader's fast path. */
export function fastInstant(value: unknown): Date | undefined {
  return typeof value === 'string' ? parseInstant(value) : undefined;
}

/** `fastInstant` of a field that may also be null or absent (`.nullable().optional()`), read as null then. */
export function fastNullableInstant(value: unknown): Date | null | undefined {
  return value === undefined || value === null ? null : fastInstant(value);
}
