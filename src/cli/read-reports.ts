import path from 'node:path';
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
