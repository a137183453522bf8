import { Command, Option } from 'commander';
import { runAudit } from '../engine/run-audit.js';
import { formatNames, formatterNamed } from '../formatters/select.js';
import { exceptionsByDate, exceptionsOfRun } from '../report/exceptions-view.js';
import { DEFAULT_EXCEPTION_FAIL_ON, exceptionFailReasons, parseExceptionFailOn } from '../report/fail-on.js';
import { loadCatalogArgument } from './catalog-path.js';
import { useColor, type CliIo } from './io.js';
import { parseWarnDays, pinnedAsOfWarning, resolveAsOf } from './options.js';
import { printFailing, printViewWarnings, printWarnings } from './print-errors.js';

interface ExceptionsOptions {
  format: string;
  asOf?: string;
  warnDays: string;
  data: boolean;
  failOn: string;
  color: boolean;
}

export function exceptionsCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('exceptions')
    .description('every exception\'s status (active, expiring, expired, unused) and age by risk tier')
    .argument('[catalog]', 'catalog file (default: ./controls.yaml, else ./controls.example.yaml)')
    .option('--format <format>', formatNames('exceptions').join('|'), 'table')
    .option('--as-of <date>', 'the moment the assessment is about: a date, an instant or now (default: catalog as_of, else now)')
    .option('--warn-days <n>', 'an exception ending within N days is "expiring"', '30')
    .option('--no-data', 'statuses by date only: run no tests and read no source (unused is not detected)')
    .option('--fail-on <list>', 'exit 1 when an exception is expired, expiring (comma list), or none', DEFAULT_EXCEPTION_FAIL_ON)
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (catalogArgument: string | undefined, options: ExceptionsOptions) => {
      const failOn = parseExceptionFailOn(options.failOn);
      const warnDays = parseWarnDays(options.warnDays);
      const formatter = formatterNamed('exceptions', options.format);
      const catalog = await loadCatalogArgument(catalogArgument, io);
      const { asOf, source } = resolveAsOf(options.asOf, catalog);
      if (source === 'catalog') printWarnings(io, [pinnedAsOfWarning(catalog)]);
      // With data, the audit runs so that exceptions matching no finding show as unused.
      const view = options.data ? exceptionsOfRun(await runAudit(catalog, { asOf, asOfSource: source, warnDays })) : exceptionsByDate(catalog, asOf, warnDays);
      // Table and Markdown list the warnings themselves; JSON and CSV on stdout get them on stderr too.
      if (formatter.name === 'json' || formatter.name === 'csv') printViewWarnings(io, view.warnings);
      io.stdout(formatter.format(view, { color: useColor(io, options.color) }));
      const reasons = exceptionFailReasons(view.exceptions, warnDays, failOn);
      printFailing(io, options.failOn, reasons);
      setExitCode(reasons.length > 0 ? 1 : 0);
    });
}
