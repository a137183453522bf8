import type { LoadedException } from '../../src/catalog/model.js';
import type { ExceptionSpec } from '../../src/catalog/schema.js';

/** An exception as the catalog loader yields it: approved 2026-10-01, expiring 2026-12-31, unless overridden. */
export function loadedException(overrides: Partial<ExceptionSpec> = {}): LoadedException {
  const spec: ExceptionSpec = {
    id: 'EX-1',
    control: 'IAM-02',
    reason: 'hardware token on order',
    risk: 'high',
    owner: 'it-identity@example.com',
    approved_by: 'ciso@example.com',
    approved: '2026-10-01',
    expires: '2026-12-31',
    ...overrides,
  };
  return {
    spec,
    file: 'controls.yaml',
    position: { file: 'controls.yaml', line: 1, col: 1 },
    approved: new Date(`${spec.approved}T00:00:00Z`),
    expires: new Date(`${spec.expires}T00:00:00Z`),
    positionOf: () => ({ file: 'controls.yaml', line: 1, col: 1 }),
  };
}
