import { randomBytes } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputFiles, type InputFile } from '../catalog/input-files.js';
import type { LoadedCatalog } from '../catalog/model.js';
import { UserError } from '../core/errors.js';
import type { Formatter, ViewName } from '../formatters/define-formatter.js';
import { formatterNamed } from '../formatters/select.js';
import { realTarget, writeAtomic } from './write-atomic.js';

/** One requested output: a format, written to a file (absolute) or, for at most one, to stdout. */
export interface OutputTarget {
  format: string;
  file: string | undefined;
}

const HINT = 'Name a regular file in an existing, writable folder with --output or --format NAME=FILE, or leave the file out to print to stdout.';

/** `--format json=out/report.json` pairs; `--output` applies to a single format given without a file. Files are resolved from `cwd`. */
export function outputTargets(formats: readonly string[], output: string | undefined, cwd: string): OutputTarget[] {
  const targets = (formats.length > 0 ? formats : ['table']).map((item): OutputTarget => {
    const [format = '', file] = item.split(/=(.*)/s);
    return { format, file: file === '' || file === undefined ? undefined : path.resolve(cwd, file) };
  });
  const toStdout = targets.filter((target) => target.file === undefined);
  if (output !== undefined) {
    const [only] = toStdout;
    if (!only || toStdout.length !== 1) {
      throw new UserError('--output needs exactly one --format without a file', {
        hint: 'Use --format json --output report.json, or --format json=report.json --format table.',
      });
    }
    only.file = path.resolve(cwd, output);
  } else if (toStdout.length > 1) {
    throw new UserError('Only one format can go to stdout', { hint: 'Give the others a file: --format json=report.json.' });
  }
  return targets;
}

/**
 * Fails before any work when an output cannot be written: two formats naming one file, a folder that is missing,
 * is a file or is read-only, or a target that is a folder, a device or a FIFO.
 */
export async function checkOutputTargets(targets: readonly OutputTarget[]): Promise<void> {
  const seen = new Map<string, OutputTarget>();
  for (const target of targets) {
    if (target.file === undefined) continue;
    const real = await realTarget(target.file);
    const earlier = seen.get(real);
    if (earlier) {
      throw new UserError(`Cannot write the report: --format ${earlier.format} and --format ${target.format} both name this file`, {
        position: { file: target.file },
        hint: 'Give each format its own file.',
      });
    }
    seen.set(real, target);
    await checkWritable(target.file, real);
  }
}

async function checkWritable(file: string, real: string): Promise<void> {
  const refuse = (why: string): UserError => new UserError(`Cannot write the report: ${why}`, { position: { file }, hint: HINT });
  const folder = await stat(path.dirname(real)).catch((cause: NodeJS.ErrnoException) => cause);
  if (folder instanceof Error) throw refuse(folder.code === 'ENOTDIR' ? 'a folder in its path is a file' : 'its folder does not exist');
  if (!folder.isDirectory()) throw refuse('its folder is a file');
  const existing = await stat(real).catch(() => undefined);
  if (existing?.isDirectory()) throw refuse('it is a folder');
  if (existing && !existing.isFile()) throw refuse('it is not a regular file (a device, FIFO or socket)');
  // Creating a file is the only true test: root passes every access() check, and read-only mounts say so only then.
  const probe = path.join(path.dirname(real), `.${path.basename(real)}.probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  await writeFile(probe, '', { flag: 'wx' }).catch((cause: NodeJS.ErrnoException) => {
    throw refuse(cause.code === 'ENOSPC' ? 'the disk is full' : 'its folder is not writable');
  });
  await rm(probe, { force: true });
}

/** Refuses an output that would replace a file the run reads: the catalog, an exceptions file, a plugin, evidence, an export. */
export async function rejectOutputsOntoInputs(targets: readonly OutputTarget[], inputs: readonly InputFile[]): Promise<void> {
  const files = targets.flatMap((target) => (target.file === undefined ? [] : [target.file]));
  if (files.length === 0) return;
  const roles = new Map<string, string>();
  for (const input of inputs) {
    const real = input.real ?? (await realTarget(input.file));
    if (!roles.has(real)) roles.set(real, input.role);
  }
  for (const file of files) {
    const role = roles.get(await realTarget(file));
    if (role !== undefined) {
      throw new UserError(`Cannot write the report: this is ${role}, which the run reads; writing there would replace it`, {
        position: { file },
        hint: 'Inputs are never written: choose another file for --output or --format NAME=FILE.',
      });
    }
  }
}

/** Whether the format printed to stdout lists the warnings itself (so stderr need not repeat them). */
export function stdoutListsWarnings(targets: readonly OutputTarget[], formats: readonly string[] = ['table', 'markdown']): boolean {
  return targets.some((target) => target.file === undefined && formats.includes(target.format));
}

/** Writes each target's text, rendered knowing where it goes: to its file atomically, or to stdout. */
export async function writeOutputs<T extends OutputTarget>(io: { stdout(text: string): void }, targets: readonly T[], render: (target: T, toStdout: boolean) => string): Promise<void> {
  for (const target of targets) {
    const text = render(target, target.file === undefined);
    if (target.file === undefined) io.stdout(text);
    else await writeAtomic(target.file, text);
  }
}

/** A requested output with the formatter that writes it. */
export type FormattedTarget<V extends ViewName> = OutputTarget & { formatter: Formatter<V> };

/**
 * The outputs of a command over `view`, each with its formatter: unknown formats and unwritable files are usage
 * errors here, before the catalog is read.
 */
export async function formattedTargets<V extends ViewName>(view: V, formats: readonly string[], output: string | undefined, cwd: string): Promise<FormattedTarget<V>[]> {
  const targets: FormattedTarget<V>[] = [];
  // One after another: the first unknown format is the one reported.
  for (const target of outputTargets(formats, output, cwd)) targets.push({ ...target, formatter: await formatterNamed(view, target.format) });
  await checkOutputTargets(targets);
  return targets;
}

/** Refuses an output onto any file the catalog reads (see rejectOutputsOntoInputs). */
export async function rejectOutputsOntoCatalog(targets: readonly OutputTarget[], catalog: LoadedCatalog): Promise<void> {
  await rejectOutputsOntoInputs(targets, await inputFiles(catalog));
}
