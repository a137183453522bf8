import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { readReport } from '../report/read-report.js';
import type { InputFile } from '../catalog/input-files.js';
import type { Report } from '../report/model.js';

/** A report file named on the command line, read and validated; errors name it as given. */
export function readReportArgument(argument: string, cwd: string): Promise<Report> {
  return readReport(path.resolve(cwd, argument), argument);
}

/** The report files a command reads, as inputs no output may replace. */
export function reportInputs(files: readonly string[], cwd: string, role: string): InputFile[] {
  return files.map((file) => ({ file: path.resolve(cwd, file), role }));
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The report files arguments name: a file as it is, a folder as the `.json` files directly in it, by name. A folder
 * with none is an error: a trend over nothing would say nothing, silently.
 */
export async function reportFilesOf(argumentsGiven: readonly string[], cwd: string): Promise<string[]> {
  const lists = await Promise.all(
    argumentsGiven.map(async (argument): Promise<string[]> => {
      const absolute = path.resolve(cwd, argument);
      const info = await stat(absolute).catch(() => undefined);
      if (!info?.isDirectory()) return [argument];
      const entries = await readdir(absolute, { withFileTypes: true });
      const files = entries.filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json')).map((entry) => entry.name).sort(compareText);
      if (files.length === 0) {
        throw new UserError('Expected reports (*.json) in this folder, found none', {
          position: { file: argument },
          hint: 'Point at the folder the runs write their JSON reports to (run --format json=history/DATE.json), or name the report files.',
        });
      }
      return files.map((name) => path.join(argument, name));
    }),
  );
  return lists.flat();
}
