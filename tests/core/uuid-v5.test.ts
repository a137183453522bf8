import { describe, expect, it } from 'vitest';
import { URL_NAMESPACE, uuidV5 } from '../../src/core/uuid-v5.js';


describe('uuidV5', () => {
  it('gives the test vector of RFC 9562 (appendix A.4): www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('agrees with Python’s uuid.uuid5 for a URL name and a non-ASCII name (UTF-8)', () => {
    // Both from python3: uuid.uuid5(uuid.NAMESPACE_URL, name).
    expect(uuidV5('urn:controlproof:oscal', URL_NAMESPACE)).toBe('a4969a47-cdb1-5f5c-9dd8-13d30c6b8f11');
    expect(uuidV5('Zürich — 東京', URL_NAMESPACE)).toBe('fa4d6fc7-2dd8-559e-a571-429be0cb4a66');
  });

  it('differs by name and by namespace', () => {
    const a = uuidV5('observation:IAM-01:0', URL_NAMESPACE);
    expect(uuidV5('observation:IAM-01:1', URL_NAMESPACE)).not.toBe(a);
    expect(uuidV5('observation:IAM-01:0', a)).not.toBe(a);
    expect(uuidV5('observation:IAM-01:0', URL_NAMESPACE)).toBe(a);
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow('not a UUID: not-a-uuid');
  });
});
