import { DEFAULT_WIDTH, MIN_WIDTH } from '../formatters/text/widths.js';

/** Everything a command reads from or writes to its surroundings; injectable so tests run commands in process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  /** The terminal's columns when stdout is one. */
  stdoutColumns?: number;
  /** Whether stderr is a terminal: progress is shown only then. */
  stderrIsTty?: boolean;
  /**
   * Writes to stderr as is, for the progress line the tool composes itself (numbers, cursor moves): `stderr` makes
   * control characters inert, as everything that may quote data must be.
   */
  stderrRaw?: (text: string) => void;
  /** The clock progress is timed by, in milliseconds; default `performance.now`. */
  now?: () => number;
  env: NodeJS.ProcessEnv;
  /** The directory relative paths on the command line are resolved against. */
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTty: process.stdout.isTTY === true,
    ...(process.stdout.isTTY ? { stdoutColumns: process.stdout.columns } : {}),
    stderrIsTty: process.stderr.isTTY === true,
    stderrRaw: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour follows the terminal: off when stdout is not a TTY, with NO_COLOR, or --no-color. */
export function useColor(io: CliIo, colorFlag: boolean): boolean {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return colorFlag && !noColor && io.stdoutIsTty;
}

/**
 * The columns the terminal table is laid out in: `--width`, else the terminal's when the table goes to stdout and
 * stdout is one, else DEFAULT_WIDTH (a file or a pipe is read elsewhere, at no known width).
 */
export function tableWidth(io: Pick<CliIo, 'stdoutIsTty' | 'stdoutColumns'>, widthOption: number | undefined, toStdout: boolean): number {
  if (widthOption !== undefined) return widthOption;
  if (toStdout && io.stdoutIsTty && io.stdoutColumns !== undefined && io.stdoutColumns > 0) return Math.max(MIN_WIDTH, io.stdoutColumns);
  return DEFAULT_WIDTH;
}
