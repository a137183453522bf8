// Property: every built-in source, fed a mutated real-shaped export, returns records or throws a UserError that
// names the file; never another exception. Fixed seed; CONTROLPROOF_FUZZ_RUNS raises the number of runs.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { UserError } from '../../src/core/errors.js';
import type { Source, SourceText } from '../../src/kit/define-source.js';
import { matchFiles } from '../../src/kit/files/match-files.js';
import { readExportFile } from '../../src/kit/files/read-file.js';
import { sourceLoaders } from '../../src/providers/index.js';
import { repoRoot } from '../support/paths.js';

const RUNS = Number(process.env.CONTROLPROOF_FUZZ_RUNS ?? 300);
const SEED = 20261202;

/** Sources the example catalog does not use, with a small real-shaped seed each. */
const INLINE_SEEDS: Record<string, string[]> = {
  ndjson: ['{"user": "alice", "mfa": true}\n{"user": "bob", "mfa": false, "groups": ["admins"]}\n'],
  'aws/cloudtrail-digests': [
    '{"awsAccountId":"111122223333","digestStartTime":"2015-08-17T14:01:31Z","digestEndTime":"2015-08-17T15:01:31Z","digestS3Bucket":"example-bucket","digestS3Object":"AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_trail_us-east-2_20150817T150131Z.json.gz","digestPublicKeyFingerprint":"31e8b5433410dfb61a9dc45cc65b22ff","digestSignatureAlgorithm":"SHA256withRSA","newestEventTime":"2015-08-17T14:52:27Z","oldestEventTime":"2015-08-17T14:42:27Z","previousDigestS3Bucket":null,"previousDigestS3Object":null,"previousDigestHashValue":null,"previousDigestHashAlgorithm":null,"previousDigestSignature":null,"logFiles":[{"s3Bucket":"example-bucket","s3Object":"AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/17/111122223333_CloudTrail_us-east-2_20150817T1445Z_9nYN7gp2eWAJHIfT.json.gz","hashValue":"9bb6196fc6b84d6f075a56548feca262bd99ba3c2de41b618e5b6e22c1fc71f6","hashAlgorithm":"SHA-256","newestEventTime":"2015-08-17T14:52:27Z","oldestEventTime":"2015-08-17T14:42:27Z"}]}',
  ],
  'aws/identitystore-users': [
    '{"Users": [{"UserName": "lee@example.org", "UserId": "9067c5e4b1-0f6a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", "Name": {"FamilyName": "Park", "GivenName": "Lee"}, "DisplayName": "Lee Park", "Emails": [{"Value": "lee@example.org", "Type": "work", "Primary": true}], "UserStatus": "DISABLED", "CreatedAt": "2023-03-01T10:00:00.123000+00:00", "IdentityStoreId": "d-9067c5e4b1"}]}',
  ],
  'aws/cloudtrail-public-keys': ['{"PublicKeyList": [{"Value": "MIIBCgKCAQEAvJ3ad", "ValidityStartTime": "2026-08-03T11:26:03+00:00", "ValidityEndTime": "2026-11-01T09:12:40+00:00", "Fingerprint": "8eba5db5bea9b640d1c96a2a2ff1f6d4"}]}'],
  'github/audit-log': [
    '[{"@timestamp": 1792484102114, "_document_id": "Vn2pQe7HcR0dWm5tLk9ZsA", "action": "git.clone", "actor": "carol-ng", "actor_id": 5550103, "actor_ip": "198.51.100.23", "actor_location": {"country_code": "US"}, "created_at": 1792484102114, "operation_type": "access", "org": "example-org", "org_id": 7770001, "repo": "example-org/payments", "repository_public": false}, {"@timestamp": 1792839757555, "_document_id": "Lm4cWq9ZpT2xRb7vNs1KdA", "action": "pull_request.create", "actor": "dependabot[bot]", "actor_id": 49699333, "created_at": 1792839757555, "operation_type": "create", "org": "example-org", "org_id": 7770001, "repo": "example-org/payments"}]',
    '{"@timestamp": 1792604409902, "_document_id": "Hb8sYt1MfK3wPq6nXc0EjQ", "action": "repo.download_zip", "actor": "carol-ng", "actor_id": 5550103, "actor_ip": "198.51.100.23", "actor_location": {"country_code": "US"}, "created_at": 1792604409902, "operation_type": "access", "org": "example-org", "org_id": 7770001, "repo": "example-org/payments", "programmatic_access_type": "Personal access token (classic)", "token_id": 161195, "hashed_token": "k2v7ZG1ZtN4Qm9rXw3bYcJp8sE0aLf6HdU5iRoTgWqM=", "user_agent": "curl/8.7.1"}\n',
    '@timestamp,_document_id,action,actor,actor_id,actor_ip,actor_location.country_code,created_at,operation_type,org,org_id,repo,user,user_id,programmatic_access_type,token_id,hashed_token,user_agent\n1790932364318,qT3kXbVw0LmC8sZ1aYp4Rg,org.update_member,alice-example,5550101,,FR,1790932364318,modify,example-org,7770001,,bob-example,5550102,,,,"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36"\n1792484102114,Vn2pQe7HcR0dWm5tLk9ZsA,git.clone,carol-ng,5550103,198.51.100.23,US,1792484102114,access,example-org,7770001,example-org/payments,,,,,,\n',
  ],
  'okta/admin-roles': ['[{"id": "ra1helpdesk00000008", "label": "Help Desk Administrator", "type": "HELP_DESK_ADMIN", "status": "ACTIVE", "created": "2023-02-01T10:00:00.000Z", "lastUpdated": "2023-02-01T10:00:00.000Z", "assignmentType": "GROUP"}, {"id": "ra1appadmin00000008", "label": "Application Administrator", "type": "APP_ADMIN", "status": "INACTIVE", "created": "2022-07-01T10:00:00.000Z", "lastUpdated": "2022-07-01T10:00:00.000Z", "assignmentType": "USER"}]', '[]'],
  'okta/api-tokens': ['[{"name": "Terraform provider", "userId": "00u1alice00000000001", "tokenWindow": "PT720H", "id": "00T1terraform0000001", "clientName": "Okta API", "expiresAt": "2026-11-29T10:02:11.000Z", "created": "2026-08-14T10:02:11.000Z", "lastUpdated": "2026-08-14T10:02:11.000Z", "network": {"connection": "ZONE", "include": ["nzo1officenetwork001"]}}]'],
  'entra/directory-role-members': [
    '{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryRoles(members())", "value": [{"id": "9ed3a0c4-0000-4000-8000-000000000001", "deletedDateTime": null, "description": "Can manage all aspects of Microsoft Entra ID.", "displayName": "Global Administrator", "roleTemplateId": "62e90394-69f5-4237-9190-012177145e10", "members": [{"@odata.type": "#microsoft.graph.user", "id": "3c1d5e7f-0000-4000-8000-0000000000a1", "displayName": "Lee Park", "userPrincipalName": "lee@example.org"}]}]}',
  ],
  'entra/registration-details': [
    '{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#reports/authenticationMethods/userRegistrationDetails", "value": [{"id": "3c1d5e7f-0000-4000-8000-0000000000a1", "userPrincipalName": "lee@example.org", "userDisplayName": "Lee Park", "isAdmin": true, "isMfaRegistered": true, "isMfaCapable": true, "isPasswordlessCapable": false, "isSsprRegistered": false, "isSsprEnabled": true, "isSsprCapable": false, "methodsRegistered": ["mobilePhone", "passKeyDeviceBound"], "userPreferredMethodForSecondaryAuthentication": "sms", "systemPreferredAuthenticationMethods": [], "isSystemPreferredAuthenticationMethodEnabled": true, "userType": "member", "lastUpdatedDateTime": "2025-01-20T03:00:12.1234567Z"}]}',
  ],
  'entra/sign-ins': [
    '{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns", "value": [{"id": "66ea54eb-0000-4000-8000-000000000001", "createdDateTime": "2026-10-20T08:12:45.1234567Z", "userDisplayName": "Lee Park", "userPrincipalName": "lee@example.org", "userId": "3c1d5e7f-0000-4000-8000-0000000000a1", "appDisplayName": "Azure Portal", "ipAddress": "203.0.113.9", "isInteractive": true, "authenticationRequirement": "multiFactorAuthentication", "authenticationDetails": [{"authenticationStepDateTime": "2026-10-20T08:12:44Z", "authenticationMethod": "Password", "succeeded": true, "authenticationStepRequirement": "Primary authentication"}], "status": {"errorCode": 0, "failureReason": "Other.", "additionalDetails": null}}]}',
  ],
  'entra/users': [
    '{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName,accountEnabled,signInActivity)", "value": [{"id": "3c1d5e7f-0000-4000-8000-0000000000a1", "userPrincipalName": "lee@example.org", "displayName": "Lee Park", "mail": "lee@example.org", "otherMails": [], "accountEnabled": true, "userType": "Member", "createdDateTime": "2022-03-01T12:00:00Z", "employeeId": "E1", "signInActivity": {"lastSignInDateTime": "2024-10-02T07:45:10.6195833Z", "lastNonInteractiveSignInDateTime": null, "lastSuccessfulSignInDateTime": "2024-10-02T07:45:10Z"}}]}',
    '[{"businessPhones": [], "displayName": "Lee Park", "givenName": "Lee", "id": "3c1d5e7f-0000-4000-8000-0000000000a1", "jobTitle": null, "mail": "lee@example.org", "mobilePhone": null, "officeLocation": null, "preferredLanguage": null, "surname": "Park", "userPrincipalName": "lee@example.org"}]',
  ],
  'github/outside-collaborators': [
    '[[{"login": "contractor-kim", "id": 5550201, "node_id": "MDQ6VXNlcjU1NTAyMDE=", "type": "User", "user_view_type": "public", "site_admin": false}]]',
    '[]',
  ],
  'google-workspace/users': [
    '{"kind": "admin#directory#users", "etag": "\\"e1\\"", "users": [{"kind": "admin#directory#user", "id": "104200000000000000001", "primaryEmail": "lee@example.org", "name": {"givenName": "Lee", "familyName": "Park", "fullName": "Lee Park"}, "isAdmin": true, "isDelegatedAdmin": false, "lastLoginTime": "1970-01-01T00:00:00.000Z", "creationTime": "2026-05-04T10:15:00.000Z", "suspended": false, "archived": false, "emails": [{"address": "lee@example.org", "primary": true}], "externalIds": [{"value": "E1", "type": "organization"}], "isEnrolledIn2Sv": true, "isEnforcedIn2Sv": false}], "nextPageToken": "Q2hV"}',
  ],
  'google-workspace/gam-users': [
    'primaryEmail,archived,creationTime,emails.0.address,externalIds.0.type,externalIds.0.value,id,isAdmin,isDelegatedAdmin,isEnrolledIn2Sv,lastLoginTime,name.fullName,suspended\nlee@example.org,False,2026-05-04T10:15:00Z,lee@example.org,organization,E1,104200000000000000001,True,False,True,Never,Lee Park,False\n',
  ],
  'okta/factors': [
    '[{"id": "ostexample00000000001", "factorType": "token:software:totp", "provider": "GOOGLE", "vendorName": "GOOGLE", "status": "ACTIVE", "created": "2022-03-02T08:00:00.000Z", "lastUpdated": "2022-03-02T08:00:00.000Z", "profile": {"credentialId": "lee@example.org"}}]',
  ],
  'okta/system-log': [
    '[{"uuid": "5b0c2f7e-0000-11ef-8000-000000000001", "published": "2025-01-20T10:14:33.512Z", "eventType": "user.session.start", "version": "0", "severity": "INFO", "displayMessage": "User login to Okta", "outcome": {"result": "FAILURE", "reason": "INVALID_CREDENTIALS"}, "actor": {"id": "00uexampleuser00001", "type": "User", "alternateId": "lee@example.org", "displayName": "Lee Park"}, "client": {"ipAddress": "203.0.113.9"}, "target": []}]',
    '{"uuid": "5b0c2f7e-0000-11ef-8000-000000000002", "published": "2025-01-20T10:15:00.000Z", "eventType": "user.authentication.sso", "outcome": {"result": "SUCCESS", "reason": null}, "actor": {"id": "00uexampleuser00001", "type": "User", "alternateId": "lee@example.org", "displayName": "Lee Park"}, "client": {"ipAddress": "203.0.113.9"}, "target": [{"id": "0oa1", "type": "AppInstance", "alternateId": "Slack", "displayName": "Slack"}]}\n',
  ],
  'governance/exercises': [
    '- id: TTX-2026-04\n  date: 2026-04-20\n  kind: tabletop\n  scenario: [ransomware]\n  outcome: partial\n  actions:\n    - { id: A1, title: Keep an out-of-band contact list, owner: ciso@example.com, due: 2026-07-31, closed: "2026-08-02T09:00:00+02:00" }\n- id: RR-2026-10\n  date: 2026-10-08T09:00:00Z\n  kind: restore\n  outcome: succeeded\n  resource_type: RDS\n  rto_measured: 3.5h\n  rpo_measured: 45m\n',
    'exercise_id,date,kind,outcome,scenario,action_id,action_title,action_owner,action_due,action_closed\nTTX-1,2026-08-18,tabletop,succeeded,data-centre-loss;supplier-outage,OPS-640,Test DNS failover,it-ops@example.com,2026-09-30,\nTTX-1,2026-08-18,tabletop,succeeded,data-centre-loss;supplier-outage,OPS-641,Agree priorities,cto@example.com,2026-10-15,2026-10-15T18:00:00-04:00\n',
  ],
  'governance/recertification-csv': [
    'campaign,reviewer,subject,entitlement,decision,decided_at,due\nq3,kim@example.com,lee@example.org,vpn,revoke,2026-09-12T10:04:00Z,2026-09-30\nq3,,ivy@example.org,vpn,,,2026-09-30T17:00:00-07:00\n',
  ],
  'governance/recertification-entra': [
    '{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#decisions", "value": [{"id": "d1", "accessReviewId": "i1", "decision": "Deny", "reviewedDateTime": "2026-09-10T08:15:02.113Z", "reviewedBy": {"id": "r1", "displayName": "Kim", "userPrincipalName": "kim@contoso.com"}, "principal": {"@odata.type": "#microsoft.graph.userIdentity", "id": "p1", "displayName": "Lee", "userPrincipalName": "lee@contoso.com"}, "resource": {"id": "g1", "displayName": "Finance", "type": "group"}}]}',
    '{"id": "i1", "startDateTime": "2026-09-01T00:00:00Z", "endDateTime": "2026-09-30T23:59:59.997Z", "status": "Completed"}',
  ],
  'governance/recertification-okta': [
    '{"data": [{"id": "r1", "campaignId": "c1", "resourceId": "0oa1", "decision": "UNREVIEWED", "created": "2026-09-01T00:00:00.000Z", "principalProfile": {"id": "00u1", "login": "lee@example.org", "status": "ACTIVE", "type": "OKTA_USER"}}], "_links": {"self": {"href": "https://example.okta.com/governance/api/v1/reviews"}}}',
    '{"data": [], "_links": {"self": {"href": "https://example.okta.com/governance/api/v1/reviews"}}}',
  ],
  yaml: ['- system: payroll\n  quarter: 2026-Q3\n  signed_off: true\n- system: crm\n  quarter: 2026-Q3\n  signed_off: false\n'],
};

/** Where a source reads meaning into the file name (an Okta factor list is named by its user), a name it accepts. */
const INLINE_FILE_NAMES: Record<string, (index: number) => string> = {
  'okta/factors': (index) => `/fuzz/factors/00u1fuzz${String(index).padStart(12, '0')}.json`,
  'okta/admin-roles': (index) => `/fuzz/roles/00u1fuzz${String(index).padStart(12, '0')}.json`,
  'governance/exercises': (index) => `/fuzz/exercises.${index === 0 ? 'yaml' : 'csv'}`,
};

/** Every built-in source type with the texts of its example files. */
async function seeds(): Promise<Map<string, { source: Source; texts: SourceText[] }>> {
  const catalog = await loadCatalog(path.join(repoRoot, 'controls.example.yaml'));
  const byType = new Map<string, SourceText[]>();
  for (const declared of catalog.sources.values()) {
    const files = (await matchFiles(declared.patterns, catalog.dir)).filter((file) => !file.includes('CloudTrail-Digest')).slice(0, 3);
    const texts = await Promise.all(files.map(async (file) => (await readExportFile(file, { base: catalog.dir })).text));
    byType.set(declared.type, [...(byType.get(declared.type) ?? []), ...texts]);
  }
  for (const [type, texts] of Object.entries(INLINE_SEEDS)) {
    byType.set(type, texts.map((text, index) => ({ display: INLINE_FILE_NAMES[type]?.(index) ?? `/fuzz/${index}.${type}`, text })));
  }
  const loaded = new Map<string, { source: Source; texts: SourceText[] }>();
  for (const [type, load] of Object.entries(sourceLoaders)) {
    const texts = byType.get(type);
    if (!texts || texts.length === 0) throw new Error(`no seed export for source type ${type}: add one`);
    loaded.set(type, { source: (await load()).default, texts });
  }
  return loaded;
}

/** A change to a text: cut it short, insert or replace a span with noise or a JSON/CSV/YAML token, or repeat a span. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 40 }),
    with: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('"', ',', '{', '}', '[', ']', ':', '\n', '\r\n', '\u0000', '\ufeff', 'null', 'true', '-1', '1e400', '"2026-02-31T00:00:00Z"', '"\\ud800"', '&a', '*a', '!!js/function', '<<: *a'),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
    ),
  }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat({ max: 200 }) }),
  // In a JSON export: one value somewhere in the document replaced, so the text parses and validation is what is tried.
  fc.record({ kind: fc.constant('value' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), with: fc.jsonValue({ maxDepth: 2 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, change: Mutation): string {
  const at = Math.floor(change.at * text.length);
  if (change.kind === 'value') return replaceValue(text, change.at, change.with);
  if (change.kind === 'truncate') return text.slice(0, at);
  if (change.kind === 'replace') return text.slice(0, at) + change.with + text.slice(at + change.length);
  return text.slice(0, at + change.length) + text.slice(at, at + change.length) + text.slice(at + change.length);
}

/** The JSON text with its n-th value (n picked by `at` among all values, depth first) replaced; other texts unchanged. */
function replaceValue(text: string, at: number, replacement: unknown): string {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return text;
  }
  const slots: { holder: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach((item, index) => (slots.push({ holder: value, key: index }), walk(item)));
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) slots.push({ holder: value as Record<string, unknown>, key }), walk(item);
  };
  walk(document);
  const slot = slots[Math.floor(at * slots.length)];
  if (!slot) return JSON.stringify(replacement);
  (slot.holder as Record<string | number, unknown>)[slot.key] = replacement;
  return JSON.stringify(document, null, 2);
}

/** Reads `file` with `source` the way the engine does, views and coverage included. */
function readWith(source: Source, file: SourceText): void {
  if (source.kind === 'batch') {
    const records = source.read([file], source.params?.parse({}));
    for (const view of Object.values(source.views ?? {})) view?.(records);
    return;
  }
  for (const record of source.readFile(file)) {
    source.dispatchKey?.(record);
    source.coverage?.(record);
    for (const view of Object.values(source.views ?? {})) view?.(record);
  }
}

describe('every source, on mutated exports', { timeout: 120_000 }, () => {
  it('returns records or throws a UserError naming the file, never anything else', async () => {
    const loaded = [...(await seeds())];
    const pick = fc.constantFrom(...loaded.map(([type]) => type));
    fc.assert(
      fc.property(pick, fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (type, index, changes) => {
        const { source, texts } = loaded.find(([name]) => name === type)?.[1] ?? { source: undefined, texts: [] };
        const seed = texts[index % texts.length];
        if (!source || !seed) throw new Error(`no seed for ${type}`);
        const file: SourceText = { ...seed, text: changes.reduce(mutate, seed.text) };
        try {
          readWith(source, file);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          expect(error.position?.file.startsWith(seed.display)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
