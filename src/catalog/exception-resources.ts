import { UserError } from '../core/errors.js';
import type { LoadedControl } from './load-catalog.js';
import type { LoadedException } from './load-exceptions.js';

// picomatch (bash mode) syntax; `@(` and `+(` open extglobs, a lone `@` or `+` is literal (IAM names allow both).
const GLOB_SYNTAX = /[*?[\]{}()!\\]|[@+](?=\()/;
const ARN_SERVICE = /^arn:[^:]+:[^:]+:/;

/** The kind of id a control's findings carry: an ARN-service prefix and one full example. */
interface ResourceShape {
  prefix: string;
  example: string;
}

/** The text of a resource glob before its first wildcard or other glob syntax: every id it matches starts with it. */
export function literalPrefix(glob: string): string {
  const syntax = GLOB_SYNTAX.exec(glob);
  return syntax ? glob.slice(0, syntax.index) : glob;
}

/** `arn:aws:iam:` for `arn:aws:iam::123456789012:user/alice`; undefined for an id that is not an ARN. */
export function arnServicePrefix(example: string): string | undefined {
  return ARN_SERVICE.exec(example)?.[0];
}

/**
 * Whether an id starting with `prefix` can also start with the ARN-service prefix `shape`, as far as
 * `prefix` is written. Another partition of the same family (`aws-cn`, `aws-us-gov` for `aws`) is compatible.
 */
export function canStartWith(prefix: string, shape: string): boolean {
  const written = prefix.split(':');
  return shape
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

/**
 * A catalog error for each exception resource (id or glob) that cannot match any finding of its control,
 * judged by the `resourceExample` of the control's checks. A control with a check that declares no example
 * (or a non-ARN one) accepts any glob.
 */
export function exceptionResourceErrors(exceptions: readonly LoadedException[], controls: readonly LoadedControl[]): UserError[] {
  return exceptions.flatMap((exception) => {
    const control = controls.find((candidate) => candidate.spec.id === exception.spec.control);
    const shapes = control ? resourceShapes(control) : undefined;
    if (!shapes) return [];
    return (exception.spec.resources ?? []).flatMap((glob, index) => {
      if (shapes.some((shape) => canStartWith(literalPrefix(glob), shape.prefix))) return [];
      const prefixes = [...new Set(shapes.map((shape) => `"${shape.prefix}"`))].join(' or ');
      const example = shapes[0]?.example ?? '';
      return [
        new UserError(
          `Exception ${exception.spec.id} resource "${glob}" cannot match any finding of control ${exception.spec.control}: expected an id starting with ${prefixes}, like ${example}`,
          {
            position: exception.positionOf('resources', index),
            hint: 'Write the full resource id, or a glob that keeps that prefix (or starts with *).',
          },
        ),
      ];
    });
  });
}

/** The shapes of a control's findings, or undefined when any of its tests' checks has no known shape. */
function resourceShapes(control: LoadedControl): ResourceShape[] | undefined {
  // A test whose check did not resolve is reported on its own; without it the shapes are not all known.
  if (control.tests.length === 0 || control.tests.length !== control.spec.tests.length) return undefined;
  const shapes: ResourceShape[] = [];
  for (const test of control.tests) {
    const example = test.check.resourceExample;
    const prefix = example === undefined ? undefined : arnServicePrefix(example);
    if (example === undefined || prefix === undefined) return undefined;
    shapes.push({ prefix, example });
  }
  return shapes;
}
