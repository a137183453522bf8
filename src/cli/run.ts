import { Command, Option } from 'commander';
import { runAudit } from '../engine/run-audit.js';
import { DEFAULT_TIME_LIMIT_MS } from '../engine/time-limit.js';
import { formatNames } from '../formatters/select.js';
import { DEFAULT_FAIL_ON, failOnReasons, parseFailOn } from '../report/fail-on.js';
import { withScope } from '../report/scope.js';
import { loadCatalogArgument } from './catalog-path.js';
import { formatContext } from './format-context.js';
import { tableWidth, useColor, type CliIo } from './io.js';
import { listOption, parseCheckTimeout, parseMaxFindings, parseScope, parseWidth, repeatedOption, parseWarnDays, pinnedAsOfWarning, resolveAsOf } from './options.js';
import { formattedTargets, rejectOutputsOntoCatalog, stdoutListsWarnings, writeOutputs } from './output-targets.js';
import { printFailing, printWarnings } from './print-errors.js';
import { progressReporter } from './progress.js';
import { appendStepSummary } from './step-summary.js';

interface RunOptions {
  format: string[];
  output?: string;
  asOf?: string;
  failOn: string;
  warnDays: string;
  checkTimeout: string;
  control: string[];
  framework?: string;
  onlyFailing?: boolean;
  maxFindings?: string;
  width?: string;
  sarifRoot?: string;
  scope?: string;
  quiet?: boolean;
  color: boolean;
}

export function runCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('run')
    .description('run every control test and report both lenses: exists (evidence) and works (behaviour)')
    .argument('[catalog]', 'catalog file (default: ./controls.yaml, else ./controls.example.yaml)')
    .option('--format <format>', `${formatNames('run').join('|')}; repeatable, as NAME or NAME=FILE`, repeatedOption, [])
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--as-of <date>', 'the moment the assessment is about: a date, an instant or now (default: catalog as_of, else now)')
    .option('--fail-on <list>', 'exit 1 when any of these happen (comma list, or none)', DEFAULT_FAIL_ON)
    .option('--warn-days <n>', 'an exception ending within N days is "expiring"', '30')
    .option('--check-timeout <seconds>', 'a check still running after this long makes its test "error"', String(DEFAULT_TIME_LIMIT_MS / 1000))
    .option('--control <ids>', 'run only these controls (comma list, repeatable)', listOption('--control'), [])
    .option('--framework <key>', 'run only controls mapped to this framework')
    .option('--scope <name>', 'the account, region or unit this run covers, recorded on the report and each test (for merge)')
    .option('--only-failing', 'show only controls that need attention (every one not assured)')
    .option('--max-findings <n>', 'findings listed per test, or all (default: 5 in the table, all in Markdown)')
    .option('--width <columns>', 'lay the table out in this many columns (default: the terminal\'s, else 80)')
    .option('--sarif-root <dir>', 'SARIF paths are relative to DIR, the repository root (default: the working directory)')
    .option('-q, --quiet', 'no warnings on stderr (the reasons of a failing exit still are)')
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (catalogArgument: string | undefined, options: RunOptions) => {
      // Timed from the start: loading a catalog with many plugins counts towards "longer than a second".
      const progress = progressReporter(io);
      const failOn = parseFailOn(options.failOn);
      const warnDays = parseWarnDays(options.warnDays);
      const timeLimitMs = parseCheckTimeout(options.checkTimeout);
      const maxFindings = options.maxFindings === undefined ? undefined : parseMaxFindings(options.maxFindings);
      const width = options.width === undefined ? undefined : parseWidth(options.width);
      const scope = options.scope === undefined ? undefined : parseScope(options.scope);
      const targets = await formattedTargets('run', options.format, options.output, io.cwd);
      const catalog = await loadCatalogArgument(catalogArgument, io);
      await rejectOutputsOntoCatalog(targets, catalog);
      const context = formatContext(catalog, { sarifRoot: options.sarifRoot, cwd: io.cwd, formats: targets.map((target) => target.format) });
      const { asOf, source } = resolveAsOf(options.asOf, catalog);
      // A pinned clock is always said on stderr: it silently freezes every nightly run otherwise.
      if (source === 'catalog' && !options.quiet) printWarnings(io, [pinnedAsOfWarning(catalog)]);
      // The table already lists warnings; anything else on stdout gets them on stderr.
      if (!options.quiet && !stdoutListsWarnings(targets, ['table'])) printWarnings(io, catalog.warnings);
      const audited = await runAudit(catalog, {
        asOf,
        asOfSource: source,
        warnDays,
        timeLimitMs,
        ...(options.control.length > 0 ? { controls: options.control } : {}),
        ...(options.framework === undefined ? {} : { framework: options.framework }),
        onProgress: (counts) => progress.update(counts),
      }).finally(() => progress.end());
      const report = scope === undefined ? audited : withScope(audited, scope);
      await writeOutputs(io, targets, ({ formatter }, toStdout) =>
        formatter.format(report, {
          ...context,
          color: toStdout && useColor(io, options.color),
          onlyFailing: options.onlyFailing === true,
          width: tableWidth(io, width, toStdout),
          ...(maxFindings === undefined ? {} : { maxFindings }),
        }),
      );
      if (targets.some((target) => target.format === 'github')) await appendStepSummary(io, report, options.onlyFailing === true);
      const reasons = failOnReasons(report, failOn);
      printFailing(io, options.failOn, reasons);
      setExitCode(reasons.length > 0 ? 1 : 0);
    });
}
