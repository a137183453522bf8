import { z } from 'zod';
import { UserError } from '../../core/errors.js';
import { didYouMean } from '../../core/suggest.js';
import { inputTypes, type Check } from '../../kit/define-check.js';
import { Registry } from '../../providers/registry.js';
import type { CliIo } from '../io.js';

/** `controlproof checks`, once commander has parsed its arguments: loaded only when this command runs. */
export async function checks(io: CliIo, setExitCode: (code: number) => void, id: string | undefined): Promise<void> {
  const registry = new Registry();
  if (id === undefined) io.stdout(listChecks(await allChecks(registry)));
  else io.stdout(describeCheck(await findCheck(registry, id)));
  setExitCode(0);
}

async function allChecks(registry: Registry): Promise<Check[]> {
  const checks = await Promise.all(registry.checkIds().map((id) => registry.check(id)));
  return checks.filter((check): check is Check => check !== undefined);
}

async function findCheck(registry: Registry, id: string): Promise<Check> {
  const check = await registry.check(id);
  if (check) return check;
  throw new UserError(`Unknown check "${id}"`, { hint: didYouMean(id, registry.checkIds(), 'Run `controlproof checks` to list them.') });
}

/** `name: type` per input for a check with several, else the types its one input reads. */
function readsText(check: Check): string {
  const inputs = Object.entries(check.inputs);
  return inputs.length === 1 ? inputTypes(check).join(', ') : inputs.map(([name, types]) => `${name}: ${types.join(', ')}`).join('; ');
}

export function listChecks(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((check) => check.id.length));
  return checks.map((check) => `${check.id.padEnd(width)}  ${check.title}  [${readsText(check)}]\n`).join('');
}

export function describeCheck(check: Check): string {
  const schema = z.toJSONSchema(check.params, { io: 'input', unrepresentable: 'any' });
  const properties = typeof schema === 'object' && schema.properties ? Object.entries(schema.properties) : [];
  const params = properties.map(([name, property]) => {
    const info = typeof property === 'object' ? property : {};
    const fallback = 'default' in info ? ` (default: ${JSON.stringify(info.default)})` : '';
    return `  ${name}${fallback}${'description' in info && info.description ? ` — ${String(info.description)}` : ''}\n`;
  });
  const metrics = Object.entries(check.metrics).map(([name, description]) => `  ${name} — ${description}\n`);
  const criteria = Object.entries(check.criteria).map(([framework, ids]) => `  ${framework}: ${(ids ?? []).join(', ')}\n`);
  const inputs = Object.entries(check.inputs);
  return [
    `${check.id}: ${check.title}\n\n${check.description}\n\n`,
    inputs.length === 1 ? `Sources: ${readsText(check)}\n` : `Inputs:\n${inputs.map(([name, types]) => `  ${name}: ${types.join(', ')}${check.optionalInputs.includes(name) ? ' (optional)' : ''}\n`).join('')}`,
    params.length ? `Params:\n${params.join('')}` : 'Params: none\n',
    metrics.length ? `Metrics:\n${metrics.join('')}` : '',
    criteria.length ? `Evidences (suggested mappings):\n${criteria.join('')}` : '',
    `Remediation: ${check.remediation}\n`,
  ].join('');
}
