import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticatorChain, authenticationRequestFrom, type AuthenticationOutcome } from './authenticator.js';
import { ALL_AUTHENTICATED } from './user.js';
import { parseCertificateBundle, parseSubject, X509Authenticator, type TlsPeerInfo } from './x509.js';

// Certificates are made with the openssl CLI, as an administrator would, so the subject encoding
// (multiple O, escaping) is the real thing and not what our own code would produce.
let dir: string;
const ssl = (...args: string[]): void => {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
};
const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
const makeCA = (name: string): void => ssl('req', '-x509', ...ecKey, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name}`);
/** A leaf signed by `ca`; `ext` is an openssl extension config line set. */
const makeLeaf = (name: string, ca: string, subj: string, ext: string, days = '1'): void => {
  ssl('req', '-new', ...ecKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj);
  writeFileSync(join(dir, `${name}.ext`), ext);
  ssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', days, '-extfile', `${name}.ext`, '-out', `${name}.crt`);
};
const pem = (file: string): string => readFileSync(join(dir, file), 'utf8');
const cert = (name: string): X509Certificate => new X509Certificate(pem(`${name}.crt`));
const CLIENT_EXT = 'extendedKeyUsage=clientAuth\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubelite-x509-'));
  makeCA('ca');
  makeCA('rogue');
  makeLeaf('alice', 'ca', '/O=devs/O=system:masters/CN=alice', CLIENT_EXT);
  makeLeaf('escaped', 'ca', '/CN=carol\\, jr/O=a\\+b/O=x\\=y/OU=u+O=multi', CLIENT_EXT);
  makeLeaf('nocn', 'ca', '/O=devs', CLIENT_EXT);
  makeLeaf('serveronly', 'ca', '/CN=svc', 'extendedKeyUsage=serverAuth\n');
  makeLeaf('noeku', 'ca', '/CN=plain', 'basicConstraints=CA:FALSE\n');
  makeLeaf('expired', 'ca', '/CN=old', CLIENT_EXT, '-1');
  makeLeaf('mallory', 'rogue', '/CN=mallory/O=system:masters', CLIENT_EXT);
  makeLeaf('server', 'ca', '/CN=kube-apiserver', 'extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const verified = (name: string): TlsPeerInfo => ({ authorized: true, certificate: cert(name) });
const run = (a: X509Authenticator, tls: TlsPeerInfo | undefined) => a.authenticate(tls ? { headers: {}, tls } : { headers: {} });

describe('X509Authenticator: subject mapping', () => {
  it('maps CN to the user name and each O, in order, to groups', async () => {
    const r = await run(new X509Authenticator({ clientCAs: [cert('ca')] }), verified('alice'));
    expect(r).toEqual({
      kind: 'authenticated',
      authenticator: 'x509',
      user: { name: 'alice', uid: '', groups: ['devs', 'system:masters'], extra: {} },
    });
  });

  it('undoes OpenSSL escaping and reads multi-valued RDNs', async () => {
    const r = await run(new X509Authenticator(), verified('escaped'));
    expect(r.kind === 'authenticated' && r.user).toMatchObject({ name: 'carol, jr', groups: ['a+b', 'x=y', 'multi'] });
  });

  it('has no opinion on a verified certificate without a CN, or with no certificate at all', async () => {
    const a = new X509Authenticator();
    expect(await run(a, verified('nocn'))).toEqual({ kind: 'noOpinion' });
    expect(await run(a, { authorized: false })).toEqual({ kind: 'noOpinion' });
    expect(await run(a, undefined)).toEqual({ kind: 'noOpinion' });
  });

  it('parses multi-valued RDNs and hex escapes', () => {
    expect(parseSubject('CN=a + O=b\nO=caf\\C3\\A9\nO=x\\0Ay')).toEqual([
      { key: 'CN', value: 'a' },
      { key: 'O', value: 'b' },
      { key: 'O', value: 'café' },
      { key: 'O', value: 'x\ny' },
    ]);
  });
});

describe('X509Authenticator: rejections carry a reason', () => {
  const reasonOf = async (a: X509Authenticator, tls: TlsPeerInfo): Promise<string> => {
    const r = await run(a, tls);
    if (r.kind !== 'failed') throw new Error(`expected failure, got ${r.kind}`);
    return r.reason;
  };

  it('rejects what the TLS layer did not verify, quoting its error', async () => {
    const reason = await reasonOf(new X509Authenticator(), {
      authorized: false,
      authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      certificate: cert('mallory'),
    });
    expect(reason).toMatch(/^verifying certificate SN=[0-9A-F]+, subject="CN=mallory, O=system:masters" failed: UNABLE_TO_VERIFY_LEAF_SIGNATURE$/);
  });

  it('rejects expired and not-yet-valid certificates with Go-style wording', async () => {
    const c = cert('alice');
    const after = new Date(new Date(c.validTo).getTime() + 60_000);
    const before = new Date(new Date(c.validFrom).getTime() - 60_000);
    expect(await reasonOf(new X509Authenticator({ now: () => after }), verified('alice'))).toContain(
      `x509: certificate has expired or is not yet valid: current time ${after.toISOString()} is after`,
    );
    expect(await reasonOf(new X509Authenticator({ now: () => before }), verified('alice'))).toContain('is before');
    expect(await reasonOf(new X509Authenticator(), verified('expired'))).toContain('has expired');
  });

  it('requires the client-auth usage when the certificate restricts usages', async () => {
    const a = new X509Authenticator();
    expect(await reasonOf(a, verified('serveronly'))).toContain('incompatible key usage');
    expect((await run(a, verified('noeku'))).kind).toBe('authenticated');
  });

  it('with the CA bundle, rejects a certificate from another CA even if marked authorized', async () => {
    const a = new X509Authenticator({ clientCAs: parseCertificateBundle(pem('ca.crt') + pem('server.crt')) });
    expect(await reasonOf(a, verified('mallory'))).toContain('signed by unknown authority');
    expect((await run(a, verified('alice'))).kind).toBe('authenticated');
  });

  it('remembers a certificate’s checks per certificate but reads the clock on every request', async () => {
    const c = cert('alice');
    let now = new Date();
    const a = new X509Authenticator({ clientCAs: [cert('ca')], now: () => now });
    const sameConnection: TlsPeerInfo = { authorized: true, certificate: c };
    expect((await run(a, sameConnection)).kind).toBe('authenticated');
    now = new Date(new Date(c.validTo).getTime() + 1000);
    expect(await reasonOf(a, sameConnection)).toContain('has expired or is not yet valid');
    // A rejected certificate stays rejected on its connection.
    const rogue: TlsPeerInfo = { authorized: true, certificate: cert('mallory') };
    expect(await reasonOf(a, rogue)).toContain('signed by unknown authority');
    expect(await reasonOf(a, rogue)).toContain('signed by unknown authority');
  });

  it('parseCertificateBundle reads every certificate and names the source on failure', () => {
    expect(parseCertificateBundle(pem('ca.crt') + '\n' + pem('rogue.crt'))).toHaveLength(2);
    expect(() => parseCertificateBundle('nothing', "client CA file '/x'")).toThrow("client CA file '/x': no PEM certificates found");
  });
});

describe('X509Authenticator behind a real TLS server (requestCert, rejectUnauthorized: false)', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const chain = new AuthenticatorChain({ authenticators: [new X509Authenticator({ clientCAs: [cert('ca')] })], anonymous: false });
    server = createServer(
      { key: pem('server.key'), cert: pem('server.crt'), ca: pem('ca.crt'), requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        void chain.authenticate(authenticationRequestFrom(req)).then((outcome) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(outcome));
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = (client?: string): Promise<AuthenticationOutcome> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api',
          ca: pem('ca.crt'),
          agent: false,
          ...(client ? { key: pem(`${client}.key`), cert: pem(`${client}.crt`) } : {}),
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve(JSON.parse(body) as AuthenticationOutcome));
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('authenticates a certificate from the client CA, adding system:authenticated', async () => {
    const out = await call('alice');
    expect(out.ok && out.user).toEqual({ name: 'alice', uid: '', groups: ['devs', 'system:masters', ALL_AUTHENTICATED], extra: {} });
  });

  it('rejects a certificate from another CA and an expired one with the TLS reason', async () => {
    const rogue = await call('mallory');
    expect(rogue.ok).toBe(false);
    expect(!rogue.ok && rogue.reasons[0]).toMatch(/failed: .*(unable to verify|UNABLE_TO)/i);
    expect(!rogue.ok && rogue.status.code).toBe(401);
    const old = await call('expired');
    expect(!old.ok && old.reasons[0]).toMatch(/expired/i);
  });

  it('treats a connection without a certificate as carrying no credentials', async () => {
    const out = await call();
    expect(out).toMatchObject({ ok: false, reasons: [] });
  });
});
