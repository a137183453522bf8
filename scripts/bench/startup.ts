// The start-up phase of `npm run bench`: how long the built CLI takes, as a user runs it, for `--help`, `validate` of
// the example and the demo run (`npm start`), each against `node -e 0` timed in the same rounds. Rounds interleave
// the four commands, so a noisy neighbour on a shared machine moves them alike; the figure is the difference of
// the medians, compared with the target, and min/max are those of the command's own times over the rounds.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One command the phase times: what it runs and how far above `node -e 0` its median may be, in seconds. */
export interface StartupCommand {
  label: string;
  args: readonly string[];
  targetS: number;
}

export const STARTUP_COMMANDS: readonly StartupCommand[] = [
  { label: '--help', args: ['bin/controlproof.js', '--help'], targetS: 0.25 },
  { label: 'validate', args: ['bin/controlproof.js', 'validate', 'controls.example.yaml'], targetS: 0.35 },
  { label: 'demo run', args: ['bin/controlproof.js', 'run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none'], targetS: 0.6 },
];

const BARE_NODE = ['-e', '0'];

/** Wall time of one process, in milliseconds; a command that fails stops the bench (it would time an error path). */
function timeProcess(args: readonly string[], cwd: string): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`start-up: node ${args.join(' ')} exited ${String(child.status)}: ${child.stderr}`);
  return ms;
}

export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const signed = (ms: number): string => `${ms < 0 ? '-' : '+'}${seconds(Math.abs(ms))}`;

/** The phase's lines: one per command, with the bare-node median of the same rounds. `root` holds bin/ and dist/. */
export function measureStartup(root: string, rounds = 7, commands: readonly StartupCommand[] = STARTUP_COMMANDS): string[] {
  const bare: number[] = [];
  const times = commands.map((): number[] => []);
  const loadBefore = os.loadavg()[0] ?? 0;
  // One untimed round first: the files are in the page cache for every timed one.
  for (const command of [{ args: BARE_NODE }, ...commands]) timeProcess(command.args, root);
  for (let round = 0; round < rounds; round++) {
    bare.push(timeProcess(BARE_NODE, root));
    commands.forEach((command, index) => times[index]?.push(timeProcess(command.args, root)));
  }
  const bareMs = medianOf(bare);
  // On a shared machine the figures only mean something next to how busy it was while they were taken.
  const load = `load ${loadBefore.toFixed(1)}→${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.availableParallelism()} cores`;
  return commands.map((command, index) => {
    const own = times[index] ?? [];
    const overMs = medianOf(own) - bareMs;
    const ok = overMs <= command.targetS * 1000;
    return `start-up    : ${command.label.padEnd(8)} ${seconds(medianOf(own))} s, node -e 0 ${seconds(bareMs)} s: ${signed(overMs)} s (target +${command.targetS.toFixed(2)} s) ${ok ? 'ok' : 'MISSED'}; min ${seconds(Math.min(...own))}, max ${seconds(Math.max(...own))} s over ${rounds} interleaved rounds, ${load}`;
  });
}

/** `tsx scripts/bench/startup.ts [--rounds N]`: the phase alone, on the built dist/ of this checkout. */
const self = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const index = process.argv.indexOf('--rounds');
  const rounds = index === -1 ? 7 : Math.max(1, Math.round(Number(process.argv[index + 1])) || 1);
  for (const line of measureStartup(path.resolve(path.dirname(self), '../..'), rounds)) console.log(line);
}
