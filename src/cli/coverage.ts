import { Command, Option } from 'commander';
import { runAudit } from '../engine/run-audit.js';
import { DEFAULT_TIME_LIMIT_MS } from '../engine/time-limit.js';
import { formatNames } from '../formatters/select.js';
import { coverageOfRun } from '../report/coverage-view.js';
import { loadCatalogArgument } from './catalog-path.js';
import { tableWidth, useColor, type CliIo } from './io.js';
import { parseCheckTimeout, parseWidth, pinnedAsOfWarning, repeatedOption, resolveAsOf } from './options.js';
import { formattedTargets, rejectOutputsOntoCatalog, stdoutListsWarnings, writeOutputs } from './output-targets.js';
import { printViewWarnings, printWarnings } from './print-errors.js';

interface CoverageOptions {
  format: string[];
  output?: string;
  asOf?: string;
  framework?: string;
  checkTimeout: string;
  width?: string;
  color: boolean;
}

/** Exceptions only decide which findings are allowed; how soon one is "expiring" does not change a lens. */
const WARN_DAYS = 30;

export function coverageCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('coverage')
    .description('framework criteria × the controls mapped to them × both lenses: assured, unassured, and the gaps, per framework')
    .argument('[catalog]', 'catalog file (default: ./controls.yaml, else ./controls.example.yaml)')
    .option('--format <format>', `${formatNames('coverage').join('|')}; repeatable, as NAME or NAME=FILE`, repeatedOption, [])
    .option('-o, --output <file>', 'write the matrix to FILE (atomically) instead of stdout')
    .option('--as-of <date>', 'the moment the assessment is about: a date, an instant or now (default: catalog as_of, else now)')
    .option('--framework <key>', 'only this framework (built in or declared under frameworks:), and the controls mapped to it')
    .option('--check-timeout <seconds>', 'a check still running after this long makes its test "error"', String(DEFAULT_TIME_LIMIT_MS / 1000))
    .option('--width <columns>', 'lay the table out in this many columns (default: the terminal\'s, else 80)')
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (catalogArgument: string | undefined, options: CoverageOptions) => {
      const timeLimitMs = parseCheckTimeout(options.checkTimeout);
      const width = options.width === undefined ? undefined : parseWidth(options.width);
      const targets = await formattedTargets('coverage', options.format, options.output, io.cwd);
      const catalog = await loadCatalogArgument(catalogArgument, io);
      await rejectOutputsOntoCatalog(targets, catalog);
      const { asOf, source } = resolveAsOf(options.asOf, catalog);
      if (source === 'catalog') printWarnings(io, [pinnedAsOfWarning(catalog)]);
      // The lenses need the audit: a criterion is assured only by a control shown working, on this run's data.
      const report = await runAudit(catalog, {
        asOf,
        asOfSource: source,
        warnDays: WARN_DAYS,
        timeLimitMs,
        ...(options.framework === undefined ? {} : { framework: options.framework }),
      });
      const view = coverageOfRun(report);
      // Table and Markdown on stdout list the warnings themselves; anything else gets them on stderr.
      if (!stdoutListsWarnings(targets)) printViewWarnings(io, view.warnings);
      await writeOutputs(io, targets, ({ formatter }, toStdout) => formatter.format(view, { color: toStdout && useColor(io, options.color), width: tableWidth(io, width, toStdout) }));
      setExitCode(0);
    });
}
