import { Command } from 'commander';
import { builtinChecks } from '../checks/index.js';
import type { AnyCheck } from '../checks/define-stream-check.js';
import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { CliIo } from './io.js';
import { z } from 'zod';

export function checksCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('checks')
    .description('list the built-in checks, or show one check\'s documentation')
    .argument('[id]', 'a check id, e.g. aws/iam-console-mfa')
    .action((id: string | undefined) => {
      if (id === undefined) io.stdout(listChecks(builtinChecks));
      else io.stdout(describeCheck(findCheck(id)));
      setExitCode(0);
    });
}

function findCheck(id: string): AnyCheck {
  const check = builtinChecks.find((candidate) => candidate.id === id);
  if (check) return check;
  const ids = builtinChecks.map((candidate) => candidate.id);
  throw new UserError(`Unknown check "${id}"`, { hint: didYouMean(id, ids, 'Run `controlproof checks` to list them.') });
}

export function listChecks(checks: readonly AnyCheck[]): string {
  const width = Math.max(...checks.map((check) => check.id.length));
  return checks.map((check) => `${check.id.padEnd(width)}  ${check.title}  [${check.sources.join(', ')}]\n`).join('');
}

export function describeCheck(check: AnyCheck): string {
  const schema = z.toJSONSchema(check.params, { io: 'input', unrepresentable: 'any' });
  const properties = typeof schema === 'object' && schema.properties ? Object.entries(schema.properties) : [];
  const params = properties.map(([name, property]) => {
    const info = typeof property === 'object' ? property : {};
    const fallback = 'default' in info ? ` (default: ${JSON.stringify(info.default)})` : '';
    return `  ${name}${fallback}${'description' in info && info.description ? ` — ${String(info.description)}` : ''}\n`;
  });
  const metrics = Object.entries(check.metrics).map(([name, description]) => `  ${name} — ${description}\n`);
  const criteria = Object.entries(check.criteria).map(([framework, ids]) => `  ${framework}: ${(ids ?? []).join(', ')}\n`);
  return [
    `${check.id}: ${check.title}\n\n${check.description}\n\n`,
    `Sources: ${check.sources.join(', ')}\n`,
    params.length ? `Params:\n${params.join('')}` : 'Params: none\n',
    metrics.length ? `Metrics:\n${metrics.join('')}` : '',
    criteria.length ? `Evidences (suggested mappings):\n${criteria.join('')}` : '',
    `Remediation: ${check.remediation}\n`,
  ].join('');
}
