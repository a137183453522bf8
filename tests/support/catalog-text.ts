// Pieces of catalog YAML that many tests' catalogs share, each ending with a newline.

/** The credential report fixture as source `creds`, an entry under `sources:`. */
export const CREDS_SOURCE = `  creds:
    type: aws/iam-credential-report
    path: credential-report.csv
`;

/** Control IAM-02 without evidence or tests, an item under `controls:`; keys of its own may follow at four spaces. */
export const MFA_CONTROL = `  - id: IAM-02
    title: MFA required for every console user
    owner: it-identity@example.com
    risk: high
    function: prevent
`;
