import { z } from 'zod';
import { parseDuration } from '../time.js';

/** A check param written like `90d`, `12w`, `6mo` or `1y`, parsed into a `Duration`. */
export const durationParam = z.string().transform((text, context) => {
  const parsed = parseDuration(text);
  if (!parsed) {
    context.addIssue({ code: 'custom', message: `Invalid duration "${text}": expected a number and a unit: d, w, mo or y (e.g. 90d, 12mo)` });
    return z.NEVER;
  }
  return parsed;
});
