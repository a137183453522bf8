import { Command, Option } from 'commander';
import { loadCatalog } from '../catalog/load-catalog.js';
import { auditExceptions, type ExceptionsView } from '../engine/audit-exceptions.js';
import { UserError } from '../core/errors.js';
import { EXCEPTIONS_FORMATS, exceptionsJson, type ExceptionsFormat } from '../formatters/exceptions.js';
import { exceptionsMarkdown } from '../formatters/exceptions-markdown.js';
import { exceptionsTable } from '../formatters/exceptions-table.js';
import { DEFAULT_EXCEPTION_FAIL_ON, exceptionFailReasons, parseExceptionFailOn } from '../report/exceptions-fail-on.js';
import { didYouMean } from '../core/suggest.js';
import { parseAsOf } from '../core/time.js';
import { resolveCatalogPath } from './catalog-path.js';
import { useColor, type CliIo } from './io.js';
import { parseWarnDays } from './run.js';

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
    .option('--format <format>', 'table|json|markdown', 'table')
    .option('--as-of <date>', 'the moment the assessment is about (default: catalog as_of, else now)')
    .option('--warn-days <n>', 'an exception ending within N days is "expiring"', '30')
    .option('--no-data', 'statuses by date only: run no tests and read no source (unused is not detected)')
    .option('--fail-on <list>', 'exit 1 when an exception is expired, expiring (comma list), or none', DEFAULT_EXCEPTION_FAIL_ON)
    .addOption(new Option('--no-color', 'disable colour'))
    .action(async (catalogArgument: string | undefined, options: ExceptionsOptions) => {
      const failOn = parseExceptionFailOn(options.failOn);
      const warnDays = parseWarnDays(options.warnDays);
      const format = exceptionsFormat(options.format);
      const catalog = await loadCatalog(resolveCatalogPath(catalogArgument));
      const asOf = options.asOf === undefined && catalog.asOf ? catalog.asOf : parseAsOf(options.asOf);
      const view = await auditExceptions(catalog, { asOf, warnDays, runTests: options.data });
      // Table and Markdown list the warnings themselves; JSON on stdout gets them on stderr too.
      if (format === 'json') for (const warning of view.warnings) io.stderr(`warning: ${warning.message}\n${warning.hint ? `  hint: ${warning.hint}\n` : ''}`);
      io.stdout(render(view, format, useColor(io, options.color)));
      const reasons = exceptionFailReasons(view.exceptions, warnDays, failOn);
      if (reasons.length > 0) io.stderr(`controlproof: failing (--fail-on ${options.failOn}):\n${reasons.map((reason) => `  - ${reason}\n`).join('')}`);
      setExitCode(reasons.length > 0 ? 1 : 0);
    });
}

function render(view: ExceptionsView, format: ExceptionsFormat, color: boolean): string {
  if (format === 'json') return exceptionsJson(view);
  return format === 'markdown' ? exceptionsMarkdown(view) : exceptionsTable(view, { color });
}

function exceptionsFormat(name: string): ExceptionsFormat {
  const format = EXCEPTIONS_FORMATS.find((known) => known === name);
  if (format) return format;
  throw new UserError(`Unknown format "${name}": expected one of ${EXCEPTIONS_FORMATS.join(', ')}`, {
    hint: didYouMean(name, EXCEPTIONS_FORMATS, 'Use --format table, --format json or --format markdown.'),
  });
}
