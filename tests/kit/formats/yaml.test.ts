import { describe, expect, it } from 'vitest';
import { parseYamlFile } from '../../../src/kit/formats/yaml.js';
import { MAX_ALIAS_VALUES, MAX_YAML_DEPTH } from '../../../src/kit/formats/yaml-limits.js';
import { thrownUserError } from '../../support/errors.js';

const parse = (text: string): unknown => parseYamlFile(text, 'f.yaml').value;
const located = (text: string): string => thrownUserError(() => parse(text)).located;

/** Five levels of anchors, each an alias of the one before ten times: 10^6 values once expanded. */
const BILLION_LAUGHS = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  ...['b', 'c', 'd', 'e', 'f'].map((name, index) => `${name}: &${name} [${Array(10).fill(`*${'abcde'[index]}`).join(', ')}]`),
].join('\n');

describe('parseYamlFile', () => {
  it('reads the core schema: dates and yes stay strings, aliases repeat their anchor', () => {
    expect(parse('when: 2026-01-10\nok: yes\nowner: &o sec@example.com\nagain: *o\nlist: [1, 2.5, null, true]\n')).toEqual({
      when: '2026-01-10',
      ok: 'yes',
      owner: 'sec@example.com',
      again: 'sec@example.com',
      list: [1, 2.5, null, true],
    });
  });

  it('knows where each value came from', () => {
    const file = parseYamlFile('controls:\n  - id: A\n    risk: high\n', 'f.yaml');
    expect(file.positionOf(['controls', 0, 'risk'])).toEqual({ file: 'f.yaml', line: 3, col: 11 });
    expect(file.positionOf(['controls', 0], 'risk')).toEqual({ file: 'f.yaml', line: 3, col: 5 });
  });

  it('reads core tags that fit their value, and rejects one that does not', () => {
    expect(parse('a: !!str 12\nb: !!int "7"\nc: !!map {x: 1}\n')).toEqual({ a: '12', b: 7, c: { x: 1 } });
    expect(located('n: !!int abc\n')).toBe('f.yaml:1:4: Invalid value for tag !!int');
  });

  it.each([
    ['!!js/function', 'run: !!js/function "function () { return 1 }"\n', 'f.yaml:1:6'],
    ['!vault', 'password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n', 'f.yaml:1:11'],
    ['!custom', 'x:\n  - !custom {a: 1}\n', 'f.yaml:2:5'],
    ['!!timestamp', 'x: !!timestamp 2026-01-10\n', 'f.yaml:1:4'],
    ['!!binary', 'x: !!binary aGVsbG8=\n', 'f.yaml:1:4'],
  ])('rejects the tag %s at its position', (tag, text, at) => {
    expect(located(text)).toBe(`${at}: Unsupported tag ${tag}: only the tags of the YAML 1.2 core schema are read`);
  });

  it('names a merge key instead of reading << as an ordinary key; a quoted "<<" is one', () => {
    const error = thrownUserError(() => parse('base: &base {owner: sec}\ncontrol:\n  <<: *base\n  id: A\n'));
    expect(error.located).toBe('f.yaml:3:3: Unsupported merge key <<: YAML 1.2 has no merge keys');
    expect(error.hint).toContain('Write the keys out in each mapping');
    expect(parse('x:\n  "<<": 1\n')).toEqual({ x: { '<<': 1 } });
  });

  it('rejects an alias bomb at the alias that crosses the limit, without expanding it', () => {
    const error = thrownUserError(() => parse(BILLION_LAUGHS));
    expect(error.message).toBe(`Excessive aliasing: aliases expand this file by more than ${MAX_ALIAS_VALUES} values`);
    expect(error.position).toMatchObject({ file: 'f.yaml', line: 5 });
  });

  it('accepts aliases that add a few thousand values', () => {
    const owners = Array.from({ length: 2000 }, (_, index) => `  - {id: C-${index}, owner: *o}`).join('\n');
    expect((parse(`owner: &o {team: sec, mail: sec@example.com}\ncontrols:\n${owners}\n`) as { controls: unknown[] }).controls).toHaveLength(2000);
  });

  it('rejects an unknown alias and an alias inside its own anchor as located errors', () => {
    expect(located('a: 1\nb: *nope\n')).toBe('f.yaml:2:4: Unknown alias *nope: no anchor &nope comes before it');
    expect(located('a: &a [1, *a]\n')).toBe('f.yaml:1:11: Invalid alias *a: it refers to a value that contains it');
  });

  it(`rejects nesting deeper than ${MAX_YAML_DEPTH} levels, in flow and block style and through an alias`, () => {
    const depth = MAX_YAML_DEPTH + 1;
    expect(located(`${'['.repeat(depth)}${']'.repeat(depth)}`)).toBe(`f.yaml:1:${depth}: Too deeply nested: more than ${MAX_YAML_DEPTH} levels of lists and mappings`);
    const block = `${Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}k:`).join('\n')} 1\n`;
    expect(located(block)).toBe(`f.yaml:${depth}:${2 * MAX_YAML_DEPTH + 1}: Too deeply nested: more than ${MAX_YAML_DEPTH} levels of lists and mappings`);
    const half = Math.ceil(depth / 2);
    const aliased = `a: &a ${'['.repeat(half)}${']'.repeat(half)}\nb: ${'['.repeat(half)}*a${']'.repeat(half)}\n`;
    expect(located(aliased)).toBe(`f.yaml:2:${half + 4}: Too deeply nested: more than ${MAX_YAML_DEPTH} levels of lists and mappings once alias *a is expanded`);
    expect(parse(`${'['.repeat(MAX_YAML_DEPTH)}${']'.repeat(MAX_YAML_DEPTH)}`)).toBeDefined();
  });

  it('stops a million open brackets at the depth limit instead of building them', () => {
    expect(located('['.repeat(1_000_000))).toBe(`f.yaml:1:${MAX_YAML_DEPTH + 1}: Too deeply nested: more than ${MAX_YAML_DEPTH} levels of lists and mappings`);
  });

  it('rejects a second document at its separator', () => {
    expect(located('a: 1\n---\nb: 2\n')).toBe('f.yaml:2:1: Invalid YAML: more than one document in the file');
  });
});
