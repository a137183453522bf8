// The grammar of AWS resource ids (ARNs), so an exception glob that can never match a finding is a catalog error.
import type { ResourceIdGrammar } from '../../kit/define-provider.js';

const ARN_SERVICE = /^arn:[^:]+:[^:]+:/;

/** `arn:aws:iam:` for `arn:aws:iam::123456789012:user/alice`; undefined for an id that is not an ARN. */
export function arnServicePrefix(example: string): string | undefined {
  return ARN_SERVICE.exec(example)?.[0];
}

/**
 * Whether an id starting with `literal` can also start with the ARN-service prefix `prefix`, as far as `literal`
 * is written. Another partition of the same family (`aws-cn`, `aws-us-gov` for `aws`) is compatible.
 */
export function canStartWith(literal: string, prefix: string): boolean {
  const written = literal.split(':');
  return prefix
    .split(':')
    .slice(0, 3)
    .every((wanted, index) => {
      const part = written[index];
      if (part === undefined) return true;
      const complete = index < written.length - 1;
      if (index === 1) {
        return complete ? part === wanted || part.startsWith(`${wanted}-`) : wanted.startsWith(part) || part.startsWith(wanted);
      }
      return complete ? part === wanted : wanted.startsWith(part);
    });
}

/** The account id in an ARN (`arn:aws:iam::210987654321:root` → `210987654321`), if it has one. */
export function accountOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

export const arnGrammar: ResourceIdGrammar = { prefixOf: arnServicePrefix, canStartWith };
