import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { literalPrefix } from '../../src/catalog/exception-resources.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { UserErrors } from '../../src/core/errors.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

describe('literalPrefix', () => {
  it.each([
    ['arn:aws:iam::210987654321:user/carol', 'arn:aws:iam::210987654321:user/carol'],
    ['arn:aws:iam::*:user/carol', 'arn:aws:iam::'],
    ['arn:aws:iam::210987654321:user/ci-deploy#access_key_?', 'arn:aws:iam::210987654321:user/ci-deploy#access_key_'],
    ['arn:aws:iam::{1,2}:root', 'arn:aws:iam::'],
    ['arn:aws:iam::1:user/[ab]*', 'arn:aws:iam::1:user/'],
    ['arn:aws:iam::1:user/@(a|b)', 'arn:aws:iam::1:user/'],
    ['arn:aws:iam::1:user/alice+ops@example.com', 'arn:aws:iam::1:user/alice+ops@example.com'],
    ['!arn:aws:iam::1:root', ''],
    ['*carol', ''],
  ])('%s -> %s', (glob, prefix) => {
    expect(literalPrefix(glob)).toBe(prefix);
  });
});

/** A catalog whose IAM-02 tests console MFA (ARN ids) and ACR-01 asserts over a CSV (no id shape). */
function catalog(resources: { iam: string; acr: string }): string {
  return `version: 1
name: Resource shapes
sources:
  credential-report:
    type: aws/iam-credential-report
    path: credential-report.csv
  reviews:
    type: csv
    path: reviews.csv
controls:
  - id: IAM-02
    title: MFA for console users
    owner: it-identity@example.com
    risk: high
    function: prevent
    tests:
      - check: aws/iam-console-mfa
        source: credential-report
  - id: ACR-01
    title: Access reviews signed off
    owner: grc@example.com
    risk: medium
    function: detect
    tests:
      - check: assert
        source: reviews
        params: { each: '[]', id: system, expect: signed_off, message: 'review of {{system}} is not signed off' }
exceptions:
  - id: EX-IAM
    control: IAM-02
    resources: ['${resources.iam}']
    reason: token on order
    risk: high
    owner: it-identity@example.com
    approved_by: ciso@example.com
    approved: 2026-10-01
    expires: 2026-12-01
  - id: EX-ACR
    control: ACR-01
    resources: ['${resources.acr}']
    reason: system retired
    risk: low
    owner: grc@example.com
    approved_by: ciso@example.com
    approved: 2026-10-01
    expires: 2026-12-01
`;
}

describe('exception resources against the resource id shape of the control', () => {
  it('accepts an ARN glob for a control of ARN checks, and any id for a check that declares no example', async () => {
    const dir = await tempTree({ 'controls.yaml': catalog({ iam: 'arn:aws:iam::*:user/carol', acr: 'payroll/*' }) });
    const loaded = await loadCatalog(path.join(dir, 'controls.yaml'));
    expect(loaded.exceptions.map((exception) => exception.spec.id)).toEqual(['EX-IAM', 'EX-ACR']);
  });

  it('rejects an id that cannot match, at its line and column', async () => {
    const dir = await tempTree({ 'controls.yaml': catalog({ iam: 'carol', acr: 'payroll/*' }) });
    const error = await loadCatalog(path.join(dir, 'controls.yaml')).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserErrors);
    const errors = error instanceof UserErrors ? error.errors : [];
    expect(errors.map((each) => [each.message, each.position?.line, each.position?.col])).toEqual([
      [
        'Exception EX-IAM resource "carol" cannot match any finding of control IAM-02: expected an id starting with "arn:aws:iam:", like arn:aws:iam::123456789012:user/alice',
        31,
        17,
      ],
    ]);
  });
});
