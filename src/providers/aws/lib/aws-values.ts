import { z } from 'zod';
import { parseInstant } from '../../../core/time.js';
import { describeIssue, describeValue, formatJsonPath } from '../../../kit/formats/json.js';

/** An IAM policy principal: `"*"` (anyone) or principal type → values (`{ AWS: [...], Service: [...] }`). */
export type PolicyPrincipal = '*' | Readonly<Record<string, readonly string[]>>;

/** One policy statement with every one-or-many field as an array (empty when absent). */
export interface PolicyStatement {
  sid: string | null;
  effect: 'Allow' | 'Deny';
  actions: readonly string[];
  notActions: readonly string[];
  resources: readonly string[];
  notResources: readonly string[];
  principal: PolicyPrincipal | null;
  notPrincipal: PolicyPrincipal | null;
  /** Operator → condition key → values, every value as a string (`true` becomes `"true"`). */
  conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** An IAM policy document, normalised: `statements` is always an array. */
export interface PolicyDocument {
  version: string | null;
  statements: readonly PolicyStatement[];
}

/**
 * A timestamp as any AWS CLI version, SDK or boto3-based tool writes it (`parseInstant`: ISO 8601 with `Z` or an offset,
 * any fraction, the space of Python's `str(datetime)`, or epoch seconds as a number). Null for anything else,
 * including null and absent values.
 */
export function parseAwsTimestamp(value: unknown): Date | null {
  return parseInstant(value) ?? null;
}

/** zod schema for a required AWS timestamp (any CLI form), output as a `Date`. */
export const awsTimestampSchema = z.unknown().transform((value, context): Date => {
  const date = parseAwsTimestamp(value);
  if (date) return date;
  context.addIssue({
    code: 'custom',
    message: `expected a timestamp (ISO 8601 like 2024-03-05T14:22:07+00:00 or 2024-03-05 14:22:07+00:00, or epoch seconds), found ${describeValue(value)}`,
  });
  return z.NEVER;
});

const stringList = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  z.array(z.string(), { error: (issue) => `expected a string or an array of strings, found ${describeValue(issue.input)}` }),
);

const principalSchema = z.union([
  z.literal('*'),
  z.record(z.string(), stringList),
], { error: (issue) => `expected "*" or a map of principal type to values, found ${describeValue(issue.input)}` });

const conditionValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const conditionValues = z
  .preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(conditionValue))
  .optional()
  .transform((values) => values ?? []);

const statementSchema = z.object({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny'], { error: (issue) => `expected "Allow" or "Deny", found ${describeValue(issue.input)}` }),
  Action: stringList.optional(),
  NotAction: stringList.optional(),
  Resource: stringList.optional(),
  NotResource: stringList.optional(),
  Principal: principalSchema.optional(),
  NotPrincipal: principalSchema.optional(),
  Condition: z.record(z.string(), z.record(z.string(), conditionValues)).optional(),
});

const documentSchema = z.object({
  Version: z.string().optional(),
  Statement: z.preprocess((value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value), z.array(statementSchema)),
});

function normaliseStatement(statement: z.output<typeof statementSchema>): PolicyStatement {
  return {
    sid: statement.Sid ?? null,
    effect: statement.Effect,
    actions: statement.Action ?? [],
    notActions: statement.NotAction ?? [],
    resources: statement.Resource ?? [],
    notResources: statement.NotResource ?? [],
    principal: statement.Principal ?? null,
    notPrincipal: statement.NotPrincipal ?? null,
    conditions: statement.Condition ?? {},
  };
}

/** Why a value is not a policy document; `path` is inside the document (`Statement[1].Effect`), empty at its top. */
export class PolicyDocumentError extends Error {
  constructor(
    /** What was expected and found, without the path. */
    readonly detail: string,
    readonly path: readonly PropertyKey[] = [],
  ) {
    super(path.length > 0 ? `${formatJsonPath(path)}: ${detail}` : detail);
    this.name = 'PolicyDocumentError';
  }
}

function decodeDocumentText(text: string): unknown {
  const trimmed = text.trim();
  // The IAM API sends documents RFC 3986-encoded; botocore decodes them, other SDKs do not.
  const urlEncoded = /^%7B/i.test(trimmed);
  let json = trimmed;
  if (urlEncoded) {
    try {
      json = decodeURIComponent(trimmed);
    } catch {
      throw new PolicyDocumentError('expected a URL-encoded policy document, found a string with an invalid %-escape');
    }
  } else if (!trimmed.startsWith('{')) {
    throw new PolicyDocumentError(`expected a policy document (an object, a JSON string or a URL-encoded string), found ${describeValue(text)}`);
  }
  try {
    return JSON.parse(json);
  } catch (cause) {
    const what = urlEncoded ? 'URL-encoded policy document' : 'policy document string';
    throw new PolicyDocumentError(`the ${what} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`);
  }
}

/**
 * Decodes an IAM policy document given as an object, a JSON string or a URL-encoded JSON string (`%7B...`), and
 * normalises it. Throws `PolicyDocumentError` saying what was expected and what was found.
 */
export function parsePolicyDocument(value: unknown): PolicyDocument {
  const decoded = typeof value === 'string' ? decodeDocumentText(value) : value;
  const result = documentSchema.safeParse(decoded, { error: describeIssue });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PolicyDocumentError(issue?.message ?? 'invalid policy document', issue?.path ?? []);
  }
  return { version: result.data.Version ?? null, statements: result.data.Statement.map(normaliseStatement) };
}

/** zod schema for a policy document in any of its encodings, output normalised. */
export const policyDocumentSchema = z.unknown().transform((value, context): PolicyDocument => {
  try {
    return parsePolicyDocument(value);
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    // A path inside a decoded string has no position in the file: it goes into the message instead.
    const inString = typeof value === 'string';
    context.addIssue({
      code: 'custom',
      message: `invalid policy document: ${inString ? error.message : error.detail}`,
      path: inString ? [] : [...error.path],
    });
    return z.NEVER;
  }
});
