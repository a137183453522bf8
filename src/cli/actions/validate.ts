import { loadCatalogArgument } from '../catalog-path.js';
import { shownFrom } from '../../core/errors.js';
import type { CliIo } from '../io.js';
import { printWarnings, terminalText } from '../print-errors.js';

/** `controlproof validate`, once commander has parsed its arguments: loaded only when this command runs. */
export async function validate(io: CliIo, setExitCode: (code: number) => void, catalogArgument: string | undefined): Promise<void> {
  const catalog = await loadCatalogArgument(catalogArgument, io);
  printWarnings(io, catalog.warnings);
  const tests = catalog.controls.reduce((sum, control) => sum + control.tests.length, 0);
  io.stdout(
    `${terminalText(shownFrom(catalog.file, io.cwd))}: valid — ${catalog.controls.length} controls, ${tests} tests, ${catalog.sources.size} sources, ${catalog.exceptions.length} exceptions\n`,
  );
  setExitCode(0);
}
