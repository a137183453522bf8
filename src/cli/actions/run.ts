import { runAudit } from '../../engine/run-audit.js';
import { failOnReasons, parseFailOn } from '../../report/fail-on.js';
import { withScope } from '../../report/scope.js';
import { requireBriefFormat, requireBriefForHistory } from '../brief.js';
import { loadCatalogArgument } from '../catalog-path.js';
import { formatContext } from '../format-context.js';
import { tableWidth, useColor, type CliIo } from '../io.js';
import { parseCheckTimeout, parseMaxFindings, parseScope, parseWidth, parseWarnDays, pinnedAsOfWarning, resolveAsOf } from '../options.js';
import { formattedTargets, rejectOutputsOntoCatalog, rejectOutputsOntoInputs, stdoutListsWarnings, writeOutputs } from '../output-targets.js';
import { printFailing, printViewWarnings, printWarnings } from '../print-errors.js';
import { reportInputs } from '../read-reports.js';
import { progressReporter } from '../progress.js';
import { appendStepSummary } from '../step-summary.js';

export interface RunOptions {
  format: string[];
  output?: string;
  asOf?: string;
  failOn: string;
  warnDays: string;
  checkTimeout: string;
  strict?: boolean;
  control: string[];
  framework?: string;
  onlyFailing?: boolean;
  brief?: boolean;
  history?: string;
  maxFindings?: string;
  width?: string;
  sarifRoot?: string;
  scope?: string;
  quiet?: boolean;
  color: boolean;
}

/** `controlproof run`, once commander has parsed its arguments: loaded only when this command runs. */
export async function run(io: CliIo, setExitCode: (code: number) => void, catalogArgument: string | undefined, options: RunOptions): Promise<void> {
  // Timed from the start: loading a catalog with many plugins counts towards "longer than a second".
  const progress = progressReporter(io);
  const failOn = parseFailOn(options.failOn);
  const warnDays = parseWarnDays(options.warnDays);
  const timeLimitMs = parseCheckTimeout(options.checkTimeout);
  const maxFindings = options.maxFindings === undefined ? undefined : parseMaxFindings(options.maxFindings);
  const width = options.width === undefined ? undefined : parseWidth(options.width);
  const scope = options.scope === undefined ? undefined : parseScope(options.scope);
  const targets = await formattedTargets('run', options.format, options.output, io.cwd);
  if (options.brief === true) requireBriefFormat(targets.map((target) => target.format));
  if (options.history !== undefined) requireBriefForHistory(options.brief === true);
  // Loaded only with --history: it brings the trend and its formatters.
  const history = options.history === undefined ? undefined : await (await import('../history.js')).historyOf(options.history, io.cwd);
  if (history) await rejectOutputsOntoInputs(targets, reportInputs(history.files, io.cwd, 'a report of the run history'));
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
    ...(options.strict ? { strict: true } : {}),
    ...(options.control.length > 0 ? { controls: options.control } : {}),
    ...(options.framework === undefined ? {} : { framework: options.framework }),
    onProgress: (counts) => progress.update(counts),
  }).finally(() => progress.end());
  const report = scope === undefined ? audited : withScope(audited, scope);
  const briefed = history === undefined ? { brief: {}, warnings: [] } : history.briefFor(report);
  if (!options.quiet) printViewWarnings(io, briefed.warnings);
  await writeOutputs(io, targets, ({ formatter }, toStdout) =>
    formatter.format(report, {
      ...context,
      color: toStdout && useColor(io, options.color),
      onlyFailing: options.onlyFailing === true,
      ...(options.brief === true ? { brief: briefed.brief } : {}),
      width: tableWidth(io, width, toStdout),
      ...(maxFindings === undefined ? {} : { maxFindings }),
    }),
  );
  if (targets.some((target) => target.format === 'github')) await appendStepSummary(io, report, options.onlyFailing === true);
  const reasons = failOnReasons(report, failOn);
  printFailing(io, options.failOn, reasons);
  setExitCode(reasons.length > 0 ? 1 : 0);
}
