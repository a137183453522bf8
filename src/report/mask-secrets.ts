/** What replaces a secret wherever a finding quotes data. */
export const MASK = '[masked]';

const SECRET_KEY_NAME = /(secret|password|passwd|pwd|token|credential|private[_-]?key|session[_-]?key|api[_-]?key|authorization)/i;
/** Keys about a secret rather than holding one: `password_last_used`, `PasswordEnabled`, `tokenExpiry`. */
const SECRET_METADATA = /(last|enabled|changed|rotat|age|policy|length|required|reuse|expir|present|used|date|time|count|type|status|id$|arn$)/i;

/** Secret-shaped text that can appear in exports: tokens and keys, never identifiers like AKIA… key ids. */
const SECRET_PATTERNS: readonly RegExp[] = [
  // key=value / key: value pairs whose key names a secret
  /\b((?:aws_)?(?:secret(?:_access)?_key|session_token|password|passwd|token|api[_-]?key|client_secret)\b["']?\s*[:=]\s*["']?)([^\s"',;]+)/gi,
  // HTTP bearer / basic credentials
  /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g,
  // JSON Web Tokens
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // AWS session tokens (long base64 starting with the STS prefixes)
  /\b(?:FwoGZXIvYXdzE|IQoJb3JpZ2luX2Vj)[A-Za-z0-9/+=]{20,}/g,
  // Private key blocks
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

/** Masks secrets in free text, keeping the label of a `key=value` pair readable. */
export function maskText(text: string): string {
  return SECRET_PATTERNS.reduce(
    (masked, pattern) =>
      masked.replace(pattern, (match: string, label: unknown) =>
        typeof label === 'string' && /[:=]\s*["']?$/.test(label) ? `${label}${MASK}` : `${typeof label === 'string' && /^(Bearer|Basic)$/.test(label) ? `${label} ` : ''}${MASK}`,
      ),
    text,
  );
}

/** Masks a value for a report: strings are scanned, and any value under a secret-named key is replaced. */
export function maskValue(value: unknown, key?: string): unknown {
  if (key !== undefined && SECRET_KEY_NAME.test(key) && !SECRET_METADATA.test(key) && value !== null && value !== undefined && typeof value !== 'boolean') return MASK;
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, maskValue(item, name)]));
  }
  return value;
}

/** A finding as a report shows it: its resource, message and details quote export data, so secrets in them are masked. */
export function maskFinding<F extends { resource: string; message: string; details?: Record<string, unknown> }>(finding: F): F {
  const masked = { ...finding, resource: maskText(finding.resource), message: maskText(finding.message) };
  if (finding.details) masked.details = Object.fromEntries(Object.entries(finding.details).map(([key, value]) => [key, maskValue(value, key)]));
  return masked;
}
