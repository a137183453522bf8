import { describe, expect, it } from 'vitest';
import yaml from '../../../../src/providers/generic/sources/yaml.js';
import { thrownUserError } from '../../../support/errors.js';


const read = (text: string): unknown[] => yaml.read([{ display: 'bindings.yaml', text }]);

describe('yaml source', () => {
  it('is registered as type yaml', () => {
    expect(yaml.type).toBe('yaml');
  });

  it('yields the items of a top-level list, concatenated over files', () => {
    const records = yaml.read([
      { display: 'a.yaml', text: '- name: alice\n  groups: [admins]\n- name: bob\n' },
      { display: 'b.yaml', text: '- name: carol\n' },
    ]);
    expect(records).toEqual([{ name: 'alice', groups: ['admins'] }, { name: 'bob' }, { name: 'carol' }]);
  });

  it('yields a mapping as one record', () => {
    expect(read('kind: ClusterRoleBinding\nsubjects:\n  - kind: User\n    name: dana\n')).toEqual([
      { kind: 'ClusterRoleBinding', subjects: [{ kind: 'User', name: 'dana' }] },
    ]);
  });

  it('uses the core schema: dates stay strings, yes stays a string', () => {
    expect(read('approved: 2026-01-10\nenabled: yes\ncount: 3\n')).toEqual([{ approved: '2026-01-10', enabled: 'yes', count: 3 }]);
  });

  it('never runs or builds from a tag: a tag outside the core schema is an error at its position', () => {
    expect(thrownUserError(() => read('- name: alice\n  run: !!js/function "function () { return 1 }"\n')).located).toBe(
      'bindings.yaml:2:8: Unsupported tag !!js/function: only the tags of the YAML 1.2 core schema are read',
    );
  });

  it('rejects alias bombs and over-deep nesting at their position', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdef'.split('').map((name, index) => `${name}: &${name} [${Array(10).fill(`*${'abcdef'[index]}`).join(', ')}]`)];
    expect(thrownUserError(() => read(`${laughs.join('\n')}\n`)).message).toBe('Excessive aliasing: aliases expand this file by more than 100000 values');
    expect(thrownUserError(() => read(`- ${'['.repeat(120)}${']'.repeat(120)}\n`)).located).toBe('bindings.yaml:1:102: Too deeply nested: more than 100 levels of lists and mappings');
  });

  it('keeps __proto__ keys as plain data', () => {
    const [record] = read('__proto__:\n  polluted: true\n');
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('reports a syntax error at its line and column', () => {
    expect(thrownUserError(() => read('- name: alice\n  name: bob\n')).located).toBe('bindings.yaml:2:3: Invalid YAML: Map keys must be unique');
    expect(thrownUserError(() => read('users:\n  - name: alice\n  name: bob\n')).located).toBe(
      'bindings.yaml:3:1: Invalid YAML: All mapping items must start at the same column',
    );
  });

  it('rejects an empty file and a file of only comments at 1:1', () => {
    expect(thrownUserError(() => read('  \n')).located).toBe('bindings.yaml:1:1: File is empty: expected a YAML document');
    expect(thrownUserError(() => read('# exported 2026-11-01\n')).located).toBe(
      'bindings.yaml:1:1: Expected a YAML document, found only comments or an empty value',
    );
  });
});
