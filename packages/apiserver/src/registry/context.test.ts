// Small request-context helpers whose output lands in stored objects (managedFields managers,
// metav1.Time values), so their exact shape matters to clients.
import { describe, expect, it } from 'vitest';
import { defaultFieldManager, rfc3339 } from './context.js';

describe('defaultFieldManager', () => {
  it('is the user agent up to its first slash', () => {
    expect(defaultFieldManager('kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9')).toBe('kubectl');
    expect(defaultFieldManager('kube-controller-manager/v1.32.0')).toBe('kube-controller-manager');
    expect(defaultFieldManager('curl')).toBe('curl');
  });

  it('is cut to 128 characters', () => {
    expect(defaultFieldManager(`${'a'.repeat(200)}/1.0`)).toBe('a'.repeat(128));
  });

  it('is "unknown" without a usable user agent', () => {
    expect(defaultFieldManager(undefined)).toBe('unknown');
    expect(defaultFieldManager('')).toBe('unknown');
    expect(defaultFieldManager('/v1')).toBe('unknown');
  });
});

describe('rfc3339', () => {
  it('prints UTC with second precision, as metav1.Time does', () => {
    expect(rfc3339(new Date('2024-05-01T12:34:56.789Z'))).toBe('2024-05-01T12:34:56Z');
    expect(rfc3339(new Date('2024-05-01T14:34:56+02:00'))).toBe('2024-05-01T12:34:56Z');
    expect(rfc3339(new Date(0))).toBe('1970-01-01T00:00:00Z');
  });
});
