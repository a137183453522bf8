// The progress line on stderr: shown once a run has taken a second, only on a terminal, redrawn in place, cleared at the end.
import type { AuditProgress } from '../engine/run-audit.js';
import type { CliIo } from './io.js';

/** A run shorter than this shows no progress at all. */
export const PROGRESS_DELAY_MS = 1000;
/** The line is redrawn at most this often. */
export const PROGRESS_INTERVAL_MS = 100;

const CLEAR_LINE = '\r\u001b[2K';

/** Receives the engine's counts while a run reads its sources; `end` leaves the terminal as it was. */
export interface ProgressReporter {
  update(progress: AuditProgress): void;
  end(): void;
}

/** `read 12 files, 34,567 records`. */
export function progressText({ files, records }: AuditProgress): string {
  const count = (value: number, noun: string): string => `${value.toLocaleString('en-US')} ${noun}${value === 1 ? '' : 's'}`;
  return `controlproof: read ${count(files, 'file')}, ${count(records, 'record')}…`;
}

/** A reporter for `io`: silent unless stderr is a terminal that can take the raw line. */
export function progressReporter(io: Pick<CliIo, 'stderrIsTty' | 'stderrRaw' | 'now'>): ProgressReporter {
  const write = io.stderrIsTty === true ? io.stderrRaw : undefined;
  if (write === undefined) return { update: () => undefined, end: () => undefined };
  const now = io.now ?? (() => performance.now());
  const started = now();
  let drawnAt: number | undefined;
  return {
    update(progress) {
      const time = now();
      if (time - started < PROGRESS_DELAY_MS) return;
      if (drawnAt !== undefined && time - drawnAt < PROGRESS_INTERVAL_MS) return;
      write(`${CLEAR_LINE}${progressText(progress)}`);
      drawnAt = time;
    },
    end() {
      if (drawnAt !== undefined) write(CLEAR_LINE);
      drawnAt = undefined;
    },
  };
}
