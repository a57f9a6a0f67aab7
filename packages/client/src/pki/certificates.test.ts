import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateIdentity,
  certificateInfo,
  createCa,
  issueClientCert,
  issueServingCert,
  loadCa,
  verifyIssuedBy,
  type CertKeyPair,
} from './certificates.js';
import { isPkiError } from './errors.js';
import { apiserverSans } from './sans.js';

// Certificates are checked with the real openssl, not with the library that made them.
const openssl = (...args: string[]): string => execFileSync('openssl', args, { encoding: 'utf8', stdio: 'pipe' });

let dir: string;
let ca: CertKeyPair;
let serving: CertKeyPair;
let admin: CertKeyPair;
const now = new Date();
const sans = apiserverSans({ nodeName: 'node-1', serviceIP: '10.96.0.1' });

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pki-certificates-test-'));
  ca = await createCa({ now });
  serving = await issueServingCert(ca, { ...sans, now });
  admin = await issueClientCert(ca, { user: 'kubernetes-admin', groups: ['system:masters'], now });
  write('ca.crt', ca.cert);
  write('apiserver.crt', serving.cert);
  write('admin.crt', admin.cert);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createCa', () => {
  it('is a self-signed P-256 CA named kubernetes, valid 10 years, with the kubeadm extensions', () => {
    const text = openssl('x509', '-noout', '-text', '-in', join(dir, 'ca.crt'));
    expect(text).toMatch(/Issuer: CN ?= ?kubernetes\n/);
    expect(text).toMatch(/Subject: CN ?= ?kubernetes\n/);
    expect(text).toContain('NIST CURVE: P-256');
    expect(text).toContain('Signature Algorithm: ecdsa-with-SHA256');
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
    const info = certificateInfo(ca.cert);
    expect(info.isCA).toBe(true);
    const years = (info.notAfter.getTime() - info.notBefore.getTime()) / (365 * 86_400_000);
    expect(years).toBeCloseTo(10, 1);
    expect(openssl('verify', '-CAfile', join(dir, 'ca.crt'), join(dir, 'ca.crt'))).toContain(': OK');
  });

  it('writes the private key as PKCS#8 PEM', () => {
    expect(ca.key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(openssl('pkey', '-in', write('ca.key', ca.key), '-noout', '-text')).toContain('ASN1 OID: prime256v1');
  });
});

describe('issueServingCert', () => {
  it('verifies against the CA with openssl', () => {
    expect(openssl('verify', '-CAfile', join(dir, 'ca.crt'), join(dir, 'apiserver.crt')).trim()).toBe(`${join(dir, 'apiserver.crt')}: OK`);
  });

  it('carries every SAN, serverAuth only, CA:FALSE and a 1 year validity', () => {
    const text = openssl('x509', '-noout', '-text', '-in', join(dir, 'apiserver.crt'));
    const sanLine = /X509v3 Subject Alternative Name: *\n\s*(.*)\n/.exec(text)?.[1] ?? '';
    expect(sanLine.split(', ').sort()).toEqual(
      [
        'DNS:kubernetes',
        'DNS:kubernetes.default',
        'DNS:kubernetes.default.svc',
        'DNS:kubernetes.default.svc.cluster.local',
        'DNS:localhost',
        'DNS:node-1',
        'IP Address:127.0.0.1',
        'IP Address:10.96.0.1',
      ].sort(),
    );
    expect(text).toMatch(/X509v3 Extended Key Usage: *\n\s*TLS Web Server Authentication\n/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
    expect(text).toMatch(/Subject: CN ?= ?kube-apiserver\n/);
    const info = certificateInfo(serving.cert);
    expect(info.notBefore.getTime()).toBeLessThanOrEqual(now.getTime());
    expect((info.notAfter.getTime() - now.getTime()) / 86_400_000).toBeCloseTo(365, 3);
    expect(openssl('verify', '-purpose', 'sslserver', '-CAfile', join(dir, 'ca.crt'), join(dir, 'apiserver.crt'))).toContain(': OK');
  });

  it('rejects a name that is not a DNS name or an IP, and an empty SAN list', async () => {
    await expect(issueServingCert(ca, { dnsNames: ['bad name'], ipAddresses: [] })).rejects.toThrow(/"bad name" is not a valid DNS name/);
    await expect(issueServingCert(ca, { dnsNames: [], ipAddresses: ['10.0.0.300'] })).rejects.toThrow(/not an IPv4 or IPv6 address/);
    await expect(issueServingCert(ca, { dnsNames: [], ipAddresses: [] })).rejects.toSatisfy(isPkiError);
  });

  it('never outlives its CA', async () => {
    const shortCa = await createCa({ now, validityDays: 30 });
    const leaf = await issueServingCert(shortCa, { dnsNames: ['x'], ipAddresses: [], now });
    expect(certificateInfo(leaf.cert).notAfter).toEqual(certificateInfo(shortCa.cert).notAfter);
  });
});

describe('issueClientCert', () => {
  it('has subject O = groups, CN = user, clientAuth, and verifies with openssl', () => {
    expect(openssl('x509', '-noout', '-subject', '-in', join(dir, 'admin.crt'))).toMatch(/subject=O ?= ?system:masters, CN ?= ?kubernetes-admin/);
    const text = openssl('x509', '-noout', '-text', '-in', join(dir, 'admin.crt'));
    expect(text).toMatch(/X509v3 Extended Key Usage: *\n\s*TLS Web Client Authentication\n/);
    expect(text).not.toContain('Subject Alternative Name');
    expect(openssl('verify', '-purpose', 'sslclient', '-CAfile', join(dir, 'ca.crt'), join(dir, 'admin.crt'))).toContain(': OK');
  });

  it('issues the component identities', async () => {
    for (const [user, groups] of [
      ['system:kube-scheduler', []],
      ['system:kube-controller-manager', []],
      ['system:node:node-1', ['system:nodes']],
      ['alice', ['dev', 'ops', 'system:authenticated']],
    ] as const) {
      const pair = await issueClientCert(ca, { user, groups });
      expect(certificateIdentity(pair.cert)).toEqual({ user, groups: [...groups] });
      expect(await verifyIssuedBy(pair.cert, ca.cert)).toBe(true);
    }
  });

  it('keeps names the library would otherwise reinterpret (#, quotes, backslashes, non-ASCII)', async () => {
    const user = '#"alice\\admin"@example.com';
    const pair = await issueClientCert(ca, { user, groups: ['grüppe', '#00'] });
    expect(certificateIdentity(pair.cert)).toEqual({ user, groups: ['grüppe', '#00'] });
    // openssl prints UTF8String content; RFC 2253 output escapes the specials
    expect(openssl('x509', '-noout', '-subject', '-nameopt', 'RFC2253,-esc_msb', '-in', write('odd.crt', pair.cert))).toContain('grüppe');
  });

  it('rejects an empty user or group', async () => {
    await expect(issueClientCert(ca, { user: '' })).rejects.toThrow(/user "" is not a non-empty string/);
    await expect(issueClientCert(ca, { user: 'u', groups: [''] })).rejects.toSatisfy(isPkiError);
  });
});

describe('parsing and verifying', () => {
  it('reads identity from PEM and from DER', () => {
    const der = readDer('admin.crt');
    expect(certificateIdentity(admin.cert)).toEqual({ user: 'kubernetes-admin', groups: ['system:masters'] });
    expect(certificateIdentity(der)).toEqual({ user: 'kubernetes-admin', groups: ['system:masters'] });
    const info = certificateInfo(der);
    expect(info.extKeyUsages).toEqual(['clientAuth']);
    expect(info.isCA).toBe(false);
  });

  it('verifyIssuedBy: true for our CA, false for another CA, a leaf, or the reverse', async () => {
    const other = await createCa();
    expect(await verifyIssuedBy(serving.cert, ca.cert)).toBe(true);
    expect(await verifyIssuedBy(serving.cert, other.cert)).toBe(false);
    expect(await verifyIssuedBy(admin.cert, serving.cert)).toBe(false);
    expect(await verifyIssuedBy(ca.cert, serving.cert)).toBe(false);
    expect(await verifyIssuedBy(ca.cert, ca.cert)).toBe(true);
  });

  it('rejects text that is not a PEM certificate', () => {
    expect(() => certificateInfo('hello')).toThrow(/not a valid X.509 certificate/);
    expect(() => certificateInfo(ca.key)).toThrow(/not a valid X.509 certificate/);
  });

  it('loadCa refuses a leaf, a mismatched key and an expired CA', async () => {
    await expect(loadCa({ cert: serving.cert, key: serving.key })).rejects.toThrow(/not a CA/);
    await expect(loadCa({ cert: ca.cert, key: admin.key })).rejects.toThrow(/does not belong/);
    const old = await createCa({ now: new Date(Date.UTC(2000, 0, 1)), validityDays: 1 });
    await expect(loadCa(old)).rejects.toThrow(/expired/);
  });
});

describe('a CA made by openssl the way kubeadm makes one (RSA 2048, PKCS#1 key)', () => {
  it('issues certificates that openssl verifies against it', async () => {
    const keyPath = join(dir, 'rsa-ca.key');
    const certPath = join(dir, 'rsa-ca.crt');
    openssl('genrsa', '-traditional', '-out', keyPath, '2048');
    openssl('req', '-x509', '-new', '-key', keyPath, '-subj', '/CN=kubernetes', '-days', '3650', '-out', certPath,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature');
    const rsaCa = { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
    expect(rsaCa.key).toContain('BEGIN RSA PRIVATE KEY');
    const leaf = await issueServingCert(rsaCa, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    expect(openssl('verify', '-CAfile', certPath, write('rsa-leaf.crt', leaf.cert))).toContain(': OK');
    expect(openssl('x509', '-noout', '-text', '-in', join(dir, 'rsa-leaf.crt'))).toContain('sha256WithRSAEncryption');
    expect(await verifyIssuedBy(leaf.cert, rsaCa.cert)).toBe(true);
  });
});

function readDer(name: string): Buffer {
  return execFileSync('openssl', ['x509', '-in', join(dir, name), '-outform', 'DER']);
}
