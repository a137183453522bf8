// With --format github in a GitHub Actions step, the run's Markdown report goes to the job summary as well.
import { appendFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { formatterNamed } from '../formatters/select.js';
import type { Report } from '../report/model.js';
import type { CliIo } from './io.js';

/** GitHub refuses a step summary over 1 MiB, and then shows none of it. */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024;

const TRUNCATED = '\n\n**Truncated here to fit GitHub\'s step summary limit: the whole report is `--format markdown`.**\n';

/** The Markdown report within the limit: the one of the controls that need action when the whole one is too big, cut at a line if still too big. */
export async function stepSummaryText(report: Report, onlyFailing: boolean): Promise<string> {
  // Loaded here, so a run that writes no step summary never loads the Markdown formatter.
  const markdown = await formatterNamed('run', 'markdown');
  const whole = markdown.format(report, { color: false, onlyFailing });
  if (Buffer.byteLength(whole) <= STEP_SUMMARY_MAX_BYTES) return whole;
  const failing = markdown.format(report, { color: false, onlyFailing: true });
  if (Buffer.byteLength(failing) <= STEP_SUMMARY_MAX_BYTES) return failing;
  const room = STEP_SUMMARY_MAX_BYTES - Buffer.byteLength(TRUNCATED);
  const cut = Buffer.from(failing).subarray(0, room).toString('utf8');
  return cut.slice(0, cut.lastIndexOf('\n')) + TRUNCATED;
}

/** Appends the report to the file GITHUB_STEP_SUMMARY names, when it is set; what other steps wrote there stays. */
export async function appendStepSummary(io: CliIo, report: Report, onlyFailing: boolean): Promise<void> {
  const setting = io.env.GITHUB_STEP_SUMMARY;
  if (setting === undefined || setting === '') return;
  const file = path.resolve(io.cwd, setting);
  const existing = await stat(file).catch(() => undefined);
  // A blank line keeps the report's first heading from joining what the step wrote before.
  const text = (existing && existing.size > 0 ? '\n' : '') + (await stepSummaryText(report, onlyFailing));
  await appendFile(file, text).catch((cause: unknown) => {
    throw new UserError('Cannot append the report to the job summary (GITHUB_STEP_SUMMARY)', {
      position: { file },
      hint: 'GitHub Actions sets this variable to a writable file; unset it outside Actions.',
      cause,
    });
  });
}
