// --cors-allowed-origins as kube-apiserver reads it: regular expressions, no list → no CORS.
import { describe, expect, it } from 'vitest';
import { corsHeaders, parseCorsOrigins, preflight } from './cors.js';

describe('parseCorsOrigins', () => {
  it('has nothing to allow without the flag', () => {
    expect(parseCorsOrigins(undefined)).toEqual([]);
    expect(parseCorsOrigins('')).toEqual([]);
  });

  it('reads comma-separated expressions, ignoring blanks and spaces', () => {
    const res = parseCorsOrigins(' //localhost(:|$) , ,^https://ui\\.example\\.com$ ');
    expect(res.map((r) => r.source)).toEqual(['\\/\\/localhost(:|$)', '^https:\\/\\/ui\\.example\\.com$']);
  });

  it('names the bad expression when one does not compile', () => {
    expect(() => parseCorsOrigins('ok,([')).toThrow(/^--cors-allowed-origins: invalid regular expression "\(\[": /);
  });
});

describe('corsHeaders', () => {
  const allowed = parseCorsOrigins('//localhost(:|$),^https://ui\\.example\\.com$');

  it('echoes an allowed origin with credentials allowed', () => {
    expect(corsHeaders('http://localhost:3000', allowed)).toEqual({
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'Date',
      vary: 'Origin',
    });
    expect(corsHeaders('https://ui.example.com', allowed)?.['access-control-allow-origin']).toBe('https://ui.example.com');
  });

  it('gives nothing to an origin no expression matches', () => {
    expect(corsHeaders('https://evil.example', allowed)).toBeUndefined();
    expect(corsHeaders('https://ui.example.com.evil', allowed)).toBeUndefined();
    expect(corsHeaders('http://localhost:3000', [])).toBeUndefined();
  });
});

describe('preflight', () => {
  it('allows Kubernetes\' methods and headers', () => {
    const h = preflight();
    expect(h['access-control-allow-methods']).toBe('POST, GET, OPTIONS, PUT, DELETE, PATCH');
    expect(h['access-control-allow-headers']?.split(', ')).toContain('Authorization');
    expect(h['access-control-allow-headers']?.split(', ')).toContain('Content-Type');
  });
});
