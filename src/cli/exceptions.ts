import { Command, Option } from 'commander';
import { runAudit } from '../engine/run-audit.js';
import { formatNames } from '../formatters/select.js';
import { exceptionsByDate, exceptionsOfRun } from '../report/exceptions-view.js';
import { DEFAULT_EXCEPTION_FAIL_ON, exceptionFailReasons, parseExceptionFailOn } from '../report/fail-on.js';
import { loadCatalogArgument } from './catalog-path.js';
import { tableWidth, useColor, type CliIo } from './io.js';
import { parseWarnDays, parseWidth, pinnedAsOfWarning, repeatedOption, resolveAsOf } from './options.js';
import { formattedTargets, rejectOutputsOntoCatalog, stdoutListsWarnings, writeOutputs } from './output-targets.js';
import { printFailing, printViewWarnings, printWarnings } from './print-errors.js';
import { progressReporter } from './progress.js';
import type { Report } from '../report/model.js';

interface ExceptionsOptions {
  format: string[];
  output?: string;
  asOf?: string;
  warnDays: string;
  data: boolean;
  failOn: string;
  width?: string;
  color: boolean;
}

export function exceptionsCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('exceptions')
    .description('every exception\'s status (active, expiring, expired, unused) and age by risk tier')
    .argument('[catalog]', 'catalog file (default: ./controls.yaml, else ./controls.example.yaml)')
    .option('--format <format>', `${formatNames('exceptions').join('|')}; repeatable, as NAME or NAME=FILE`, repeatedOption, [])
    .option('-o, --output <file>', 'write the view to FILE (atomically) instead of stdout')
    .option('--as-of <date>', 'the moment the assessment is about: a date, an instant or now (default: catalog as_of, else now)')
    .option('--warn-days <n>', 'an exception ending within N days is "expiring"', '30')
    .option('--no-data', 'statuses by date only: run no tests and read no source (unused is not detected)')
    .option('--fail-on <list>', 'exit 1 when an exception is expired, expiring (comma list), or none', DEFAULT_EXCEPTION_FAIL_ON)
    .option('--width <columns>', 'wrap the table\'s text in this many columns (default: the terminal\'s, else 80)')
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (catalogArgument: string | undefined, options: ExceptionsOptions) => {
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
    });
}
