import { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { instantField } from '../../../kit/formats/instant.js';
import { jsonPathPosition, parseJsonText, validateJson } from '../../../kit/formats/json.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';
import { dueParam, type RecertificationDecision, type RecertificationVerdict } from '../lib/recertification-decisions.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'governance/recertification-okta': RecertificationDecision;
  }
}

const HINT =
  'Save each page of `GET /governance/api/v1/reviews?filter=campaignId eq "{campaignId}"` unchanged (follow `_links.next` to the last page) and set the campaign\'s due date with the source\'s `due` param.';

const oktaInstant = instantField('2026-09-30T17:00:00.000Z');
const text = z.string().nullable().optional();
const profileSchema = z.looseObject({ id: z.string().min(1), email: text, login: text });

const reviewSchema = z.looseObject({
  id: z.string().min(1),
  campaignId: z.string().min(1),
  resourceId: z.string().min(1),
  decision: z.enum(['APPROVE', 'REVOKE', 'UNREVIEWED']),
  decided: oktaInstant.nullable().optional(),
  created: oktaInstant,
  principalProfile: profileSchema,
  reviewerProfile: profileSchema.nullable().optional(),
  entitlementValue: z.looseObject({ id: z.string(), name: z.string() }).nullable().optional(),
  entitlementBundle: z.looseObject({ id: z.string(), name: text }).nullable().optional(),
});

const pageSchema = z.looseObject({ data: z.array(reviewSchema), _links: z.looseObject({ next: z.unknown().optional() }).optional() });
type OktaReview = z.output<typeof reviewSchema>;

const params = z
  .strictObject({
  due: dueParam.optional().describe('When the campaign\'s decisions are due (its end date in the Okta Admin Console): a date alone is due when that day ends in UTC, or a date-time with a zone. Bind one source per campaign, or per campaigns with the same due date; without it a page with reviews is an error.'),
  })
  .prefault({});

const VERDICT: Readonly<Record<OktaReview['decision'], RecertificationVerdict>> = { APPROVE: 'approve', REVOKE: 'revoke', UNREVIEWED: 'undecided' };

const lower = (value: string | null | undefined): string | null => (value ? value.toLowerCase() : null);

function toDecision(review: OktaReview, due: Date): RecertificationDecision {
  const decision = VERDICT[review.decision];
  const entitlement = review.entitlementValue ?? review.entitlementBundle ?? null;
  return {
    tool: 'okta',
    campaign: review.campaignId,
    campaignStart: null,
    due,
    reviewer: lower(review.reviewerProfile?.login ?? review.reviewerProfile?.email),
    reviewerId: review.reviewerProfile?.id ?? null,
    subjectLogin: lower(review.principalProfile.login ?? review.principalProfile.email),
    subjectId: review.principalProfile.id,
    entitlement: entitlement?.name ? `${review.resourceId}:${entitlement.name}` : review.resourceId,
    entitlementId: entitlement?.id ?? review.resourceId,
    decision,
    decidedAt: decision === 'undecided' ? null : (review.decided ?? null),
    itemId: review.id,
  };
}

function readPage(file: SourceText, due: Date | undefined): RecertificationDecision[] {
  assertNotEmpty(file, 'an Okta Identity Governance reviews page', HINT);
  const page = validateJson(pageSchema, parseJsonText(file.text, file.display, HINT), file.text, file.display, HINT);
  if (page._links?.next !== undefined) {
    throw new UserError('Partial export: the page has "_links.next", so the export stopped before the last page', {
      position: { file: file.display, ...jsonPathPosition(file.text, ['_links', 'next']) },
      hint: HINT,
    });
  }
  return page.data.map((review, index) => {
    if (due === undefined) {
      throw new UserError(`data[${index}].campaignId: no due date for campaign ${review.campaignId}: the reviews API does not carry it, so set the source's due param`, {
        position: { file: file.display, ...jsonPathPosition(file.text, ['data', index, 'campaignId']) },
        hint: HINT,
      });
    }
    if (review.decision !== 'UNREVIEWED' && !review.decided) {
      throw new UserError(`data[${index}].decided: expected the time of the ${review.decision} decision, found none`, {
        position: { file: file.display, ...jsonPathPosition(file.text, ['data', index, 'decided']) },
        hint: HINT,
      });
    }
    return toDecision(review, due);
  });
}

export default defineSource({
  type: 'governance/recertification-okta',
  kind: 'batch',
  description:
    'Okta Identity Governance access certification reviews: the pages of `GET /governance/api/v1/reviews` (filtered per campaign with `filter=campaignId eq "…"`) saved unchanged, `{"data": [review, …], "_links": {…}}`; a page whose `_links` still holds `next` is a partial export and an error. The reviews API does not carry the campaign\'s end, so the due date is the `due` param (a date alone is due when that day ends in UTC). APPROVE is approve, REVOKE revoke, UNREVIEWED undecided (Okta has no abstain); decided at `decided`, which a decided review must have. The campaign is `campaignId`; the reviewer `reviewerProfile.login` (else e-mail); the subject `principalProfile` (login, else e-mail, and Okta user id); the entitlement the `resourceId` (an app or group id), with the entitlement value or bundle name after a colon where the review has one.',
  params,
  read: (files, { due }) => files.flatMap((file) => readPage(file, due)),
});
