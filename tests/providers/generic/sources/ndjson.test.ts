import { describe, expect, it } from 'vitest';
import ndjson from '../../../../src/providers/generic/sources/ndjson.js';
import { thrownUserError } from '../../../support/errors.js';


const read = (text: string): unknown[] => ndjson.read([{ display: 'events.ndjson', text }]);

describe('ndjson source', () => {
  it('is registered as type ndjson', () => {
    expect(ndjson.type).toBe('ndjson');
  });

  it('yields one record per line, arrays included as one value', () => {
    expect(read('{"id": 1}\n[1, 2]\n"text"\n')).toEqual([{ id: 1 }, [1, 2], 'text']);
  });

  it('handles CRLF, blank lines and a missing final newline', () => {
    expect(read('{"id": 1}\r\n\r\n   \r\n{"id": 2}\r\n{"id": 3}')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('concatenates files in order', () => {
    const records = ndjson.read([
      { display: 'a.ndjson', text: '{"id": 1}\n' },
      { display: 'b.ndjson', text: '{"id": 2}\n{"id": 3}\n' },
    ]);
    expect(records).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('yields no records for an empty file', () => {
    expect(read('')).toEqual([]);
  });

  it('names the line and column of a syntax error, counting blank lines', () => {
    expect(thrownUserError(() => read('{"id": 1}\r\n\r\n{"id": x}\r\n')).located).toBe('events.ndjson:3:8: Invalid JSON: expected a JSON value, found "x"');
    expect(thrownUserError(() => read('{"id": 1}\n{"id": 2,}\n')).located).toBe(
      'events.ndjson:2:10: Invalid JSON: expected a property name in double quotes, found "}"',
    );
  });

  it('reports a truncated line at its end', () => {
    expect(thrownUserError(() => read('{"id": 1}\n{"id":')).located).toBe(
      'events.ndjson:2:7: Invalid JSON: expected a JSON value, found end of line',
    );
  });

  it('rejects two values on one line', () => {
    const error = thrownUserError(() => read('{"id": 1} {"id": 2}\n'));
    expect(error.located).toBe('events.ndjson:1:11: Invalid JSON: expected end of line after the JSON value, found "{"');
    expect(error.hint).toBe('Each line of an NDJSON file holds exactly one JSON value.');
  });
});
