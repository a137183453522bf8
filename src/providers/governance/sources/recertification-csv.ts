import { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import { parseInstant } from '../../../core/time.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { csvRows, type CsvRow } from '../../hr/lib/csv-rows.js';
import { parseDue, type RecertificationDecision, type RecertificationVerdict } from '../lib/recertification-decisions.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'governance/recertification-csv': RecertificationDecision;
  }
}

const DEFAULT_COLUMNS = {
  campaign_column: 'campaign',
  reviewer_column: 'reviewer',
  subject_column: 'subject',
  entitlement_column: 'entitlement',
  decision_column: 'decision',
  decided_at_column: 'decided_at',
  due_column: 'due',
} as const;
type ColumnParam = keyof typeof DEFAULT_COLUMNS;

const column = (param: ColumnParam, what: string): z.ZodDefault<z.ZodString> =>
  z.string().min(1).default(DEFAULT_COLUMNS[param]).describe(`The column holding ${what}.`);

const params = z.strictObject({
  campaign_column: column('campaign_column', 'the campaign (review) each item belongs to'),
  reviewer_column: column('reviewer_column', "the reviewer's login or e-mail (empty while unassigned)"),
  subject_column: column('subject_column', 'the login or e-mail of the person or account reviewed, the join key to identity exports'),
  entitlement_column: column('entitlement_column', 'the access reviewed (group, app, role, IAM group or policy)'),
  decision_column: column('decision_column', 'the decision: approve, revoke, abstain, or undecided (or empty)'),
  decided_at_column: column('decided_at_column', 'when the reviewer decided, a date-time with a zone; empty while undecided'),
  due_column: column('due_column', "the campaign's due date (YYYY-MM-DD, due when that day ends in UTC) or date-time with a zone"),
});

type CsvParams = z.output<typeof params>;

const HINT =
  'Export one row per review item with a header row; name the columns with the source\'s params (campaign_column, reviewer_column, subject_column, entitlement_column, decision_column, decided_at_column, due_column). Decisions are approve, revoke, abstain or undecided; dates are YYYY-MM-DD or ISO 8601 with a zone.';

const VERDICTS: readonly RecertificationVerdict[] = ['approve', 'revoke', 'abstain', 'undecided'];
const isVerdict = (value: string): value is RecertificationVerdict => (VERDICTS as readonly string[]).includes(value);

function required(row: CsvRow, columnName: string): string {
  const value = row.cell(columnName);
  if (value === '') throw new UserError(`Expected a value in ${columnName}, found an empty cell`, { position: row.positionOf(columnName), hint: HINT });
  return value;
}

function verdictOf(row: CsvRow, columnName: string): RecertificationVerdict {
  const value = row.cell(columnName).toLowerCase() || 'undecided';
  if (isVerdict(value)) return value;
  throw new UserError(`Invalid ${columnName} "${row.cell(columnName)}": expected approve, revoke, abstain or undecided`, { position: row.positionOf(columnName), hint: HINT });
}

function dueOf(row: CsvRow, columnName: string): Date {
  const value = required(row, columnName);
  const due = parseDue(value);
  if (due) return due;
  throw new UserError(`Invalid ${columnName} "${value}": expected a calendar date like 2026-09-30 or a date-time with a zone like 2026-09-30T17:00:00Z`, {
    position: row.positionOf(columnName),
    hint: HINT,
  });
}

/** The decision time: required once decided (a date alone cannot order decisions), absent while undecided. */
function decidedAtOf(row: CsvRow, columnName: string, decision: RecertificationVerdict): Date | null {
  const value = row.cell(columnName);
  if (decision === 'undecided') return null;
  if (value === '') throw new UserError(`Expected ${columnName} for a ${decision} decision, found an empty cell`, { position: row.positionOf(columnName), hint: HINT });
  const decided = parseInstant(value);
  if (decided) return decided;
  throw new UserError(`Invalid ${columnName} "${value}": expected a date-time with a zone like 2026-09-30T17:00:00Z`, { position: row.positionOf(columnName), hint: HINT });
}

function decisionOf(row: CsvRow, settings: CsvParams): RecertificationDecision {
  const decision = verdictOf(row, settings.decision_column);
  return {
    tool: 'csv',
    campaign: required(row, settings.campaign_column),
    campaignStart: null,
    due: dueOf(row, settings.due_column),
    reviewer: row.cell(settings.reviewer_column).toLowerCase() || null,
    reviewerId: null,
    subjectLogin: required(row, settings.subject_column).toLowerCase(),
    subjectId: null,
    entitlement: required(row, settings.entitlement_column),
    entitlementId: null,
    decision,
    decidedAt: decidedAtOf(row, settings.decided_at_column, decision),
    itemId: null,
  };
}

function readDecisions(files: readonly SourceText[], settings: CsvParams): RecertificationDecision[] {
  const columns = (Object.keys(DEFAULT_COLUMNS) as ColumnParam[]).map((param) => ({ column: settings[param], param }));
  return files.flatMap((file) => csvRows(file, columns, HINT).map((row) => decisionOf(row, settings)));
}

export default defineSource({
  type: 'governance/recertification-csv',
  kind: 'batch',
  description:
    'Access recertification decisions as CSV with a header row, one row per review item, from any tool (SailPoint, Saviynt, a spreadsheet): the columns for campaign, reviewer, subject (login or e-mail), entitlement, decision, decided_at and due are set by params. A decision is approve, revoke, abstain or undecided (an empty cell is undecided), case-insensitively; a decided item needs decided_at as a date-time with a zone. A due date alone is due when that day ends in UTC: write a date-time with an offset for a campaign due in another zone. Every bad cell is an error at its position. One governance recertification record per row: campaign, due, reviewer and subject lower-cased, entitlement, decision, decided_at.',
  params,
  read: readDecisions,
});
