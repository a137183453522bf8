import { compile, TreeInterpreter, type JSONValue } from '@jmespath-community/jmespath';
import { z } from 'zod';
import { defineCheck } from '../../../kit/define-check.js';

const PLACEHOLDER = /\{\{\s*(.+?)\s*\}\}/g;

/** The parse error of a JMESPath expression, or undefined when it compiles. */
function syntaxError(expression: string): string | undefined {
  try {
    compile(expression);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const jmespath = (what: string) =>
  z.string().superRefine((expression, context) => {
    const error = syntaxError(expression);
    if (error !== undefined) context.addIssue({ code: 'custom', message: `Invalid JMESPath expression "${expression}" in ${what}: ${error}` });
  });

const messageTemplate = z.string().superRefine((template, context) => {
  for (const [, expression = ''] of template.matchAll(PLACEHOLDER)) {
    const error = syntaxError(expression);
    if (error !== undefined) context.addIssue({ code: 'custom', message: `Invalid JMESPath expression "{{${expression}}}" in message: ${error}` });
  }
});

const params = z.strictObject({
  each: jmespath('each').describe('JMESPath over the array of source records selecting the items to check, e.g. `[].UserDetailList[]`.'),
  id: jmespath('id').describe('JMESPath on one item giving its resource id (a string or number), e.g. `Arn`.'),
  expect: jmespath('expect').describe(
    'JMESPath on one item; the item passes when the result is truthy (false, null, "", [] and {} are falsy), e.g. ``length(AttachedManagedPolicies) == `0` ``.',
  ),
  message: messageTemplate.describe('Finding message for a failing item; each `{{expr}}` is a JMESPath on the item, e.g. `user {{UserName}} has no policy`.'),
  description: z.string().optional().describe('What the assertion means, for readers of the catalog.'),
});

type Query = (value: JSONValue) => JSONValue;

export default defineCheck({
  id: 'assert',
  title: 'Declarative assertion over any records',
  description:
    'Checks every item that `each` selects from the records of a json, ndjson, csv or yaml source: an item whose `expect` is falsy is a finding named by `id`, with `message` filled from the item. Expressions are JMESPath, the query language of the AWS CLI `--query` option.',
  inputs: { records: ['json', 'ndjson', 'csv', 'yaml'] },
  params,
  remediation: 'Depends on the assertion: fix each listed item so that `expect` holds for it, or narrow `each` if it selects items the control does not cover.',
  run({ inputs: { records }, params: { each, id, expect, message } }) {
    const items = query(each)(jsonRecords(records));
    if (!Array.isArray(items)) {
      throw new Error(`"each" expression "${each}" yielded ${jsonType(items)}, expected an array of items`);
    }
    const [idOf, holds, render] = [query(id), query(expect), template(message)];
    const findings = items.flatMap((item, index) => {
      const resource = resourceId(idOf(item), id, index);
      return isTruthy(holds(item)) ? [] : [{ resource, message: render(item) }];
    });
    return { examined: items.length, findings };
  },
});

function query(expression: string): Query {
  const node = compile(expression);
  return (value) => {
    try {
      return TreeInterpreter.search(node, value);
    } catch (error) {
      throw new Error(`expression "${expression}" failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
}

function template(message: string): (item: JSONValue) => string {
  const queries = new Map([...message.matchAll(PLACEHOLDER)].map(([, expression = '']) => [expression, query(expression)]));
  return (item) => message.replace(PLACEHOLDER, (_placeholder, expression: string) => display(queries.get(expression)?.(item) ?? null));
}

function resourceId(value: JSONValue, expression: string, index: number): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new Error(`"id" expression "${expression}" yielded ${jsonType(value)} for item ${index}, expected a non-empty string or a number`);
}

/** JMESPath truthiness: false, null, "", [] and {} are false; everything else, 0 included, is true. */
function isTruthy(value: JSONValue): boolean {
  if (value === null || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function display(value: JSONValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function jsonType(value: JSONValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value} (${JSON.stringify(value)})`;
}

/**
 * The records as JSON data, copied into objects without a prototype: JMESPath looks fields up with `value[name]`,
 * so on plain objects `constructor` or `toString` would find Object's methods, and `expect: constructor` would pass.
 */
function jsonRecords(records: readonly unknown[]): JSONValue {
  return records.map((record, index) => {
    const copy = ownJson(record);
    if (copy === undefined) throw new Error(`record ${index} holds a value that is not JSON data`);
    return copy;
  });
}

/** A deep copy of JSON data with prototype-free objects; undefined when `value` is not JSON data. */
function ownJson(value: unknown): JSONValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items: JSONValue[] = [];
    for (const item of value) {
      const copy = ownJson(item);
      if (copy === undefined) return undefined;
      items.push(copy);
    }
    return items;
  }
  if (typeof value !== 'object') return undefined;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const copy = Object.create(null) as Record<string, JSONValue>;
  for (const [key, item] of Object.entries(value)) {
    const itemCopy = ownJson(item);
    if (itemCopy === undefined) return undefined;
    copy[key] = itemCopy;
  }
  return copy;
}
