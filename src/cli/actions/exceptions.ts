import { runAudit } from '../../engine/run-audit.js';
import { exceptionsByDate, exceptionsOfRun } from '../../report/exceptions-view.js';
import { exceptionFailReasons, parseExceptionFailOn } from '../../report/fail-on.js';
import { loadCatalogArgument } from '../catalog-path.js';
import { tableWidth, useColor, type CliIo } from '../io.js';
import { parseWarnDays, parseWidth, pinnedAsOfWarning, resolveAsOf } from '../options.js';
import { formattedTargets, rejectOutputsOntoCatalog, stdoutListsWarnings, writeOutputs } from '../output-targets.js';
import { printFailing, printViewWarnings, printWarnings } from '../print-errors.js';
import { progressReporter } from '../progress.js';
import type { Report } from '../../report/model.js';

export interface ExceptionsOptions {
  format: string[];
  output?: string;
  asOf?: string;
  warnDays: string;
  data: boolean;
  failOn: string;
  width?: string;
  color: boolean;
}

/** `controlproof exceptions`, once commander has parsed its arguments: loaded only when this command runs. */
export async function exceptions(io: CliIo, setExitCode: (code: number) => void, catalogArgument: string | undefined, options: ExceptionsOptions): Promise<void> {
  const progress = progressReporter(io);
  const failOn = parseExceptionFailOn(options.failOn);
  const warnDays = parseWarnDays(options.warnDays);
  const width = options.width === undefined ? undefined : parseWidth(options.width);
  const targets = await formattedTargets('exceptions', options.format, options.output, io.cwd);
  const catalog = await loadCatalogArgument(catalogArgument, io);
  await rejectOutputsOntoCatalog(targets, catalog);
  const { asOf, source } = resolveAsOf(options.asOf, catalog);
  if (source === 'catalog') printWarnings(io, [pinnedAsOfWarning(catalog)]);
  // With data, the audit runs so that exceptions matching no finding show as unused.
  const audit = (): Promise<Report> => runAudit(catalog, { asOf, asOfSource: source, warnDays, onProgress: (counts) => progress.update(counts) }).finally(() => progress.end());
  const view = options.data ? exceptionsOfRun(await audit()) : exceptionsByDate(catalog, asOf, warnDays);
  // Table and Markdown on stdout list the warnings themselves; anything else gets them on stderr.
  if (!stdoutListsWarnings(targets)) printViewWarnings(io, view.warnings);
  await writeOutputs(io, targets, ({ formatter }, toStdout) => formatter.format(view, { color: toStdout && useColor(io, options.color), width: tableWidth(io, width, toStdout) }));
  const reasons = exceptionFailReasons(view.exceptions, warnDays, failOn);
  printFailing(io, options.failOn, reasons);
  setExitCode(reasons.length > 0 ? 1 : 0);
}
