// Secrets that exports can hold (keys, tokens, passwords) never reach an output: every formatter's view and every
// line on stderr is masked here. The patterns follow the rule lists of gitleaks and secretlint.

/** What replaces a secret. */
export const MASK = '[masked]';

/** Words of a key that name a secret, with any separator or none: `api-key`, `apiKey`, `API_KEY`, `client.secret`. */
const SECRET_WORDS = String.raw`password|passwd|secret|token|api[-_.]?key|private[-_.]?key|session[-_.]?key|authorization`;
const SECRET_WORD = new RegExp(SECRET_WORDS, 'i');
/** Words of a key about a secret rather than holding one: `password_last_used`, `PasswordEnabled`, `TokenExpiry`, `SecretArn`. */
const METADATA_WORD = /^(?:last|used|enabled|chang\w*|rotat\w*|age|policy|length|required|reuse|expir\w*|present|date|time|timestamp|count|type|status|id|ids|arn|arns|name|created|updated)$/i;

/** The words of a key: `PasswordLastUsed`, `password_last_used` and `password-last-used` all give password, last, used. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
}

/** Whether a value under `key` is a secret: its name holds a secret word, and no word says it is only about one. */
export function isSecretKey(key: string): boolean {
  return SECRET_WORD.test(key) && !keyWords(key).some((word) => METADATA_WORD.test(word));
}

/** `Basic` credentials are base64 of `user:password`; the check keeps prose such as "basic authentication". */
function isBasicCredential(encoded: string): boolean {
  return /^[\x20-\x7e]*:[\x20-\x7e]*$/.test(Buffer.from(encoded, 'base64').toString('latin1'));
}

/** A bearer token is long or has characters that words do not, so "bearer tokens" in prose stays. */
function isBearerToken(token: string): boolean {
  return token.length >= 20 || (token.length >= 8 && /[0-9._~+/=]/.test(token));
}

/** An AWS secret access key: 40 characters of base64 in both cases, not a hex digest. */
function isAwsSecretShape(text: string): boolean {
  return /[A-Z]/.test(text) && /[a-z]/.test(text) && !/^[0-9a-f]+$/i.test(text);
}

/** `key=value`, `key: value`, `"key": "value"`, `key => 'value'` on one line, the key holding a secret word: quote, key, separator, value. */
const KEY_VALUE = new RegExp(
  String.raw`(?<![\w.-])(["']?)([\w.-]*?(?:${SECRET_WORDS})[\w.-]*)\1([ \t]*(?:=>|[:=])[ \t]*)("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|(?:(?:bearer|basic|digest|token|negotiate)\s+)?[^\s"',;&)}]+)`,
  'gi',
);

/** A `key=value` or `"key": "value"` pair whose key names a secret: the value is masked, keeping its quotes and auth scheme. */
function maskPair(match: string, quote: string, key: string, separator: string, value: string): string {
  if (!isSecretKey(key) || /^(?:true|false|null|""|'')$/i.test(value) || value.includes(MASK)) return match;
  const quoted = /^(["'])[\s\S]*\1$/.exec(value);
  const scheme = quoted ? '' : (/^(?:bearer|basic|digest|token|negotiate)\s+/i.exec(value)?.[0] ?? '');
  const masked = quoted ? `${quoted[1]}${MASK}${quoted[1]}` : `${scheme}${MASK}`;
  return `${quote}${key}${quote}${separator}${masked}`;
}

/**
 * Each rule finds one kind of secret; the replacer returns what stays. `needs` is what any match of the rule contains,
 * tested first: most strings that pass ANY_RULE hold one word of it (`#password` in a resource), not every rule's.
 */
const RULES: readonly { pattern: RegExp; needs: RegExp; replace: (match: string, ...groups: string[]) => string }[] = [
  { pattern: KEY_VALUE, needs: /[:=]/, replace: maskPair },
  // PEM private key blocks, to the end of the text when cut off before their END line
  {
    pattern: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$)/gi,
    needs: /-----begin/i,
    replace: () => MASK,
  },
  // The password of a URL's user:password@
  { pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)[^\s/?#]+(?=@)/gi, needs: /:\/\//, replace: (_match, kept) => `${kept}${MASK}` },
  // JSON Web Tokens
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, needs: /eyJ/, replace: () => MASK },
  // GitHub personal, OAuth, app, user-to-server and refresh tokens, and fine-grained personal access tokens
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, needs: /gh[pousr]_|github_pat_/, replace: () => MASK },
  // Slack tokens and webhook URLs
  { pattern: /\bxox[abeoprs]-[A-Za-z0-9-]{10,}/g, needs: /xox/, replace: () => MASK },
  { pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows)\/)[A-Za-z0-9+/_-]{20,}/g, needs: /:\/\//, replace: (_match, kept) => `${kept}${MASK}` },
  // AWS STS session tokens, by the prefixes STS gives them
  { pattern: /\b(?:IQoJb3JpZ2luX2V|FwoGZXIvYXdzE|FQoGZXIvYXdzE|AQoDYXdzE|AQoEXAMPLE)[A-Za-z0-9/+=]{20,}/g, needs: /IQoJ|FwoG|FQoG|AQo/, replace: () => MASK },
  // HTTP credentials after their scheme, in any case
  {
    pattern: /\b(bearer\s+)([A-Za-z0-9\-._~+/]+=*)/gi,
    needs: /bearer/i,
    replace: (match, scheme, token) => (isBearerToken(token) ? `${scheme}${MASK}` : match),
  },
  {
    pattern: /\b(basic\s+)([A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])/gi,
    needs: /basic/i,
    replace: (match, scheme, encoded) => (isBasicCredential(encoded) ? `${scheme}${MASK}` : match),
  },
  // An AWS secret access key shortly after the word secret: `SecretAccessKey wJalr…`, `secret key is wJalr…`
  {
    pattern: /(secret[\w\s"'.:=-]{0,24}?)(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    needs: /secret/i,
    replace: (match, before, key) => (isAwsSecretShape(key) ? `${before}${MASK}` : match),
  },
];

/** What every rule's match contains (keep it in step with RULES), tested first so most strings (ARNs, names, dates) are scanned once. */
const ANY_RULE = /password|passwd|secret|token|api[-_. ]?key|private|session|authorization|bearer|basic|:\/\/|eyJ|gh[pousr]_|github_pat_|xox|IQoJ|FwoG|FQoG|AQo/i;

/** `text` with every secret in it masked; identifiers such as access key ids (AKIA…) and ARNs stay. */
export function maskText(text: string): string {
  if (!ANY_RULE.test(text)) return text;
  return RULES.reduce((masked, rule) => (!rule.needs.test(masked) ? masked : masked.replace(rule.pattern, rule.replace)), text);
}

/** Keys repeat across records (`password_last_used` in every row), so each is masked once; bounded, since keys are data too. */
const maskedKeys = new Map<string, string>();

function maskKey(key: string): string {
  const known = maskedKeys.get(key);
  if (known !== undefined) return known;
  if (maskedKeys.size >= 10_000) maskedKeys.clear();
  const masked = maskText(key);
  maskedKeys.set(key, masked);
  return masked;
}

/**
 * `value` with every string masked, keys included. Under `byKey` (data such as a finding's details), a string or number
 * under a secret-named key is replaced whole; objects and lists under one are masked key by key, so the access key
 * id beside a secret key stays.
 */
function maskTree(value: unknown, byKey: boolean, key?: string): unknown {
  if (byKey && key !== undefined && isSecretKey(key) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint')) return MASK;
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return maskItems(value, byKey, key);
  if (value !== null && typeof value === 'object') return maskMembers(value, byKey);
  return value;
}

/**
 * Arrays and objects that masking returned, with how (`true`: by key too, which masks more). The engine masks a
 * report and every formatter masks its view again: what was masked before is not scanned twice. Reports are not
 * changed after they are built, so nothing unmasked can have been put into one since.
 */
const maskedAlready = new WeakMap<object, boolean>();

function wasMasked(value: object, byKey: boolean): boolean {
  const how = maskedAlready.get(value);
  return how === true || (how === false && !byKey);
}

function remember<T extends object>(value: T, byKey: boolean): T {
  if (maskedAlready.get(value) !== true) maskedAlready.set(value, byKey);
  return value;
}

// An array or object with nothing to mask is returned as it is: a report of 100,000 findings is then not copied
// twice (engine and formatter), which would cost more in garbage collection than the scan itself.
function maskItems(items: readonly unknown[], byKey: boolean, key: string | undefined): readonly unknown[] {
  // Under a secret-named key the items themselves are masked: such a list is never taken as masked already.
  const underSecret = byKey && key !== undefined && isSecretKey(key);
  if (!underSecret && wasMasked(items, byKey)) return items;
  let masked: unknown[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const shown = maskTree(item, byKey, key);
    if (shown !== item) masked ??= items.slice(0, index);
    masked?.push(shown);
  }
  return underSecret ? (masked ?? items) : remember(masked ?? items, byKey);
}

function maskMembers(members: object, byKey: boolean): object {
  if (wasMasked(members, byKey)) return members;
  const entries = Object.entries(members);
  let changed = Object.getPrototypeOf(members) !== Object.prototype;
  const shown = entries.map(([name, item]): [string, unknown] => {
    const entry: [string, unknown] = [maskKey(name), maskTree(item, byKey || name === 'details', name)];
    if (entry[0] !== name || entry[1] !== item) changed = true;
    return entry;
  });
  return remember(changed ? Object.fromEntries(shown) : members, byKey);
}

/** A value quoting data, masked: strings are scanned, and any string or number under a secret-named key is replaced. */
export function maskValue(value: unknown, key?: string): unknown {
  return maskTree(value, true, key);
}

/**
 * A report view as it may be shown: every string masked, and, inside findings' `details` (export data under the
 * export's own names), every value under a secret-named key. The view's own fields are masked by content only, so a
 * metric or input named after a secret keeps its value.
 */
export function maskView<V>(view: V): V;
export function maskView(view: unknown): unknown {
  return maskTree(view, false);
}
