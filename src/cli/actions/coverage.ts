import { runAudit } from '../../engine/run-audit.js';
import { coverageOfRun } from '../../report/coverage-view.js';
import { loadCatalogArgument } from '../catalog-path.js';
import { tableWidth, useColor, type CliIo } from '../io.js';
import { parseCheckTimeout, parseWidth, pinnedAsOfWarning, resolveAsOf } from '../options.js';
import { formattedTargets, rejectOutputsOntoCatalog, stdoutListsWarnings, writeOutputs } from '../output-targets.js';
import { printViewWarnings, printWarnings } from '../print-errors.js';

export interface CoverageOptions {
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

/** `controlproof coverage`, once commander has parsed its arguments: loaded only when this command runs. */
export async function coverage(io: CliIo, setExitCode: (code: number) => void, catalogArgument: string | undefined, options: CoverageOptions): Promise<void> {
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
}
