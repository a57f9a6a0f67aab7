import { describe, expect, it } from 'vitest';
import { managerOrUserAgent, patchOptionsError } from './index.js';

describe('patchOptionsError', () => {
  it('requires a field manager for apply', () => {
    const e = patchOptionsError('apply', { force: false });
    expect(e?.code).toBe(422);
    expect(e?.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });
  it('forbids force outside apply', () => {
    expect(patchOptionsError('merge', { fieldManager: 'kubectl-patch', force: true })?.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  });
  it('checks the manager name', () => {
    expect(patchOptionsError('strategic', { fieldManager: 'x'.repeat(129) })?.message).toContain('fieldManager: Too long: must have at most 128 bytes');
    expect(patchOptionsError('strategic', { fieldManager: 'a\u0007' })?.message).toContain('invalid character U+0007 (at position 1)');
  });
  it('accepts what kubectl sends', () => {
    expect(patchOptionsError('apply', { fieldManager: 'kubectl', force: false })).toBeUndefined();
    expect(patchOptionsError('strategic', { fieldManager: 'kubectl-edit' })).toBeUndefined();
    expect(patchOptionsError('json', {})).toBeUndefined();
  });
});

describe('managerOrUserAgent', () => {
  it('prefers the fieldManager parameter, else the User-Agent prefix', () => {
    expect(managerOrUserAgent('kubectl-label', 'kubectl/v1.32.4')).toBe('kubectl-label');
    expect(managerOrUserAgent(undefined, 'kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07')).toBe('kubectl');
    expect(managerOrUserAgent('', 'kube-controller-manager/v1.32.4 (linux/amd64)')).toBe('kube-controller-manager');
    expect(managerOrUserAgent(undefined, undefined)).toBe('');
  });
});
