/** Everything a command reads from or writes to its surroundings; injectable so tests run commands in process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  env: NodeJS.ProcessEnv;
  /** The directory relative paths on the command line are resolved against. */
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTty: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour follows the terminal: off when stdout is not a TTY, with NO_COLOR, or --no-color. */
export function useColor(io: CliIo, colorFlag: boolean): boolean {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return colorFlag && !noColor && io.stdoutIsTty;
}
