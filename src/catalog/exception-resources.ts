// Exception resource globs that can never match a finding of their control are catalog errors. What a resource
// id looks like is the provider's business (its `resourceIds` grammar); this file only knows glob syntax.
import { UserError } from '../core/errors.js';
import type { ResourceIdGrammar } from '../kit/define-provider.js';
import type { LoadedControl, LoadedException } from './model.js';

// picomatch (bash mode) syntax; `@(` and `+(` open extglobs, a lone `@` or `+` is literal (IAM names allow both).
const GLOB_SYNTAX = /[*?[\]{}()!\\]|[@+](?=\()/;

/** The kind of id a test's findings carry: its fixed prefix, one full example, and the grammar that judges it. */
interface ResourceShape {
  prefix: string;
  example: string;
  grammar: ResourceIdGrammar;
}

/** The text of a resource glob before its first wildcard or other glob syntax: every id it matches starts with it. */
export function literalPrefix(glob: string): string {
  const syntax = GLOB_SYNTAX.exec(glob);
  return syntax ? glob.slice(0, syntax.index) : glob;
}

/**
 * A catalog error for each exception resource (id or glob) that cannot match any finding of its control, judged
 * by the `resourceExample` of the control's checks and their provider's grammar. A control with a check that
 * declares no example, or whose provider has no grammar, accepts any glob.
 */
export function exceptionResourceErrors(
  exceptions: readonly LoadedException[],
  controls: readonly LoadedControl[],
  grammars: ReadonlyMap<string, ResourceIdGrammar>,
): UserError[] {
  return exceptions.flatMap((exception) => {
    const control = controls.find((candidate) => candidate.spec.id === exception.spec.control);
    const shapes = control ? resourceShapes(control, grammars) : undefined;
    if (!shapes) return [];
    return (exception.spec.resources ?? []).flatMap((glob, index) => {
      if (shapes.some((shape) => shape.grammar.canStartWith(literalPrefix(glob), shape.prefix))) return [];
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
function resourceShapes(control: LoadedControl, grammars: ReadonlyMap<string, ResourceIdGrammar>): ResourceShape[] | undefined {
  // A test whose check did not resolve is reported on its own; without it the shapes are not all known.
  if (control.tests.length === 0 || control.tests.length !== control.spec.tests.length) return undefined;
  const shapes: ResourceShape[] = [];
  for (const test of control.tests) {
    const example = test.check.resourceExample;
    const grammar = grammars.get(test.check.id);
    const prefix = example === undefined ? undefined : grammar?.prefixOf(example);
    if (example === undefined || grammar === undefined || prefix === undefined) return undefined;
    shapes.push({ prefix, example, grammar });
  }
  return shapes;
}
