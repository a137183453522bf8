import { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import { pathInCatalog, defineSource, type SourceText } from '../../../kit/define-source.js';
import { parseJsonText, validateJson } from '../../../kit/formats/json.js';
import { assertNotEmpty, positionAt } from '../../../kit/formats/text.js';
import { accountInPath } from '../lib/export-file.js';

/** The account password policy as `get-account-password-policy` prints it, normalised. */
export interface PasswordPolicy {
  minimumPasswordLength: number | null;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  /** Days; `null` when passwords do not expire (absent or 0). */
  maxPasswordAge: number | null;
  /** How many previous passwords are remembered; `null` when reuse is not prevented. */
  passwordReusePrevention: number | null;
  hardExpiry: boolean;
}

/** One export file; `policy` is `null` when the account has no password policy (IAM's `NoSuchEntity`). */
export interface PasswordPolicyRecord {
  /** The export file, relative to the catalog's folder. */
  file: string;
  /** The account, where a folder of the export's path is named by its id (`<account>/iam-password-policy.json`). */
  accountId: string | null;
  policy: PasswordPolicy | null;
}

const COMMAND = 'aws iam get-account-password-policy --output json';
const HINT = `Export with \`${COMMAND} > iam-password-policy.json 2>&1\` (the 2>&1 keeps the "no policy" answer).`;
const CLI_ERROR = /An error occurred \(([A-Za-z.]+)\) when calling the (\w+) operation/;

const policySchema = z.object({
  MinimumPasswordLength: z.number().int().optional(),
  RequireSymbols: z.boolean().optional(),
  RequireNumbers: z.boolean().optional(),
  RequireUppercaseCharacters: z.boolean().optional(),
  RequireLowercaseCharacters: z.boolean().optional(),
  AllowUsersToChangePassword: z.boolean().optional(),
  MaxPasswordAge: z.number().int().optional(),
  PasswordReusePrevention: z.number().int().optional(),
  HardExpiry: z.boolean().optional(),
});

const exportSchema = z.strictObject(
  { PasswordPolicy: policySchema.optional() },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unexpected key ${issue.keys.map((key) => `"${key}"`).join(', ')}: expected only "PasswordPolicy"` : undefined) },
);

function normalise(policy: z.output<typeof policySchema>): PasswordPolicy {
  return {
    minimumPasswordLength: policy.MinimumPasswordLength ?? null,
    requireSymbols: policy.RequireSymbols ?? false,
    requireNumbers: policy.RequireNumbers ?? false,
    requireUppercaseCharacters: policy.RequireUppercaseCharacters ?? false,
    requireLowercaseCharacters: policy.RequireLowercaseCharacters ?? false,
    allowUsersToChangePassword: policy.AllowUsersToChangePassword ?? false,
    maxPasswordAge: policy.MaxPasswordAge ? policy.MaxPasswordAge : null,
    passwordReusePrevention: policy.PasswordReusePrevention ? policy.PasswordReusePrevention : null,
    hardExpiry: policy.HardExpiry ?? false,
  };
}

function fileOf(file: SourceText): Pick<PasswordPolicyRecord, 'file' | 'accountId'> {
  const relative = pathInCatalog(file);
  return { file: relative, accountId: accountInPath(relative) };
}

/** The AWS CLI's error line, when the file holds one instead of JSON. */
function readCliError(file: SourceText): PasswordPolicyRecord | undefined {
  const match = CLI_ERROR.exec(file.text);
  if (!match) return undefined;
  const [, code, operation] = match;
  if (code === 'NoSuchEntity' && operation === 'GetAccountPasswordPolicy') return { ...fileOf(file), policy: null };
  throw new UserError(`Expected a password policy or the NoSuchEntity answer; found the AWS CLI error ${code} from ${operation}`, {
    position: positionAt(file.display, file.text, match.index),
    hint: 'Fix the cause (credentials, permissions: iam:GetAccountPasswordPolicy) and export again.',
  });
}

function readFile(file: SourceText): PasswordPolicyRecord {
  assertNotEmpty(file, 'the output of aws iam get-account-password-policy', HINT);
  const cliError = readCliError(file);
  if (cliError) return cliError;
  const document = parseJsonText(file.text, file.display, HINT);
  const parsed = validateJson(exportSchema, document, file.text, file.display, HINT);
  // `{}` is how scripts record the NoSuchEntity answer when they save JSON only.
  return { ...fileOf(file), policy: parsed.PasswordPolicy ? normalise(parsed.PasswordPolicy) : null };
}

export default defineSource({
  type: 'aws/iam-password-policy',
  kind: 'batch',
  description:
    'The account password policy from `aws iam get-account-password-policy`; the NoSuchEntity error text (or `{}`) is read as "no policy". One record per file.',
  read: (files) => files.map(readFile),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/iam-password-policy': PasswordPolicyRecord;
  }
}
