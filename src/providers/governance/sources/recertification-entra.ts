import { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { instantField } from '../../../kit/formats/instant.js';
import { jsonPathPosition, parseJsonText, validateJson } from '../../../kit/formats/json.js';
import { rejectPartialExport } from '../../../kit/formats/paginated.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';
import { dueParam, type RecertificationDecision, type RecertificationVerdict } from '../lib/recertification-decisions.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'governance/recertification-entra': RecertificationDecision;
  }
}

const HINT =
  'Save each page of `GET /v1.0/identityGovernance/accessReviews/definitions/{definition-id}/instances/{instance-id}/decisions` unchanged (follow @odata.nextLink to the last page), and beside them the instance itself (`GET …/instances/{instance-id}`), whose endDateTime is the due date; or set the source\'s `due` param.';

/** Graph writes an unset identity (no reviewer yet) as the all-zero id with empty names. */
const UNSET_ID = '00000000-0000-0000-0000-000000000000';
const graphInstant = instantField('2026-09-30T17:00:00.000Z');
const text = z.string().nullable().optional();

const identitySchema = z.looseObject({ id: z.string().nullable().optional(), displayName: text, userPrincipalName: text });

const decisionSchema = z.looseObject({
  id: z.string().min(1),
  accessReviewId: z.string().min(1),
  decision: z.enum(['Approve', 'Deny', 'NotReviewed', 'DontKnow']),
  reviewedDateTime: graphInstant.nullable().optional(),
  reviewedBy: identitySchema.nullable().optional(),
  principal: identitySchema.extend({ id: z.string().min(1) }),
  resource: z.looseObject({ id: text, displayName: text, type: text }).nullable().optional(),
  resourceLink: text,
});

const pageSchema = z.looseObject({ value: z.array(decisionSchema) });
const instanceSchema = z.looseObject({ id: z.string().min(1), startDateTime: graphInstant.nullable().optional(), endDateTime: graphInstant });

type GraphDecision = z.output<typeof decisionSchema>;
interface Instance {
  start: Date | null;
  end: Date;
}

const params = z
  .strictObject({
    due: dueParam
      .optional()
      .describe("The due date of review instances whose instance file is not in the source's glob (a date alone is due when that day ends in UTC)."),
  })
  .prefault({});

const VERDICT: Readonly<Record<GraphDecision['decision'], RecertificationVerdict>> = { Approve: 'approve', Deny: 'revoke', DontKnow: 'abstain', NotReviewed: 'undecided' };

const named = (value: string | null | undefined): string | null => (value === null || value === undefined || value === '' ? null : value);

interface Page {
  file: SourceText;
  decisions: GraphDecision[];
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A file is a decisions page (`value` holds the items) or one instance object (it has `endDateTime`). */
function readFile(file: SourceText, pages: Page[], instances: Map<string, Instance>): void {
  assertNotEmpty(file, 'a Graph access review decisions page or instance', HINT);
  const document = parseJsonText(file.text, file.display, HINT);
  if (!isObject(document)) {
    throw new UserError('Expected a Graph response object with "value" (decisions) or "endDateTime" (an instance)', { position: { file: file.display, line: 1, col: 1 }, hint: HINT });
  }
  rejectPartialExport(document, file, { present: ['@odata.nextLink'], hint: HINT });
  if ('value' in document || !('endDateTime' in document)) {
    pages.push({ file, decisions: validateJson(pageSchema, document, file.text, file.display, HINT).value });
    return;
  }
  const instance = validateJson(instanceSchema, document, file.text, file.display, HINT);
  instances.set(instance.id, { start: instance.startDateTime ?? null, end: instance.endDateTime });
}

function toDecision(item: GraphDecision, instance: Instance): RecertificationDecision {
  const reviewedBy = item.reviewedBy?.id === UNSET_ID ? null : (item.reviewedBy ?? null);
  const decision = VERDICT[item.decision];
  return {
    tool: 'entra',
    campaign: item.accessReviewId,
    campaignStart: instance.start,
    due: instance.end,
    reviewer: named(reviewedBy?.userPrincipalName)?.toLowerCase() ?? null,
    reviewerId: named(reviewedBy?.id),
    subjectLogin: named(item.principal.userPrincipalName)?.toLowerCase() ?? null,
    subjectId: item.principal.id,
    entitlement: named(item.resource?.displayName) ?? named(item.resource?.id) ?? named(item.resourceLink) ?? `access review ${item.accessReviewId}`,
    entitlementId: named(item.resource?.id),
    decision,
    decidedAt: decision === 'undecided' ? null : (item.reviewedDateTime ?? null),
    itemId: item.id,
  };
}

function readDecisions(files: readonly SourceText[], settings: z.output<typeof params>): RecertificationDecision[] {
  const pages: Page[] = [];
  const instances = new Map<string, Instance>();
  for (const file of files) readFile(file, pages, instances);
  const fallbackDue = settings.due;
  return pages.flatMap(({ file, decisions }) =>
    decisions.map((item, index) => {
      const instance = instances.get(item.accessReviewId) ?? (fallbackDue === undefined ? undefined : { start: null, end: fallbackDue });
      if (instance === undefined) {
        throw new UserError(`value[${index}].accessReviewId: no due date for review instance ${item.accessReviewId}: its instance file is not in the source and no due param is set`, {
          position: { file: file.display, ...jsonPathPosition(file.text, ['value', index, 'accessReviewId']) },
          hint: HINT,
        });
      }
      if (VERDICT[item.decision] !== 'undecided' && !item.reviewedDateTime) {
        throw new UserError(`value[${index}].reviewedDateTime: expected the time of the ${item.decision} decision, found none`, {
          position: { file: file.display, ...jsonPathPosition(file.text, ['value', index, 'reviewedDateTime']) },
          hint: HINT,
        });
      }
      return toDecision(item, instance);
    }),
  );
}

export default defineSource({
  type: 'governance/recertification-entra',
  kind: 'batch',
  description:
    'Microsoft Entra access review decisions from Microsoft Graph v1.0: the pages of `GET /identityGovernance/accessReviews/definitions/{definition-id}/instances/{instance-id}/decisions` saved unchanged (`{"@odata.context", "value": [accessReviewInstanceDecisionItem, …]}`; a page still holding `@odata.nextLink` is a partial export and an error). The due date is the instance\'s `endDateTime`: save the instance object (`GET …/instances/{instance-id}`) in the same glob, where its `startDateTime` is the campaign start too; the `due` param covers instances without such a file, and a decision whose instance has neither is an error at its accessReviewId. The campaign is the instance id (`accessReviewId`). Approve is approve, Deny revoke, DontKnow abstain, NotReviewed undecided; the reviewer is `reviewedBy.userPrincipalName` (the all-zero id is no reviewer), decided at `reviewedDateTime`; the subject is the `principal` (userPrincipalName and object id); the entitlement is `resource.displayName` (else its id, else `resourceLink`).',
  params,
  read: readDecisions,
});
