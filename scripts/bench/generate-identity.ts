// The synthetic identity set of one organisation: an HR export of every person, the Okta user listings (both of
// them, 200 users a page, as the API pages them) with every user's factor list, the GitHub member listings (100 a
// page) with their 2fa_disabled and role=admin listings, credential authorizations, an alias table, a week of Okta
// System Log (JSON pages and NDJSON), the Entra users (Graph pages of 100 with signInActivity) with their registration
// details and directory roles, and a catalog binding them to the identity checks. Leavers who keep an account,
// and leavers who sign in after leaving, are seeded at known places so the audit's counts can be checked exactly.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom, uuid } from '../cloudtrail-events.js';
import { picker } from './generate-cloudtrail.js';
import { AS_OF, MB, type IdentityExpected, type IdentityManifest } from './set.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const AS_OF_MS = Date.parse(AS_OF);
/** The System Log covers the week before as-of: the export's default `--days 7`. */
const LOG_DAYS = 7;
const OKTA_PAGE = 200;
const GITHUB_PAGE = 100;
const LOG_PAGE_EVENTS = 1000;
/** The grace of identity/leaver-access in the bench catalog. */
const GRACE_MS = 24 * HOUR_MS;

const FIRST = ['Alice', 'Bruno', 'Carol', 'Dana', 'Emeka', 'Farah', 'Gina', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Mateo', 'Noor', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoltan'];
const LAST = ['Moreau', 'Silva', 'Ng', 'Okafor', 'Haddad', 'Ruiz', 'Tanaka', 'Costa', 'Berg', 'Yilmaz', 'Novak', 'Garcia', 'Rahman', 'Ivanova', 'Patel', 'Murphy', 'Lindqvist', 'Khan', 'Schmidt', 'Dubois'];
const DEPARTMENTS = ['Platform', 'Finance', 'Sales', 'Engineering', 'Support', 'People', 'Legal', 'Marketing', 'Data', 'Security'];

/** One person of the organisation, as HR knows them. */
export interface Person {
  index: number;
  employeeId: string;
  /** As HR writes it: some with capitals, which every join must ignore. */
  email: string;
  first: string;
  last: string;
  hired: number;
  /** Epoch ms the employment ends (for a date alone, the end of that day), or null while employed. */
  terminated: number | null;
  /** The termination cell as written: a date, or a date-time with a zone. */
  terminationText: string;
  manager: string;
}

/** What every account generator is given: the people, the seeded random source and where to write. */
export interface IdentityContext {
  people: readonly Person[];
  random: () => number;
  /** The identity set's folder; generators write under their own sub-folder. */
  dir: string;
  logBytes: number;
}

/** A source for the bench catalog, and the test inputs it is bound to. */
export interface CatalogSource {
  name: string;
  type: string;
  path: string;
  /** `accounts`: an identity/accounts input of the account checks; `signIns`: of activity-after-termination; `tokens`: of github/legacy-tokens. */
  role: 'accounts' | 'signIns' | 'tokens';
}

/** What one provider's generator wrote. */
export interface GeneratedProvider {
  sources: CatalogSource[];
  aliases: string[];
  /** People (by index) with an account this provider still lists as active. */
  activeAccounts: Set<number>;
  /** People (by index) with at least one account in this provider. */
  withAccount: Set<number>;
  /** Per leaver (by index): successful sign-in events after termination, each once. */
  signInsAfterTermination: Map<number, number>;
  counts: Record<string, number>;
}

type ProviderGenerator = (context: IdentityContext) => GeneratedProvider;

const isoDay = (time: number): string => new Date(time).toISOString().slice(0, 10);
const oktaTime = (time: number): string => new Date(time).toISOString();
const githubTime = (time: number): string => `${new Date(time).toISOString().slice(0, 19)}Z`;
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function base62(random: () => number, length: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let text = '';
  for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

/** Has left by as-of: the HR leavers source makes a record of them. */
export const hasLeft = (person: Person): boolean => person.terminated !== null && person.terminated <= AS_OF_MS;

function generatePeople(count: number, random: () => number): Person[] {
  const pick = picker(random);
  return Array.from({ length: count }, (_, index) => {
    const [first, last] = [pick(FIRST), pick(LAST)];
    const local = `${first}.${last}.${index}`;
    const email = `${random() < 0.1 ? local : local.toLowerCase()}@example.com`;
    const hired = AS_OF_MS - Math.floor((30 + random() * 3000) * DAY_MS);
    // About one in eight has left, over the past year; a few are yet to leave, after as-of.
    let terminated: number | null = null;
    let terminationText = '';
    if (random() < 0.12) {
      const at = Math.max(hired + DAY_MS, AS_OF_MS - Math.floor(random() * 365 * DAY_MS) + 14 * DAY_MS);
      if (random() < 0.8) {
        terminationText = isoDay(at);
        terminated = Date.parse(terminationText) + DAY_MS;
      } else {
        terminated = at - (at % 60_000);
        terminationText = `${new Date(terminated).toISOString().slice(0, 19)}Z`;
      }
    }
    return { index, employeeId: `E${pad(100_000 + index, 7)}`, email, first, last, hired, terminated, terminationText, manager: `manager.${index % 997}@example.com` };
  });
}

function writeHr(dir: string, people: readonly Person[], aliases: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  const rows = ['employee_id,email,name,status,hire_date,termination_date,department,manager_email'];
  for (const person of people) {
    const status = person.terminated === null ? 'active' : 'terminated';
    rows.push([person.employeeId, person.email, `${person.first} ${person.last}`, status, isoDay(person.hired), person.terminationText, DEPARTMENTS[person.index % DEPARTMENTS.length], person.manager].join(','));
  }
  writeFileSync(path.join(dir, 'people.csv'), `${rows.join('\n')}\n`);
  writeFileSync(path.join(dir, 'aliases.csv'), `${['person,provider,login', ...aliases].join('\n')}\n`);
}

/** Writes `items` as page files of `size` (`page-0001.json`, …), as an export script saves a paged listing; an empty listing is one empty page. */
function writePages(dir: string, items: readonly unknown[], size: number): number {
  mkdirSync(dir, { recursive: true });
  let pages = 0;
  for (let start = 0; start < Math.max(1, items.length); start += size) {
    pages += 1;
    writeFileSync(path.join(dir, `page-${pad(pages, 4)}.json`), JSON.stringify(items.slice(start, start + size)));
  }
  return pages;
}

// ---- Okta -------------------------------------------------------------------------------------------------------

interface OktaAccount {
  person: Person;
  id: string;
  login: string;
  status: string;
  lastLogin: number | null;
}

const FACTOR_SETS: readonly (readonly string[])[] = [
  ['webauthn', 'push'],
  ['push', 'token:software:totp'],
  ['signed_nonce'],
  ['push'],
  ['sms'],
  ['email'],
  [],
];
const FACTOR_WEIGHTS = [0.35, 0.3, 0.1, 0.1, 0.08, 0.04, 0.03];
const FACTOR_PROVIDERS: Readonly<Record<string, string>> = { webauthn: 'FIDO', push: 'OKTA', 'token:software:totp': 'GOOGLE', signed_nonce: 'OKTA', sms: 'OKTA', email: 'OKTA' };

function weighted<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  let roll = random();
  for (const [index, item] of items.entries()) {
    roll -= weights[index] ?? 0;
    if (roll < 0) return item;
  }
  const last = items.at(-1);
  if (last === undefined) throw new Error('cannot pick from an empty list');
  return last;
}

/** The status, status change and last sign-in of a person's Okta user: leavers mostly deprovisioned within hours, some forgotten. */
function oktaLifecycle(person: Person, random: () => number): { status: string; statusChanged: number; lastLogin: number | null } {
  const recent = (): number => AS_OF_MS - Math.floor(random() * 14 * DAY_MS);
  if (hasLeft(person) && person.terminated !== null) {
    const before = Math.max(person.hired, person.terminated - Math.floor(random() * 5 * DAY_MS));
    const roll = random();
    const changed = (hours: number): number => Math.min(AS_OF_MS - 60_000, person.terminated! + Math.floor(random() * hours * HOUR_MS));
    if (roll < 0.85) return { status: 'DEPROVISIONED', statusChanged: changed(48), lastLogin: before };
    if (roll < 0.93) return { status: 'SUSPENDED', statusChanged: changed(200), lastLogin: before };
    return { status: 'ACTIVE', statusChanged: person.hired + HOUR_MS, lastLogin: before };
  }
  const roll = random();
  if (roll < 0.01) return { status: 'STAGED', statusChanged: person.hired, lastLogin: null };
  if (roll < 0.02) return { status: 'PROVISIONED', statusChanged: person.hired, lastLogin: null };
  if (roll < 0.03) return { status: 'LOCKED_OUT', statusChanged: recent(), lastLogin: recent() };
  if (roll < 0.04) return { status: 'PASSWORD_EXPIRED', statusChanged: recent(), lastLogin: AS_OF_MS - Math.floor((20 + random() * 60) * DAY_MS) };
  if (roll < 0.09) return { status: 'ACTIVE', statusChanged: person.hired + HOUR_MS, lastLogin: AS_OF_MS - Math.floor((91 + random() * 300) * DAY_MS) };
  if (roll < 0.1) return { status: 'ACTIVE', statusChanged: person.hired + HOUR_MS, lastLogin: null };
  return { status: 'ACTIVE', statusChanged: person.hired + HOUR_MS, lastLogin: recent() };
}

function oktaUserJson(account: OktaAccount, lifecycle: ReturnType<typeof oktaLifecycle>, random: () => number): Record<string, unknown> {
  const { person } = account;
  const created = person.hired - 3 * DAY_MS;
  const activated = lifecycle.status === 'STAGED' ? null : oktaTime(created + 5 * 60_000);
  const lastUpdated = Math.max(lifecycle.statusChanged, lifecycle.lastLogin ?? 0, created + 10 * 60_000);
  return {
    id: account.id,
    status: lifecycle.status,
    created: oktaTime(created),
    activated,
    statusChanged: oktaTime(lifecycle.statusChanged),
    lastLogin: lifecycle.lastLogin === null ? null : oktaTime(lifecycle.lastLogin),
    lastUpdated: oktaTime(lastUpdated),
    passwordChanged: lifecycle.lastLogin === null ? null : oktaTime(Math.max(created, lastUpdated - Math.floor(random() * 200 * DAY_MS))),
    type: { id: 'otyexampletype000001' },
    profile: {
      firstName: person.first,
      lastName: person.last,
      mobilePhone: null,
      secondEmail: null,
      login: account.login,
      email: person.email.toLowerCase(),
      employeeNumber: person.index % 5 === 0 ? null : person.employeeId,
    },
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `https://example.okta.com/api/v1/users/${account.id}` } },
  };
}

function oktaFactorJson(userId: string, factorType: string, created: number, random: () => number): Record<string, unknown> {
  const id = `${{ webauthn: 'fwf', push: 'opf', 'token:software:totp': 'uft', signed_nonce: 'aen', sms: 'sms', email: 'emf' }[factorType] ?? 'fac'}${base62(random, 17)}`;
  const profile: Record<string, unknown> =
    factorType === 'webauthn' ? { credentialId: base62(random, 22), authenticatorName: 'YubiKey 5' }
    : factorType === 'sms' ? { phoneNumber: `+1-555-${pad(Math.floor(random() * 10_000), 4)}` }
    : factorType === 'email' ? { email: 'redacted@example.com' }
    : factorType === 'push' || factorType === 'signed_nonce' ? { name: 'iPhone', platform: 'IOS', version: '17.6' }
    : { credentialId: 'user@example.com' };
  return {
    id,
    factorType,
    provider: FACTOR_PROVIDERS[factorType] ?? 'OKTA',
    vendorName: FACTOR_PROVIDERS[factorType] ?? 'OKTA',
    status: random() < 0.02 ? 'PENDING_ACTIVATION' : 'ACTIVE',
    created: oktaTime(created),
    lastUpdated: oktaTime(created),
    profile,
    _links: { self: { href: `https://example.okta.com/api/v1/users/${userId}/factors/${id}` } },
  };
}

/** Okta: both user listings, a factor list per user, and the System Log of the week before as-of. */
function generateOkta(context: IdentityContext): GeneratedProvider {
  const { people, random, dir } = context;
  const oktaDir = path.join(dir, 'okta');
  const listed: Record<string, unknown>[] = [];
  const deprovisioned: Record<string, unknown>[] = [];
  const accounts: OktaAccount[] = [];
  const aliases: string[] = [];
  const activeAccounts = new Set<number>();
  const withAccount = new Set<number>();
  mkdirSync(path.join(oktaDir, 'export', 'factors'), { recursive: true });
  let factorFiles = 0;
  for (const person of people) {
    const id = `00u${base62(random, 17)}`;
    // A few log in with a username rather than their e-mail: the alias table (or the employee number) joins them.
    const username = person.index % 37 === 0;
    const login = username ? `${person.first}${person.last[0]}${person.index}`.toLowerCase() : person.email;
    if (username) aliases.push(`${person.email.toLowerCase()},okta,${login}`);
    const lifecycle = oktaLifecycle(person, random);
    const account: OktaAccount = { person, id, login, status: lifecycle.status, lastLogin: lifecycle.lastLogin };
    const json = oktaUserJson(account, lifecycle, random);
    (lifecycle.status === 'DEPROVISIONED' ? deprovisioned : listed).push(json);
    accounts.push(account);
    withAccount.add(person.index);
    if (['ACTIVE', 'PROVISIONED', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED'].includes(lifecycle.status)) activeAccounts.add(person.index);
    // export.sh writes the factor list of every user of both listings.
    const factors = weighted(random, FACTOR_SETS, FACTOR_WEIGHTS).map((type) => oktaFactorJson(id, type, person.hired + DAY_MS, random));
    writeFileSync(path.join(oktaDir, 'export', 'factors', `${id}.json`), JSON.stringify(factors));
    factorFiles += 1;
  }
  const userPages = writePages(path.join(oktaDir, 'export', 'users'), listed, OKTA_PAGE);
  const deprovisionedPages = writePages(path.join(oktaDir, 'export', 'deprovisioned'), deprovisioned, OKTA_PAGE);
  const log = generateSystemLog(path.join(oktaDir, 'system-log'), accounts, context);
  return {
    sources: [
      { name: 'okta-users', type: 'okta/users', path: 'okta/export/**/*.json', role: 'accounts' },
      { name: 'okta-log', type: 'okta/system-log', path: 'okta/system-log/*', role: 'signIns' },
    ],
    aliases,
    activeAccounts,
    withAccount,
    signInsAfterTermination: log.afterTermination,
    counts: { users: accounts.length, userPages, deprovisionedPages, factorFiles, logFiles: log.files, logEvents: log.events, logBytes: log.bytes },
  };
}

const USER_AGENT = { rawUserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', os: 'Mac OS X', browser: 'CHROME' };
const APPS = [
  { id: '0oa1awsapp0000000001', name: 'AWS IAM Identity Center' },
  { id: '0oa1slackapp00000002', name: 'Slack' },
  { id: '0oa1githubapp0000003', name: 'GitHub Enterprise Cloud' },
  { id: '0oa1workdayapp000004', name: 'Workday' },
  { id: '0oa1salesforce000005', name: 'Salesforce' },
];
const CITIES = [
  { city: 'Lisbon', state: 'Lisbon', country: 'Portugal', lat: 38.7223, lon: -9.1393 },
  { city: 'Berlin', state: 'Berlin', country: 'Germany', lat: 52.52, lon: 13.405 },
  { city: 'Austin', state: 'Texas', country: 'United States', lat: 30.2672, lon: -97.7431 },
  { city: 'Singapore', state: null, country: 'Singapore', lat: 1.3521, lon: 103.8198 },
];

interface LogEventFields {
  time: number;
  eventType: string;
  account: OktaAccount;
  result: string;
  reason: string | null;
  app: (typeof APPS)[number] | null;
}

const DISPLAY: Readonly<Record<string, string>> = {
  'user.session.start': 'User login to Okta',
  'user.authentication.sso': 'User single sign on to app',
  'user.authentication.auth_via_mfa': 'Authentication of user via MFA',
  'policy.evaluate_sign_on': 'Evaluation of sign-on policy',
  'user.session.end': 'User logout from Okta',
};

/** One System Log event as `GET /api/v1/logs` returns it. */
function logEvent({ time, eventType, account, result, reason, app }: LogEventFields, random: () => number): Record<string, unknown> {
  const city = CITIES[account.person.index % CITIES.length] ?? CITIES[0];
  const ip = `203.0.${113 + (account.person.index % 3)}.${account.person.index % 251}`;
  const request = `req${base62(random, 12)}`;
  const actor = { id: account.id, type: 'User', alternateId: account.login, displayName: `${account.person.first} ${account.person.last}`, detailEntry: null };
  return {
    actor,
    client: { userAgent: USER_AGENT, zone: 'null', device: 'Computer', id: null, ipAddress: ip, geographicalContext: { city: city?.city, state: city?.state, country: city?.country, postalCode: null, geolocation: { lat: city?.lat, lon: city?.lon } } },
    device: null,
    authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: `102${base62(random, 21)}` },
    displayMessage: DISPLAY[eventType] ?? eventType,
    eventType,
    outcome: { result, reason },
    published: oktaTime(time),
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    severity: result === 'SUCCESS' || result === 'ALLOW' ? 'INFO' : 'WARN',
    debugContext: { debugData: { requestId: request, requestUri: eventType === 'user.authentication.sso' ? `/app/${app?.id ?? ''}/sso/saml` : '/idp/idx/identify', url: '/idp/idx/identify?' } },
    legacyEventType: eventType === 'user.session.start' ? (result === 'SUCCESS' ? 'core.user_auth.login_success' : 'core.user_auth.login_failed') : null,
    transaction: { type: 'WEB', id: `txn${base62(random, 12)}`, detail: {} },
    uuid: uuid(random),
    version: '0',
    request: { ipChain: [{ ip, geographicalContext: null, version: 'V4', source: null }] },
    target: app === null ? [] : [{ id: app.id, type: 'AppInstance', alternateId: app.name, displayName: app.name, detailEntry: { signOnModeType: 'SAML_2_0' } }, { ...actor }],
  };
}

/** Ordinary traffic: sign-ins, MFA, policy evaluations and sign-outs by people still employed. */
function routineFields(random: () => number, time: number, account: OktaAccount): LogEventFields {
  const roll = random();
  const pick = picker(random);
  if (roll < 0.3) return { time, eventType: 'user.session.start', account, result: random() < 0.96 ? 'SUCCESS' : 'FAILURE', reason: null, app: null };
  if (roll < 0.6) return { time, eventType: 'user.authentication.sso', account, result: 'SUCCESS', reason: null, app: pick(APPS) };
  if (roll < 0.8) return { time, eventType: 'user.authentication.auth_via_mfa', account, result: 'SUCCESS', reason: null, app: null };
  if (roll < 0.9) return { time, eventType: 'policy.evaluate_sign_on', account, result: 'ALLOW', reason: 'Sign-on policy evaluation resulted in ALLOW', app: null };
  return { time, eventType: 'user.session.end', account, result: 'SUCCESS', reason: null, app: null };
}

/**
 * Seeded sign-ins of leavers: successful ones after termination by forgotten (still active) accounts, which the
 * audit must find, and decoys it must not count: failed attempts of deprovisioned leavers, and sign-ins of people
 * leaving this week from before they left.
 */
function seededSignIns(accounts: readonly OktaAccount[], from: number, random: () => number): { events: LogEventFields[]; afterTermination: Map<number, number> } {
  const pick = picker(random);
  const events: LogEventFields[] = [];
  const afterTermination = new Map<number, number>();
  const at = (start: number): number => start + Math.floor(random() * (AS_OF_MS - start));
  for (const account of accounts) {
    const { person } = account;
    // Seeded sign-ins fall before as-of, in the log's window.
    if (!hasLeft(person) || person.terminated === null || person.terminated > AS_OF_MS - HOUR_MS || account.login !== person.email) continue;
    if (account.status === 'ACTIVE' && random() < 0.4) {
      const count = 1 + Math.floor(random() * 4);
      for (let index = 0; index < count; index++) {
        const sso = random() < 0.5;
        events.push({ time: at(Math.max(from, person.terminated + 60_000)), eventType: sso ? 'user.authentication.sso' : 'user.session.start', account, result: 'SUCCESS', reason: null, app: sso ? pick(APPS) : null });
      }
      afterTermination.set(person.index, count);
    } else if (account.status === 'DEPROVISIONED' && random() < 0.02) {
      events.push({ time: at(Math.max(from, person.terminated + 60_000)), eventType: 'user.session.start', account, result: 'FAILURE', reason: 'INVALID_CREDENTIALS', app: null });
    } else if (person.terminated > from + DAY_MS && random() < 0.5) {
      events.push({ time: from + Math.floor(random() * (person.terminated - from - 60_000)), eventType: 'user.session.start', account, result: 'SUCCESS', reason: null, app: null });
    }
  }
  return { events, afterTermination };
}

/**
 * A week of System Log in time order, filled to `logBytes`: files of 1,000 events, three in four saved as the API's
 * JSON pages and every fourth as NDJSON, as a log shipper writes it.
 */
function generateSystemLog(dir: string, accounts: readonly OktaAccount[], { random, logBytes }: IdentityContext): { files: number; events: number; bytes: number; afterTermination: Map<number, number> } {
  mkdirSync(dir, { recursive: true });
  const from = AS_OF_MS - LOG_DAYS * DAY_MS;
  const employed = accounts.filter((account) => !hasLeft(account.person) && account.status !== 'STAGED' && account.status !== 'DEPROVISIONED');
  const pick = picker(random);
  const seeded = seededSignIns(accounts, from, random);
  const sample = JSON.stringify(logEvent(routineFields(random, from, pick(employed)), random)).length + 1;
  const fileCount = Math.max(2, Math.round(logBytes / (sample * LOG_PAGE_EVENTS)));
  const span = (AS_OF_MS - from - 1) / fileCount;
  const seededByFile = new Map<number, LogEventFields[]>();
  for (const event of seeded.events) {
    const file = Math.min(fileCount - 1, Math.floor((event.time - from) / span));
    seededByFile.set(file, [...(seededByFile.get(file) ?? []), event]);
  }
  let [events, bytes] = [0, 0];
  for (let file = 0; file < fileCount; file++) {
    const start = from + file * span;
    const fields: LogEventFields[] = [...(seededByFile.get(file) ?? [])];
    const routine = LOG_PAGE_EVENTS - fields.length;
    for (let index = 0; index < routine; index++) fields.push(routineFields(random, Math.floor(start + random() * span), pick(employed)));
    // Okta lists events in ascending `published` order.
    fields.sort((a, b) => a.time - b.time);
    const texts = fields.map((event) => JSON.stringify(logEvent(event, random)));
    const ndjson = file % 4 === 3;
    const text = ndjson ? `${texts.join('\n')}\n` : `[${texts.join(',')}]`;
    writeFileSync(path.join(dir, ndjson ? `okta-log-${pad(file + 1, 5)}.ndjson` : `page-${pad(file + 1, 5)}.json`), text);
    events += texts.length;
    bytes += Buffer.byteLength(text);
  }
  return { files: fileCount, events, bytes, afterTermination: seeded.afterTermination };
}

// ---- GitHub -----------------------------------------------------------------------------------------------------

function githubUserJson(login: string, id: number): Record<string, unknown> {
  const api = `https://api.github.com/users/${login}`;
  return {
    login, id, node_id: Buffer.from(`04:User${id}`).toString('base64'), avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`, gravatar_id: '', url: api, html_url: `https://github.com/${login}`,
    followers_url: `${api}/followers`, following_url: `${api}/following{/other_user}`, gists_url: `${api}/gists{/gist_id}`, starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`, organizations_url: `${api}/orgs`, repos_url: `${api}/repos`, events_url: `${api}/events{/privacy}`, received_events_url: `${api}/received_events`,
    type: 'User', user_view_type: 'public', site_admin: false,
  };
}

function credentialJson(login: string, credentialId: number, random: () => number): Record<string, unknown> {
  const authorized = AS_OF_MS - Math.floor(random() * 1500 * DAY_MS);
  const accessed = random() < 0.1 ? null : Math.min(AS_OF_MS - 60_000, authorized + Math.floor(random() * (AS_OF_MS - authorized)));
  if (random() < 0.3) {
    return {
      login, credential_id: credentialId, credential_type: 'SSH key', credential_authorized_at: githubTime(authorized), credential_accessed_at: accessed === null ? null : githubTime(accessed),
      authorized_credential_id: 20_000_000 + credentialId, authorized_credential_title: `laptop-${credentialId}`, fingerprint: `SHA256:${base62(random, 43)}`,
    };
  }
  const scopes = weighted(random, [['repo', 'admin:org', 'workflow'], ['repo', 'read:org'], ['read:packages'], ['write:packages', 'read:org']], [0.15, 0.5, 0.2, 0.15]);
  return {
    login, credential_id: credentialId, credential_type: 'personal access token', token_last_eight: base62(random, 8).toLowerCase(), credential_authorized_at: githubTime(authorized),
    credential_accessed_at: accessed === null ? null : githubTime(accessed), authorized_credential_id: 10_000_000 + credentialId, authorized_credential_note: `token ${credentialId}`,
    authorized_credential_expires_at: random() < 0.4 ? null : githubTime(authorized + 90 * DAY_MS), scopes,
  };
}

/** GitHub: one member in five of the people (the engineers), leavers mostly removed, and the filtered listings. */
function generateGithub({ people, random, dir }: IdentityContext): GeneratedProvider {
  const githubDir = path.join(dir, 'github');
  const memberCount = Math.min(20_000, Math.round(people.length / 5));
  const members: Record<string, unknown>[] = [];
  const without2fa: Record<string, unknown>[] = [];
  const owners: Record<string, unknown>[] = [];
  const credentials: Record<string, unknown>[] = [];
  const aliases: string[] = [];
  const activeAccounts = new Set<number>();
  for (let member = 0; member < memberCount; member++) {
    const person = people[Math.floor((member * people.length) / memberCount)];
    if (person === undefined) continue;
    // Leavers are mostly removed from the organisation; one in ten is forgotten.
    if (hasLeft(person) && random() < 0.9) continue;
    const login = `${person.first}-${person.last}-${person.index}`.toLowerCase();
    const user = githubUserJson(login, 10_000_000 + person.index);
    members.push(user);
    activeAccounts.add(person.index);
    aliases.push(`${person.email.toLowerCase()},github,${login}`);
    if (random() < 0.02) without2fa.push(user);
    if (members.length % 500 === 1) owners.push(user);
    if (random() < 0.25) credentials.push(credentialJson(login, 100_000 + member, random));
  }
  const memberPages = writePages(path.join(githubDir, 'members'), members, GITHUB_PAGE);
  writePages(path.join(githubDir, 'members-2fa-disabled'), without2fa, GITHUB_PAGE);
  writePages(path.join(githubDir, 'members-role-admin'), owners, GITHUB_PAGE);
  writePages(path.join(githubDir, 'credential-authorizations'), credentials, GITHUB_PAGE);
  return {
    sources: [
      { name: 'github-members', type: 'github/members', path: 'github/members*/*.json', role: 'accounts' },
      { name: 'github-credentials', type: 'github/credential-authorizations', path: 'github/credential-authorizations/*.json', role: 'tokens' },
    ],
    aliases,
    activeAccounts,
    withAccount: new Set(activeAccounts),
    signInsAfterTermination: new Map(),
    counts: { members: members.length, memberPages, without2fa: without2fa.length, owners: owners.length, credentials: credentials.length },
  };
}

// ---- Entra ----------------------------------------------------------------------------------------------------

/** Graph's page size for users with `signInActivity` selected (its $top is at most 120 then). */
const ENTRA_USER_PAGE = 100;
const ENTRA_REGISTRATION_PAGE = 1000;
const GRAPH = 'https://graph.microsoft.com/v1.0';
const ENTRA_USER_SELECT = 'id,userPrincipalName,displayName,mail,otherMails,accountEnabled,userType,createdDateTime,employeeId,signInActivity';
const METHOD_SETS: readonly (readonly string[])[] = [
  ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'],
  ['passKeyDeviceBound', 'microsoftAuthenticatorPush'],
  ['windowsHelloForBusiness', 'microsoftAuthenticatorPush'],
  ['microsoftAuthenticatorPush'],
  ['mobilePhone'],
  ['email', 'securityQuestion'],
  [],
];
const METHOD_WEIGHTS = [0.35, 0.2, 0.15, 0.15, 0.08, 0.04, 0.03];

/** A Graph date-time: whole seconds, or the 7 fractional digits Graph writes for sign-in times. */
const graphTime = (time: number, random: () => number): string =>
  random() < 0.5 ? `${new Date(time).toISOString().slice(0, 19)}Z` : `${new Date(time).toISOString().slice(0, 19)}.${pad(Math.floor(random() * 10_000_000), 7)}Z`;

function entraGuid(random: () => number): string {
  const hex = (length: number): string => Array.from({ length }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

/** Enabled, disabled or deleted (a deleted user leaves the listing): leavers mostly disabled or deleted, a few forgotten. */
function entraState(person: Person, random: () => number): 'enabled' | 'disabled' | 'deleted' {
  if (!hasLeft(person)) return random() < 0.01 ? 'disabled' : 'enabled';
  const roll = random();
  return roll < 0.55 ? 'disabled' : roll < 0.9 ? 'deleted' : 'enabled';
}

/** The `signInActivity` of a user: interactive and non-interactive sign-ins, and the last successful one; null for one who never signed in. */
function signInActivity(person: Person, enabled: boolean, random: () => number): Record<string, unknown> | null {
  if (random() < 0.03) return null;
  const end = person.terminated !== null && person.terminated <= AS_OF_MS ? person.terminated : AS_OF_MS;
  const idle = enabled && random() < 0.05 ? (91 + random() * 300) * DAY_MS : random() * 10 * DAY_MS;
  const last = Math.max(person.hired, end - Math.floor(idle));
  const nonInteractive = random() < 0.6 ? Math.max(person.hired, last - Math.floor(random() * DAY_MS)) : null;
  const request = (): string => entraGuid(random);
  return {
    lastSignInDateTime: graphTime(last, random),
    lastSignInRequestId: request(),
    lastNonInteractiveSignInDateTime: nonInteractive === null ? null : graphTime(nonInteractive, random),
    lastNonInteractiveSignInRequestId: nonInteractive === null ? null : request(),
    lastSuccessfulSignInDateTime: graphTime(last, random),
    lastSuccessfulSignInRequestId: request(),
  };
}

/** Pages of a Graph listing as export.sh saves them: `@odata.context`, `value`, and `@odata.nextLink` on every page but the last. */
function writeGraphPages(dir: string, context: string, next: string, items: readonly unknown[], size: number): number {
  mkdirSync(dir, { recursive: true });
  let pages = 0;
  for (let start = 0; start < Math.max(1, items.length); start += size) {
    pages += 1;
    const last = start + size >= items.length;
    const page = { '@odata.context': context, value: items.slice(start, start + size), ...(last ? {} : { '@odata.nextLink': `${next}&$skiptoken=${Buffer.from(`page-${pages}`).toString('base64')}` }) };
    writeFileSync(path.join(dir, `page-${pad(pages, 4)}.json`), JSON.stringify(page));
  }
  return pages;
}

/** Entra: every person's user (GET /users with signInActivity), their registration details, and the directory roles with members. */
function generateEntra({ people, random, dir }: IdentityContext): GeneratedProvider {
  const entraDir = path.join(dir, 'entra');
  const users: Record<string, unknown>[] = [];
  const registrations: Record<string, unknown>[] = [];
  const admins: { id: string; displayName: string; mail: string; userPrincipalName: string }[] = [];
  const activeAccounts = new Set<number>();
  const withAccount = new Set<number>();
  for (const person of people) {
    const state = entraState(person, random);
    if (state === 'deleted') continue;
    const id = entraGuid(random);
    const upn = person.email.toLowerCase();
    const displayName = `${person.first} ${person.last}`;
    const enabled = state === 'enabled';
    users.push({
      id,
      userPrincipalName: upn,
      displayName,
      mail: person.index % 50 === 0 ? null : upn,
      otherMails: person.index % 23 === 0 ? [`${person.first}.${person.last}.${person.index}@partner.example`.toLowerCase()] : [],
      accountEnabled: enabled,
      userType: 'Member',
      createdDateTime: `${new Date(person.hired - 3 * DAY_MS).toISOString().slice(0, 19)}Z`,
      employeeId: person.index % 7 === 0 ? null : person.employeeId,
      signInActivity: signInActivity(person, enabled, random),
    });
    withAccount.add(person.index);
    if (enabled) activeAccounts.add(person.index);
    const methods = weighted(random, METHOD_SETS, METHOD_WEIGHTS);
    const isAdmin = person.index % 1000 === 1;
    if (isAdmin) admins.push({ id, displayName, mail: upn, userPrincipalName: upn });
    registrations.push({
      id,
      userPrincipalName: upn,
      userDisplayName: displayName,
      userType: 'member',
      isAdmin,
      isSsprRegistered: methods.length > 0,
      isSsprEnabled: true,
      isSsprCapable: methods.length > 0,
      isMfaRegistered: methods.some((method) => method !== 'securityQuestion'),
      isMfaCapable: methods.some((method) => method !== 'securityQuestion'),
      isPasswordlessCapable: methods.some((method) => method.startsWith('passKey') || method === 'windowsHelloForBusiness'),
      isSystemPreferredAuthenticationMethodEnabled: true,
      lastUpdatedDateTime: '2026-10-31T03:00:12.1234567Z',
      methodsRegistered: methods,
      systemPreferredAuthenticationMethods: methods.includes('microsoftAuthenticatorPush') ? ['push'] : [],
      userPreferredMethodForSecondaryAuthentication: methods.includes('microsoftAuthenticatorPush') ? 'push' : 'none',
    });
  }
  const exportDir = path.join(entraDir, 'export');
  const userPages = writeGraphPages(path.join(exportDir, 'users'), `${GRAPH}/$metadata#users(${ENTRA_USER_SELECT})`, `${GRAPH}/users?$select=${ENTRA_USER_SELECT}`, users, ENTRA_USER_PAGE);
  const registrationPages = writeGraphPages(
    path.join(exportDir, 'registration-details'),
    `${GRAPH}/$metadata#reports/authenticationMethods/userRegistrationDetails`,
    `${GRAPH}/reports/authenticationMethods/userRegistrationDetails?$top=${ENTRA_REGISTRATION_PAGE}`,
    registrations,
    ENTRA_REGISTRATION_PAGE,
  );
  const member = (admin: (typeof admins)[number]): Record<string, unknown> => ({
    '@odata.type': '#microsoft.graph.user', id: admin.id, businessPhones: [], displayName: admin.displayName, givenName: null, jobTitle: null, mail: admin.mail,
    mobilePhone: null, officeLocation: null, preferredLanguage: null, surname: null, userPrincipalName: admin.userPrincipalName,
  });
  const roles = [
    { id: '9ed3a0c4-0000-4000-8000-000000000001', deletedDateTime: null, description: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.', displayName: 'Global Administrator', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10', members: admins.slice(0, 5).map(member) },
    { id: '9ed3a0c4-0000-4000-8000-000000000002', deletedDateTime: null, description: 'Can manage all aspects of users and groups, including resetting passwords for limited admins.', displayName: 'User Administrator', roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', members: admins.slice(5, 20).map(member) },
  ];
  // Fewer members than $expand returns (20) per role; the other admins hold theirs through groups, which only isAdmin shows.
  writeGraphPages(path.join(exportDir, 'directory-roles'), `${GRAPH}/$metadata#directoryRoles(members())`, `${GRAPH}/directoryRoles?$expand=members`, roles, 100);
  return {
    sources: [{ name: 'entra-users', type: 'entra/users', path: 'entra/export/**/*.json', role: 'accounts' }],
    aliases: [],
    activeAccounts,
    withAccount,
    signInsAfterTermination: new Map(),
    counts: { users: users.length, userPages, registrationPages, admins: admins.length },
  };
}

/**
 * The account providers of the set, each writing its exports and telling what it seeded; each is bound to the
 * identity checks by the catalog and counted in the expected findings.
 */
export const PROVIDER_GENERATORS: readonly { name: string; generate: ProviderGenerator }[] = [
  { name: 'okta', generate: generateOkta },
  { name: 'github', generate: generateGithub },
  { name: 'entra', generate: generateEntra },
];

const yamlList = (names: readonly string[]): string => `[${names.join(', ')}]`;

/** The bench catalog: every identity check over every generated source of its kind. */
function catalogText(providers: readonly GeneratedProvider[]): string {
  const sources = providers.flatMap((provider) => provider.sources);
  const named = (role: CatalogSource['role']): string[] => sources.filter((source) => source.role === role).map((source) => source.name);
  const accounts = yamlList(named('accounts'));
  const test = (check: string, body: string): string => `      - check: ${check}\n${body}`;
  const control = (id: string, title: string, tests: string[]): string =>
    `  - id: ${id}\n    title: ${title}\n    owner: it-identity@example.com\n    risk: high\n    function: prevent\n    mappings:\n      soc2: [CC6.2]\n    tests:\n${tests.join('')}`;
  return [
    '# Written by scripts/bench/generate-identity.ts: the identity audit of the bench.',
    'version: 1',
    'name: Bench — identity of a large organisation',
    'sources:',
    '  hr-leavers:\n    type: hr/leavers\n    path: hr/people.csv',
    '  hr-aliases:\n    type: hr/aliases\n    path: hr/aliases.csv',
    ...sources.map((source) => `  ${source.name}:\n    type: ${source.type}\n    path: '${source.path}'`),
    'controls:',
    control('PPL-01', 'Leavers lose all access within 24 hours', [
      test('identity/leaver-access', `        inputs:\n          leavers: hr-leavers\n          aliases: hr-aliases\n          accounts: ${accounts}\n        params:\n          grace: 24h\n`),
      test('identity/activity-after-termination', `        inputs:\n          signIns: ${yamlList(named('signIns'))}\n          leavers: hr-leavers\n          aliases: hr-aliases\n`),
    ]),
    control('PPL-02', 'MFA on every account', [
      test('identity/mfa-enrolled', `        inputs:\n          accounts: ${accounts}\n        params:\n          allow_weak: false\n`),
      test('identity/admins-phishing-resistant-mfa', `        inputs:\n          accounts: ${accounts}\n`),
    ]),
    control('PPL-03', 'No dormant accounts', [test('identity/dormant-accounts', `        inputs:\n          accounts: ${accounts}\n        params:\n          max_idle: 90d\n          grace: 30d\n`)]),
    control('PPL-04', 'No legacy tokens', named('tokens').map((name) => test('github/legacy-tokens', `        source: ${name}\n        params:\n          max_age: 90d\n          max_idle: 90d\n`))),
    '',
  ].join('\n');
}

/** Leaver counts the audit must reproduce, from what every provider seeded. */
function expectedOf(people: readonly Person[], providers: readonly GeneratedProvider[]): IdentityExpected {
  const records = people.filter((person) => person.terminated !== null);
  const left = people.filter(hasLeft);
  const judged = left.filter((person) => (person.terminated ?? 0) < AS_OF_MS - GRACE_MS);
  const active = judged.filter((person) => providers.some((provider) => provider.activeAccounts.has(person.index)));
  const unmatched = judged.filter((person) => !providers.some((provider) => provider.withAccount.has(person.index)));
  const after = new Map<number, number>();
  for (const provider of providers) for (const [person, count] of provider.signInsAfterTermination) after.set(person, (after.get(person) ?? 0) + count);
  return {
    leavers: records.length,
    leaversWithActiveAccounts: active.length,
    leaversWithoutAccounts: unmatched.length,
    leaversInGrace: records.length - judged.length,
    leaversActiveAfterTermination: after.size,
    signInsAfterTermination: [...after.values()].reduce((sum, count) => sum + count, 0),
  };
}

/** Writes the identity set of `peopleCount` people into `dir`; the same seed and sizes always give the same files. */
export function generateIdentity(dir: string, seed: number, peopleCount: number, logMb: number): Omit<IdentityManifest, 'version'> {
  const random = seededRandom(seed + 2000);
  const people = generatePeople(peopleCount, random);
  const context: IdentityContext = { people, random, dir, logBytes: logMb * MB };
  const providers = PROVIDER_GENERATORS.map(({ generate }) => generate(context));
  writeHr(path.join(dir, 'hr'), people, providers.flatMap((provider) => provider.aliases));
  writeFileSync(path.join(dir, 'catalog.yaml'), catalogText(providers));
  const counts = Object.fromEntries(PROVIDER_GENERATORS.map(({ name }, index) => [name, providers[index]?.counts ?? {}]));
  return { seed, people: peopleCount, logMb, hrRows: people.length, aliases: providers.reduce((sum, provider) => sum + provider.aliases.length, 0), counts, expected: expectedOf(people, providers) };
}
