import { Command } from 'commander';
import { loadCatalogArgument } from './catalog-path.js';
import { shownFrom } from '../core/errors.js';
import type { CliIo } from './io.js';
import { printWarnings, terminalText } from './print-errors.js';

export function validateCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('validate')
    .description('check the catalog: schema, plugins and every reference; reads no data')
    .argument('[catalog]', 'catalog file (default: ./controls.yaml, else ./controls.example.yaml)')
    .action(async (catalogArgument: string | undefined) => {
      const catalog = await loadCatalogArgument(catalogArgument, io);
      printWarnings(io, catalog.warnings);
      const tests = catalog.controls.reduce((sum, control) => sum + control.tests.length, 0);
      io.stdout(
        `${terminalText(shownFrom(catalog.file, io.cwd))}: valid — ${catalog.controls.length} controls, ${tests} tests, ${catalog.sources.size} sources, ${catalog.exceptions.length} exceptions\n`,
      );
      setExitCode(0);
    });
}
