// `--brief` of run and merge: the leadership briefing, shown by the formats that have one.
import { UserError } from '../core/errors.js';

/** The formats that show a briefing: Markdown writes it alone, HTML first on the page. */
const BRIEF_FORMATS = ['markdown', 'html'];

/** --brief with none of the formats that show it would print nothing of it: a usage error. */
export function requireBriefFormat(formats: readonly string[]): void {
  if (formats.some((format) => BRIEF_FORMATS.includes(format))) return;
  throw new UserError(`--brief needs --format markdown or html (given: ${formats.join(', ')})`, {
    hint: 'Add --format markdown (the briefing alone) or --format html (the briefing first on the page); other formats have no briefing.',
  });
}

export const BRIEF_OPTION_TEXT = 'the leadership briefing: all of the Markdown output, first on the HTML page (needs --format markdown or html)';

/** --history only feeds the briefing's trajectory: without --brief it would be read for nothing. */
export function requireBriefForHistory(brief: boolean): void {
  if (brief) return;
  throw new UserError('--history needs --brief: the run history gives the briefing its trajectory', { hint: 'Add --brief --format markdown (or html), or use controlproof trend on the reports.' });
}

export const HISTORY_OPTION_TEXT = 'with --brief, the folder of earlier JSON reports of this catalog: the briefing shows the trajectory over them and this run';
