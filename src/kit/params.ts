import { z } from 'zod';
import { DURATION_UNITS, fixedDurationMs, parseDuration, type Duration } from '../core/time.js';

/** A check param written in the one duration grammar (`30m`, `6h`, `90d`, `12w`, `6mo`, `1y`), parsed into a `Duration`. */
export const durationParam = z.string().transform((text, context): Duration => {
  const parsed = parseDuration(text);
  if (!parsed) {
    context.addIssue({ code: 'custom', message: `Invalid duration "${text}": expected a number and a unit: ${DURATION_UNITS} (e.g. 6h, 90d, 12mo)` });
    return z.NEVER;
  }
  return parsed;
});

/** A positive duration of fixed length (`30m`, `6h`, `2d`, `1w`: no months or years), with its length in milliseconds. */
export const fixedDurationParam = z.string().transform((text, context): Duration & { ms: number } => {
  const parsed = parseDuration(text);
  const ms = parsed === undefined ? undefined : fixedDurationMs(parsed);
  if (!parsed || ms === undefined || !(ms > 0)) {
    context.addIssue({ code: 'custom', message: `Invalid duration "${text}": expected a positive number and a unit: m, h, d or w (e.g. 6h)` });
    return z.NEVER;
  }
  return { ...parsed, ms };
});
