// X.509 certificates for the cluster, shaped like kubeadm's: one self-signed CA, a serving
// certificate for the apiserver, and client certificates whose subject is the identity the
// apiserver's X.509 authenticator reads (CN = user name, each O = one group).
//
// All signing goes through WebCrypto (@peculiar/x509 builds the ASN.1); keys come from ./keys.ts.
// Outputs are PEM strings: certificates as "CERTIFICATE", private keys as PKCS#8 "PRIVATE KEY".
// @peculiar/x509 registers its algorithms through tsyringe, which needs the Reflect metadata
// polyfill loaded first (ES modules evaluate imports in order).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { isIP } from 'node:net';
import { pkiError } from './errors.js';
import { generateKey, keyMatchesPublicKey, loadSigningKey, type SigningKey } from './keys.js';

/** A certificate and its private key, both PEM. */
export interface CertKeyPair {
  readonly cert: string;
  readonly key: string;
}

/** A certificate as PEM text or DER bytes (a Buffer from `getPeerCertificate().raw` works). */
export type CertificateInput = string | Uint8Array;

export const CA_VALIDITY_DAYS = 3650;
export const LEAF_VALIDITY_DAYS = 365;

/** Fields every issuing function accepts. */
export interface ValidityOptions {
  /** the time the certificate is issued at; default now (tests pass a fixed time) */
  now?: Date;
  validityDays?: number;
}

export interface CaOptions extends ValidityOptions {
  /** default "kubernetes", as kubeadm names its CA */
  commonName?: string;
}

export interface ServingCertOptions extends ValidityOptions {
  /** default "kube-apiserver"; clients ignore it (Go checks only the SANs) */
  commonName?: string;
  dnsNames: readonly string[];
  ipAddresses: readonly string[];
}

export interface ClientCertOptions extends ValidityOptions {
  /** the user name: the subject CN */
  user: string;
  /** the groups: one subject O each */
  groups?: readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
// notBefore is set a little in the past: a certificate made on one machine is used at once on
// another (or by a process whose clock reads slightly earlier), and a notBefore in its future
// would make the handshake fail. kubeadm gets the same slack by reusing the CA's notBefore.
const BACKDATE_MS = 5 * 60 * 1000;

function validity(opts: ValidityOptions, defaultDays: number, notAfterLimit?: Date): { notBefore: Date; notAfter: Date } {
  const now = opts.now ?? new Date();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  let notAfter = new Date(now.getTime() + (opts.validityDays ?? defaultDays) * DAY_MS);
  // a leaf outliving its CA would only fail later with a more confusing error
  if (notAfterLimit && notAfter > notAfterLimit) notAfter = notAfterLimit;
  return { notBefore, notAfter };
}

// ---- parsing -----------------------------------------------------------------------------------

/** Parses a certificate; `location` names the file in error messages. */
export function loadCertificate(input: CertificateInput, location = ''): x509.X509Certificate {
  try {
    if (typeof input === 'string') {
      // x509.X509Certificate would also guess at hex/base64 text; a PEM block is all we accept
      if (!input.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no "BEGIN CERTIFICATE" PEM block');
      return new x509.X509Certificate(input);
    }
    return new x509.X509Certificate(new Uint8Array(input));
  } catch (e) {
    throw pkiError('INVALID_CERTIFICATE', location, e instanceof Error ? e.message : String(e));
  }
}

const EKU_NAMES: Readonly<Record<string, string>> = {
  [x509.ExtendedKeyUsage.serverAuth]: 'serverAuth',
  [x509.ExtendedKeyUsage.clientAuth]: 'clientAuth',
};

/** What the cluster needs to know about a certificate. */
export interface CertificateInfo {
  /** RFC 4514 text, for messages */
  subject: string;
  issuer: string;
  commonName?: string;
  organizations: string[];
  dnsNames: string[];
  ipAddresses: string[];
  /** "serverAuth", "clientAuth", or the OID of any other usage */
  extKeyUsages: string[];
  isCA: boolean;
  notBefore: Date;
  notAfter: Date;
  /** hexadecimal */
  serialNumber: string;
}

export function certificateInfo(input: CertificateInput | x509.X509Certificate, location = ''): CertificateInfo {
  const cert = input instanceof x509.X509Certificate ? input : loadCertificate(input, location);
  const names = cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.items ?? [];
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages ?? [];
  // Go (and so Kubernetes) keeps the last CN when a subject has several
  const commonName = cert.subjectName.getField('CN').at(-1);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    ...(commonName === undefined ? {} : { commonName }),
    organizations: [...cert.subjectName.getField('O')],
    dnsNames: Array.from(names.filter((n) => n.type === 'dns'), (n) => n.value),
    ipAddresses: Array.from(names.filter((n) => n.type === 'ip'), (n) => n.value),
    // Array.from: the library's list is an Array subclass, which would leak into callers
    extKeyUsages: Array.from(eku, (u) => EKU_NAMES[String(u)] ?? String(u)),
    isCA: cert.getExtension(x509.BasicConstraintsExtension)?.ca ?? false,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    serialNumber: cert.serialNumber,
  };
}

/** The user a client certificate authenticates as. */
export interface CertificateIdentity {
  user: string;
  groups: string[];
}

/**
 * The identity in a client certificate, as Kubernetes' X.509 authenticator reads it: user = CN,
 * groups = every O. Undefined when there is no CN (Kubernetes then does not authenticate the
 * request by certificate). This does not check the chain: the TLS handshake has done that.
 */
export function certificateIdentity(input: CertificateInput): CertificateIdentity | undefined {
  const info = certificateInfo(input);
  if (!info.commonName) return undefined;
  return { user: info.commonName, groups: info.organizations };
}

function sameBytes(a: ArrayBuffer, b: ArrayBuffer): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/**
 * Whether `ca` is a CA certificate that signed `cert`: the issuer name matches the CA's subject
 * byte for byte (as Go's chain building requires) and the signature verifies with the CA's key.
 * Validity dates are not checked; certificateInfo has them.
 */
export async function verifyIssuedBy(cert: CertificateInput, ca: CertificateInput): Promise<boolean> {
  const leaf = loadCertificate(cert);
  const issuer = loadCertificate(ca);
  if (!(issuer.getExtension(x509.BasicConstraintsExtension)?.ca ?? false)) return false;
  if (!sameBytes(leaf.issuerName.toArrayBuffer(), issuer.subjectName.toArrayBuffer())) return false;
  try {
    return await leaf.verify({ publicKey: issuer.publicKey, signatureOnly: true });
  } catch {
    // a key of another algorithm than the signature's throws rather than returning false
    return false;
  }
}

// ---- issuing -----------------------------------------------------------------------------------

interface SignParams {
  subject: x509.Name;
  issuer: x509.Name;
  spki: Uint8Array;
  signer: SigningKey;
  notBefore: Date;
  notAfter: Date;
  extensions: x509.Extension[];
}

async function sign(p: SignParams): Promise<string> {
  const cert = await x509.X509CertificateGenerator.create({
    // no serialNumber: the library draws 16 random bytes and encodes them as a positive,
    // minimal INTEGER (Go rejects negative serials)
    subject: p.subject,
    issuer: p.issuer,
    notBefore: p.notBefore,
    notAfter: p.notAfter,
    publicKey: p.spki,
    signingKey: p.signer.key,
    signingAlgorithm: p.signer.algorithm,
    extensions: [await x509.SubjectKeyIdentifierExtension.create(p.spki), ...p.extensions],
  });
  return cert.toString('pem') + '\n';
}

// Go's encoding/asn1 writes PrintableString when every character allows it and UTF8String
// otherwise; doing the same makes our names byte-identical to kubeadm's. Values are passed in the
// library's object form because its plain-string form treats a leading '#' as hex and strips
// quotes and backslashes, which would change a user or group name.
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function attribute(type: 'CN' | 'O', value: string): x509.JsonAttributeAndObjectValue {
  return { [type]: [PRINTABLE.test(value) ? { printableString: value } : { utf8String: value }] };
}

function checkName(field: string, value: string): void {
  if (value === '') throw pkiError('INVALID_NAME', '', field, value, 'a non-empty string');
}

/** Creates a self-signed CA: CA:true (critical), keyCertSign | cRLSign | digitalSignature. */
export async function createCa(opts: CaOptions = {}): Promise<CertKeyPair> {
  const commonName = opts.commonName ?? 'kubernetes';
  checkName('commonName', commonName);
  const key = generateKey();
  const signer = await loadSigningKey(key.keyPem);
  const name = new x509.Name([attribute('CN', commonName)]);
  const cert = await sign({
    subject: name,
    issuer: name,
    spki: key.spki,
    signer,
    ...validity(opts, CA_VALIDITY_DAYS),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
    ],
  });
  return { cert, key: key.keyPem };
}

/** The CA, parsed and checked once, ready to issue from. */
export interface LoadedCa {
  readonly cert: x509.X509Certificate;
  readonly signer: SigningKey;
}

/**
 * Parses a CA pair and checks it can issue: it is a CA, the key is its key, and it has not
 * expired at `now`. `location` names the directory or file in error messages.
 */
export async function loadCa(ca: CertKeyPair, location = '', now: Date = new Date()): Promise<LoadedCa> {
  const cert = loadCertificate(ca.cert, location);
  if (!(cert.getExtension(x509.BasicConstraintsExtension)?.ca ?? false)) throw pkiError('NOT_A_CA', location);
  if (!keyMatchesPublicKey(ca.key, new Uint8Array(cert.publicKey.rawData), location)) {
    throw pkiError('KEY_MISMATCH', location, 'CA');
  }
  if (cert.notAfter <= now) throw pkiError('CA_EXPIRED', location, cert.notAfter.toISOString());
  return { cert, signer: await loadSigningKey(ca.key, location) };
}

async function issueLeaf(
  ca: CertKeyPair | LoadedCa,
  subject: x509.Name,
  usage: x509.ExtendedKeyUsage,
  opts: ValidityOptions,
  extra: x509.Extension[],
): Promise<CertKeyPair> {
  const loaded = 'signer' in ca ? ca : await loadCa(ca, '', opts.now);
  const key = generateKey();
  // the authority key id lets OpenSSL and Go pick the right CA when several share a name
  const caKeyId = loaded.cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  const aki = caKeyId
    ? new x509.AuthorityKeyIdentifierExtension(caKeyId)
    : await x509.AuthorityKeyIdentifierExtension.create(loaded.cert.publicKey);
  const cert = await sign({
    subject,
    // the CA's subject exactly as encoded, so the issuer name matches it byte for byte
    issuer: loaded.cert.subjectName,
    spki: key.spki,
    signer: loaded.signer,
    ...validity(opts, LEAF_VALIDITY_DAYS, loaded.cert.notAfter),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      // digitalSignature only: an ECDSA key signs the handshake; keyEncipherment is RSA-only
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([usage]),
      aki,
      ...extra,
    ],
  });
  return { cert, key: key.keyPem };
}

// RFC 1123 labels, optionally a leading "*." wildcard label (Go accepts those in SANs)
const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * Issues a serving certificate (serverAuth) for the given DNS names and IP addresses. Go's TLS
 * checks only the SANs, never the CN, so every name clients use must be listed.
 */
export async function issueServingCert(ca: CertKeyPair | LoadedCa, opts: ServingCertOptions): Promise<CertKeyPair> {
  const commonName = opts.commonName ?? 'kube-apiserver';
  checkName('commonName', commonName);
  for (const d of opts.dnsNames) {
    if (!DNS_NAME.test(d) || d.length > 253) throw pkiError('INVALID_NAME', '', 'DNS name', d, 'a valid DNS name');
  }
  for (const ip of opts.ipAddresses) {
    if (isIP(ip) === 0) throw pkiError('INVALID_NAME', '', 'IP address', ip, 'an IPv4 or IPv6 address');
  }
  if (opts.dnsNames.length + opts.ipAddresses.length === 0) {
    throw pkiError('INVALID_NAME', '', 'subjectAltName', '', 'non-empty: give at least one DNS name or IP address');
  }
  const san = new x509.SubjectAlternativeNameExtension([
    ...[...new Set(opts.dnsNames)].map((value) => ({ type: 'dns' as const, value })),
    ...[...new Set(opts.ipAddresses)].map((value) => ({ type: 'ip' as const, value })),
  ]);
  return issueLeaf(ca, new x509.Name([attribute('CN', commonName)]), x509.ExtendedKeyUsage.serverAuth, opts, [san]);
}

/** Issues a client certificate (clientAuth): subject O = each group, CN = the user. */
export async function issueClientCert(ca: CertKeyPair | LoadedCa, opts: ClientCertOptions): Promise<CertKeyPair> {
  checkName('user', opts.user);
  const groups = opts.groups ?? [];
  for (const g of groups) checkName('group', g);
  // O before CN, the order Go's pkix.Name writes, so `openssl x509 -subject` reads like kubeadm's
  const subject = new x509.Name([...groups.map((g) => attribute('O', g)), attribute('CN', opts.user)]);
  return issueLeaf(ca, subject, x509.ExtendedKeyUsage.clientAuth, opts, []);
}
