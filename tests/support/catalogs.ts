// Small catalogs several CLI tests build on.

/** IAM-02 (console MFA) over one credential report source, with one document of evidence; `header` adds top-level keys. */
export function mfaCatalog(options: { source: string; evidence: string; header?: string }): string {
  return `version: 1
name: MFA
${options.header ?? ''}sources:
  creds: { type: aws/iam-credential-report, path: ${options.source} }
controls:
  - id: IAM-02
    title: MFA for console users
    owner: it@example.com
    risk: high
    function: prevent
    evidence:
      - { kind: document, title: MFA policy, path: ${options.evidence}, date: 2026-10-01, max_age: 1y }
    tests:
      - check: aws/iam-console-mfa
        source: creds
`;
}

/** One assert test over the items of a `type` source at `path`, each of which must have `ok` true. */
export function itemsCatalog(type: 'json' | 'csv', path: string, expect = 'ok'): string {
  return `version: 1
name: Items
sources:
  items: { type: ${type}, path: ${path} }
controls:
  - id: ITEMS-01
    title: Every item is ok
    owner: x@example.com
    risk: low
    function: detect
    tests:
      - check: assert
        source: items
        params: { each: '[]', id: id, expect: "${expect}", message: 'item {{id}} is not ok' }
`;
}
