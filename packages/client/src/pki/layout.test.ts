import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { certificateIdentity, certificateInfo, createCa, issueClientCert } from './certificates.js';
import { ensurePki, pkiPaths, readCertKeyPair, writeCertKeyPair } from './layout.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pki-layout-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
const mode = (name: string): number => statSync(join(dir, name)).mode & 0o777;
const NAMES = ['ca', 'apiserver', 'admin', 'scheduler', 'controller-manager', 'kubelet', 'apiserver-kubelet-client'];

describe('ensurePki', () => {
  it('creates the kubeadm-style layout; keys 0600, certificates 0644, all verify with openssl', async () => {
    const result = await ensurePki(dir, { nodeName: 'node-1' });
    expect(result.actions).toEqual(Object.fromEntries(NAMES.map((n) => [n, 'created'])));
    expect(readdirSync(dir).sort()).toEqual(NAMES.flatMap((n) => [`${n}.crt`, `${n}.key`]).sort());
    for (const n of NAMES) {
      expect(mode(`${n}.key`)).toBe(0o600);
      expect(mode(`${n}.crt`)).toBe(0o644);
    }
    const leaves = NAMES.filter((n) => n !== 'ca').map((n) => join(dir, `${n}.crt`));
    const out = execFileSync('openssl', ['verify', '-CAfile', join(dir, 'ca.crt'), ...leaves], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(leaves.map((l) => `${l}: OK`));
    expect(certificateIdentity(read('kubelet.crt'))).toEqual({ user: 'system:node:node-1', groups: ['system:nodes'] });
    expect(certificateIdentity(read('scheduler.crt'))).toEqual({ user: 'system:kube-scheduler', groups: [] });
    expect(certificateInfo(read('apiserver.crt')).ipAddresses).toEqual(['127.0.0.1', '10.96.0.1']);
    expect(result.ca).toEqual({ cert: read('ca.crt'), key: read('ca.key') });
  });

  it('is idempotent: a second run keeps the CA and every leaf byte for byte', async () => {
    await ensurePki(dir, { nodeName: 'node-1' });
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, read(f)]));
    const again = await ensurePki(dir, { nodeName: 'node-1' });
    expect(again.actions).toEqual(Object.fromEntries(NAMES.map((n) => [n, 'reused'])));
    expect(Object.fromEntries(readdirSync(dir).map((f) => [f, read(f)]))).toEqual(before);
  });

  it('never replaces an existing CA, and issues from it', async () => {
    const ca = await createCa({ commonName: 'my-own-ca' });
    writeCertKeyPair(dir, 'ca', ca);
    const result = await ensurePki(dir, { nodeName: 'node-1' });
    expect(result.actions.ca).toBe('reused');
    expect(read('ca.crt')).toBe(ca.cert);
    expect(read('ca.key')).toBe(ca.key);
    expect(certificateInfo(read('admin.crt')).issuer).toBe('CN=my-own-ca');
  });

  it('recreates a missing leaf and reissues a leaf that no longer fits', async () => {
    await ensurePki(dir, { nodeName: 'node-1' });
    const ca = read('ca.crt');
    const admin = read('admin.crt');
    unlinkSync(join(dir, 'scheduler.crt'));
    unlinkSync(join(dir, 'scheduler.key'));
    unlinkSync(join(dir, 'controller-manager.key')); // half a pair
    // a kubelet certificate signed by some other CA
    writeCertKeyPair(dir, 'kubelet', await issueClientCert(await createCa(), { user: 'system:node:node-1', groups: ['system:nodes'] }));
    const result = await ensurePki(dir, { nodeName: 'node-1', sans: { extraDnsNames: ['api.example.com'], serviceIP: '10.96.0.1' } });
    expect(result.actions).toEqual({
      ca: 'reused',
      apiserver: 'reissued', // new SAN
      admin: 'reused',
      scheduler: 'created',
      'controller-manager': 'reissued',
      kubelet: 'reissued',
      'apiserver-kubelet-client': 'reused',
    });
    expect(read('ca.crt')).toBe(ca);
    expect(read('admin.crt')).toBe(admin);
    expect(certificateInfo(read('apiserver.crt')).dnsNames).toContain('api.example.com');
  });

  it('reissues a client certificate whose groups changed, and one about to expire', async () => {
    const t0 = new Date();
    await ensurePki(dir, { nodeName: 'node-1', now: t0 });
    const clients = [{ name: 'admin', user: 'kubernetes-admin', groups: ['system:masters', 'ops'] }];
    const changed = await ensurePki(dir, { nodeName: 'node-1', clients, now: t0 });
    expect(changed.actions.admin).toBe('reissued');
    expect(certificateIdentity(read('admin.crt'))?.groups).toEqual(['system:masters', 'ops']);
    const later = new Date(t0.getTime() + 340 * 86_400_000); // 25 days before the 1 year runs out
    const renewed = await ensurePki(dir, { nodeName: 'node-1', clients, now: later });
    expect(renewed.actions).toEqual({ ca: 'reused', apiserver: 'reissued', admin: 'reissued' });
    expect(certificateInfo(read('admin.crt')).notAfter.getTime()).toBeGreaterThan(later.getTime() + 300 * 86_400_000);
  });

  it('restores mode 0600 on an existing key', async () => {
    await ensurePki(dir, { nodeName: 'node-1' });
    chmodSync(join(dir, 'ca.key'), 0o644);
    chmodSync(join(dir, 'admin.key'), 0o666);
    await ensurePki(dir, { nodeName: 'node-1' });
    expect(mode('ca.key')).toBe(0o600);
    expect(mode('admin.key')).toBe(0o600);
  });

  it('refuses half a CA, a CA whose key is not its own, and an expired CA', async () => {
    const ca = await createCa();
    writeFileSync(join(dir, 'ca.crt'), ca.cert);
    await expect(ensurePki(dir, { nodeName: 'n' })).rejects.toThrow(/ca\.crt exists but ca\.key does not; refusing/);
    writeFileSync(join(dir, 'ca.key'), (await createCa()).key);
    await expect(ensurePki(dir, { nodeName: 'n' })).rejects.toThrow(/does not belong/);
    const old = await createCa({ now: new Date(Date.UTC(2001, 0, 1)), validityDays: 1 });
    writeCertKeyPair(dir, 'ca', old);
    await expect(ensurePki(dir, { nodeName: 'n' })).rejects.toThrow(/expired .* never replaced/);
    expect(read('ca.crt')).toBe(old.cert);
    expect(readdirSync(dir).sort()).toEqual(['ca.crt', 'ca.key']);
  });

  it('two concurrent runs end with one CA that signed every leaf', async () => {
    const [a, b] = await Promise.all([ensurePki(dir, { nodeName: 'node-1' }), ensurePki(dir, { nodeName: 'node-1' })]);
    expect(a.ca).toEqual(b.ca);
    expect(read('ca.crt')).toBe(a.ca.cert);
    const out = execFileSync('openssl', ['verify', '-CAfile', join(dir, 'ca.crt'), join(dir, 'apiserver.crt'), join(dir, 'admin.crt')], {
      encoding: 'utf8',
    });
    expect(out).not.toMatch(/error/);
  });
});

describe('readCertKeyPair / writeCertKeyPair', () => {
  it('round-trips and reports a missing pair as undefined, half a pair as an error', async () => {
    expect(readCertKeyPair(dir, 'x')).toBeUndefined();
    const ca = await createCa();
    writeCertKeyPair(dir, 'x', ca);
    expect(readCertKeyPair(dir, 'x')).toEqual(ca);
    unlinkSync(pkiPaths(dir, 'x').key);
    expect(() => readCertKeyPair(dir, 'x')).toThrow(/x\.crt exists but x\.key does not/);
  });

  it('noClobber refuses to replace an existing file', async () => {
    const ca = await createCa();
    writeCertKeyPair(dir, 'ca', ca);
    expect(() => writeCertKeyPair(dir, 'ca', ca, { noClobber: true })).toThrow(/EEXIST/);
    expect(readdirSync(dir).sort()).toEqual(['ca.crt', 'ca.key']); // no temporary files left
  });
});
