// Client-certificate authentication (Kubernetes' request/x509 authenticator with
// CommonNameUserConversion): the subject CN becomes the user name and each O the groups.
//
// Chain verification against --client-ca-file is the TLS layer's job: the HTTPS server runs with
// `requestCert: true, rejectUnauthorized: false, ca: <client CA bundle>` so a request without a
// certificate can still use a token or be anonymous, and then `socket.authorized` says whether the
// presented chain verified. Kubernetes does the same split (TLS asks for a certificate without
// verifying, the authenticator decides). We re-check validity dates, the client-auth key usage and,
// when given the CA bundle, the issuer, so that a misconfigured server (no `ca`, which makes Node
// trust the public web roots) cannot turn any public certificate into a cluster identity.
import { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { AuthenticationRequest, AuthenticationResult, RequestAuthenticator } from './authenticator.js';
import { newUserInfo } from './user.js';

/** What the TLS layer knows about the client's certificate for one connection. */
export interface TlsPeerInfo {
  /** `TLSSocket.authorized`: the presented chain verified against the server's `ca`. */
  authorized: boolean;
  /** `TLSSocket.authorizationError`: why it did not (Node gives an Error or an OpenSSL code). */
  authorizationError?: Error | string;
  /** The leaf certificate the client presented; absent when it sent none. */
  certificate?: X509Certificate;
}

/**
 * What each connection presented, read once: getPeerX509Certificate() parses the DER anew on every
 * call. The server disables renegotiation (as Go's TLS server never offers it), so a connection's
 * certificate cannot change after the handshake and per-socket caching is sound.
 */
const peerInfoBySocket = new WeakMap<TLSSocket, TlsPeerInfo>();

/** Reads TlsPeerInfo off a connection; undefined for plain TCP (no client certificate possible). */
export const tlsPeerInfo = (socket: Socket): TlsPeerInfo | undefined => {
  if (!(socket instanceof TLSSocket)) return undefined;
  const cached = peerInfoBySocket.get(socket);
  if (cached) return cached;
  // Node types authorizationError as always present; at runtime it is unset when verification passed.
  const authorizationError: Error | string | undefined = socket.authorizationError;
  const info: TlsPeerInfo = { authorized: socket.authorized, certificate: socket.getPeerX509Certificate() };
  if (authorizationError !== undefined) info.authorizationError = authorizationError;
  peerInfoBySocket.set(socket, info);
  return info;
};

/** The extended-key-usage OIDs that allow a certificate to be used by a TLS client. */
const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const EKU_ANY = '2.5.29.37.0';
/** Bound on the issuer walk; real chains are 1–3 long, and a loop must not spin. */
const MAX_CHAIN = 10;

export interface X509AuthenticatorOptions {
  /**
   * The --client-ca-file bundle. When given, the leaf (or an intermediate the client sent) must be
   * issued and signed by one of these, in addition to `authorized` from the TLS layer.
   */
  clientCAs?: readonly X509Certificate[];
  /** Clock for the validity check; tests pass a fixed one. */
  now?: () => Date;
}

/** Subject attributes in the order they appear, unescaped. Node prints one `KEY=value` per line. */
export const parseSubject = (subject: string): Array<{ key: string; value: string }> => {
  const out: Array<{ key: string; value: string }> = [];
  for (const line of subject.split('\n')) {
    // A multi-valued RDN (CN=a+O=b) prints as `CN=a + O=b` on one line; an escaped `\+` is data.
    for (const part of line.split(/ \+ (?=[A-Za-z0-9.]+=)/)) {
      const eq = part.indexOf('=');
      if (eq <= 0) continue;
      out.push({ key: part.slice(0, eq), value: unescapeRfc2253(part.slice(eq + 1)) });
    }
  }
  return out;
};

/**
 * OpenSSL prints RFC 2253 escapes (`\,` `\+` `\"` `\\` `\<` `\>` `\;`) and control bytes as `\HH`;
 * hex escapes may spell out a multi-byte UTF-8 character, so bytes are collected and decoded once.
 */
const unescapeRfc2253 = (value: string): string => {
  if (!value.includes('\\')) return value;
  const bytes: number[] = [];
  const pushText = (s: string): void => {
    for (const b of Buffer.from(s, 'utf8')) bytes.push(b);
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c !== '\\' || i === value.length - 1) {
      pushText(c);
      continue;
    }
    const hex = value.slice(i + 1, i + 3);
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      pushText(value[i + 1] as string);
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
};

/** A short, log-safe name for a certificate in error reasons (Kubernetes prints SN/SKID/AKID). */
const describe = (cert: X509Certificate): string =>
  `SN=${cert.serialNumber}, subject=${JSON.stringify(cert.subject.replace(/\n/g, ', '))}`;

/** Node ≥22 has validFromDate; on Node 20 the OpenSSL text form (`Nov 24 12:10:27 2026 GMT`) parses. */
const parseCertTime = (text: string): Date => new Date(text);

/**
 * Everything about a certificate that does not depend on the clock: its validity window, the
 * verdict of the key-usage and issuer checks (a signature verification each), and the identity.
 */
type CertificateVerdict =
  | { kind: 'unusable'; why: string }
  | { kind: 'usable'; notBefore: Date; notAfter: Date; cn: string; groups: string[] };

export class X509Authenticator implements RequestAuthenticator {
  readonly name = 'x509';
  private readonly clientCAs: readonly X509Certificate[] | undefined;
  private readonly now: () => Date;
  /** Keyed by the certificate object, which tlsPeerInfo keeps per connection. */
  private readonly verdicts = new WeakMap<X509Certificate, CertificateVerdict>();

  constructor(opts: X509AuthenticatorOptions = {}) {
    this.clientCAs = opts.clientCAs;
    this.now = opts.now ?? (() => new Date());
  }

  async authenticate(req: AuthenticationRequest): Promise<AuthenticationResult> {
    const cert = req.tls?.certificate;
    // No certificate: not our kind of credential; let a token or anonymous decide.
    if (!req.tls || !cert) return { kind: 'noOpinion' };
    const failed = (why: string): AuthenticationResult => ({
      kind: 'failed',
      reason: `verifying certificate ${describe(cert)} failed: ${why}`,
    });

    if (!req.tls.authorized) {
      const e = req.tls.authorizationError;
      return failed(e === undefined ? 'not verified by the TLS layer' : e instanceof Error ? e.message : e);
    }

    let verdict = this.verdicts.get(cert);
    if (!verdict) {
      verdict = this.judge(cert);
      this.verdicts.set(cert, verdict);
    }
    if (verdict.kind === 'unusable') return failed(verdict.why);

    const now = this.now();
    // Go's wording, so log searches written for Kubernetes still match.
    if (now < verdict.notBefore) {
      return failed(
        `x509: certificate has expired or is not yet valid: current time ${now.toISOString()} is before ${verdict.notBefore.toISOString()}`,
      );
    }
    if (now > verdict.notAfter) {
      return failed(
        `x509: certificate has expired or is not yet valid: current time ${now.toISOString()} is after ${verdict.notAfter.toISOString()}`,
      );
    }
    // A verified certificate without a CN names nobody: no opinion, as in Kubernetes.
    if (verdict.cn === '') return { kind: 'noOpinion' };
    return { kind: 'authenticated', user: newUserInfo(verdict.cn, { groups: verdict.groups }), authenticator: this.name };
  }

  private judge(cert: X509Certificate): CertificateVerdict {
    const notBefore = parseCertTime(cert.validFrom);
    const notAfter = parseCertTime(cert.validTo);
    if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
      return { kind: 'unusable', why: `x509: unparseable validity period ${cert.validFrom} – ${cert.validTo}` };
    }
    // Go's Verify with KeyUsages=[ClientAuth]: no EKU extension means "any use" and passes.
    const eku: readonly string[] | undefined = cert.keyUsage;
    if (eku !== undefined && !eku.includes(EKU_CLIENT_AUTH) && !eku.includes(EKU_ANY)) {
      return { kind: 'unusable', why: 'x509: certificate specifies an incompatible key usage' };
    }
    if (this.clientCAs && !this.issuedByClientCA(cert)) {
      return { kind: 'unusable', why: 'x509: certificate signed by unknown authority' };
    }
    const subject = parseSubject(cert.subject);
    // pkix.Name keeps the last CN it sees and every O, in order.
    const cn = subject.filter((a) => a.key === 'CN').at(-1)?.value ?? '';
    const groups = subject.filter((a) => a.key === 'O').map((a) => a.value);
    return { kind: 'usable', notBefore, notAfter, cn, groups };
  }

  /** Walks leaf → issuers the client sent, looking for a link signed by a configured client CA. */
  private issuedByClientCA(leaf: X509Certificate): boolean {
    let cur: X509Certificate | undefined = leaf;
    for (let hops = 0; cur && hops < MAX_CHAIN; hops++) {
      const link: X509Certificate = cur;
      if (this.clientCAs?.some((ca) => link.checkIssued(ca) && link.verify(ca.publicKey))) return true;
      const next: X509Certificate | undefined = link.issuerCertificate;
      // Node ends a self-signed chain by pointing at itself.
      if (!next || next.fingerprint256 === link.fingerprint256) return false;
      cur = next;
    }
    return false;
  }
}

/** Splits a PEM bundle (such as --client-ca-file) into certificates; Node parses only one per call. */
export const parseCertificateBundle = (pem: string, source = 'certificate bundle'): X509Certificate[] => {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error(`${source}: no PEM certificates found`);
  return blocks.map((b, i) => {
    try {
      return new X509Certificate(b);
    } catch (err) {
      throw new Error(`${source}: certificate ${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
};
