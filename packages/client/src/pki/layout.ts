// A kubeadm-style PKI directory: `<dir>/<name>.crt` (mode 0644) and `<dir>/<name>.key` (mode
// 0600) for the cluster CA, the apiserver's serving certificate, and a client certificate per
// user and component. ensurePki makes the directory match what a cluster needs and can run on
// every `klctl cluster up`: it never replaces an existing CA (every credential and kubeconfig in
// the cluster trusts it), and it reissues a leaf only when the leaf no longer fits.
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  certificateInfo,
  issueClientCert,
  issueServingCert,
  createCa,
  loadCa,
  loadCertificate,
  verifyIssuedBy,
  type CertKeyPair,
  type CertificateInfo,
  type LoadedCa,
} from './certificates.js';
import { pkiError } from './errors.js';
import { keyMatchesPublicKey } from './keys.js';
import { apiserverSans, type ApiserverSanOptions } from './sans.js';

/** File base names; `<name>.crt` and `<name>.key` in the PKI directory. */
export const PKI_CA = 'ca';
export const PKI_APISERVER = 'apiserver';

/** A client certificate ensurePki keeps: `<name>.crt`/`.key`, subject CN = user, O = groups. */
export interface ClientCertSpec {
  name: string;
  user: string;
  groups: readonly string[];
}

/**
 * The client certificates a single-node cluster needs, with kubeadm's identities. Kubernetes'
 * default RBAC binds these names and groups (system:masters is the superuser group).
 */
export function defaultClientCerts(nodeName: string): ClientCertSpec[] {
  return [
    { name: 'admin', user: 'kubernetes-admin', groups: ['system:masters'] },
    { name: 'scheduler', user: 'system:kube-scheduler', groups: [] },
    { name: 'controller-manager', user: 'system:kube-controller-manager', groups: [] },
    { name: 'kubelet', user: `system:node:${nodeName}`, groups: ['system:nodes'] },
    // the apiserver's own identity towards kubelets (logs, exec), as kubeadm's
    { name: 'apiserver-kubelet-client', user: 'kube-apiserver-kubelet-client', groups: ['system:masters'] },
  ];
}

/** Where a pair lives. */
export function pkiPaths(dir: string, name: string): { cert: string; key: string } {
  return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
}

function errnoCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw pkiError('UNREADABLE', path, e instanceof Error ? e.message : String(e));
  }
}

/**
 * Reads `<name>.crt` and `<name>.key`. Undefined when both are missing; an error when only one
 * is there, because the caller must then decide (ensurePki reissues a leaf, refuses a CA).
 */
export function readCertKeyPair(dir: string, name: string): CertKeyPair | undefined {
  const paths = pkiPaths(dir, name);
  const cert = readIfExists(paths.cert);
  const key = readIfExists(paths.key);
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined) throw pkiError('INCOMPLETE_PAIR', dir, `${name}.key`, `${name}.crt`);
  if (key === undefined) throw pkiError('INCOMPLETE_PAIR', dir, `${name}.crt`, `${name}.key`);
  return { cert, key };
}

/**
 * Writes one file beside its destination and moves it into place, so a reader never sees half a
 * key. With noClobber the move is a hard link, which fails if the destination exists: two
 * `cluster up`s racing can then never replace each other's CA.
 */
function writeAtomic(path: string, text: string, mode: number, noClobber: boolean): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    // writeFileSync's mode is filtered by the umask; the key's mode must not depend on it
    chmodSync(tmp, mode);
    if (noClobber) linkSync(tmp, path);
    else renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Writes a pair: the key (0600) first, then the certificate (0644), so a crash in between leaves
 * a key with no certificate rather than a certificate whose key is missing or old.
 */
export function writeCertKeyPair(dir: string, name: string, pair: CertKeyPair, opts: { noClobber?: boolean } = {}): void {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const paths = pkiPaths(dir, name);
  writeAtomic(paths.key, pair.key, 0o600, opts.noClobber ?? false);
  writeAtomic(paths.cert, pair.cert, 0o644, opts.noClobber ?? false);
}

export interface EnsurePkiOptions {
  /** the control-plane node: a SAN of the serving certificate and the kubelet certificate's user */
  nodeName: string;
  /** the apiserver SANs; nodeName is added to them. Default: apiserverSans() with serviceIP 10.96.0.1 */
  sans?: ApiserverSanOptions;
  /** default defaultClientCerts(nodeName) */
  clients?: readonly ClientCertSpec[];
  /** a leaf expiring within this many days is reissued; default 30 */
  renewBeforeDays?: number;
  /** the current time; default now */
  now?: Date;
}

export type PkiAction = 'created' | 'reused' | 'reissued';

export interface EnsurePkiResult {
  dir: string;
  ca: CertKeyPair;
  /** what happened to each pair, by file base name ("ca", "apiserver", "admin", ...) */
  actions: Record<string, PkiAction>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Loads the CA in `dir`, or creates one when neither ca.crt nor ca.key exists. */
async function ensureCa(dir: string, now: Date): Promise<{ ca: CertKeyPair; loaded: LoadedCa; action: PkiAction }> {
  const paths = pkiPaths(dir, PKI_CA);
  const cert = readIfExists(paths.cert);
  const key = readIfExists(paths.key);
  if (cert === undefined && key !== undefined) throw pkiError('CA_INCOMPLETE', dir, 'ca.key', 'ca.crt');
  if (cert !== undefined && key === undefined) throw pkiError('CA_INCOMPLETE', dir, 'ca.crt', 'ca.key');
  const existing = cert !== undefined && key !== undefined ? { cert, key } : undefined;
  if (existing) return { ca: existing, loaded: await loadCa(existing, join(dir, 'ca.crt'), now), action: 'reused' };
  const ca = await createCa({ now });
  try {
    writeCertKeyPair(dir, PKI_CA, ca, { noClobber: true });
  } catch (e) {
    if (errnoCode(e) !== 'EEXIST') throw e;
    // another process made a CA between our read and our write: use theirs
    return ensureCa(dir, now);
  }
  return { ca, loaded: await loadCa(ca, join(dir, 'ca.crt'), now), action: 'created' };
}

/** A leaf's wanted content: what `fits` checks and `issue` produces. */
interface LeafSpec {
  name: string;
  fits: (info: CertificateInfo) => boolean;
  issue: () => Promise<CertKeyPair>;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;

/**
 * Whether an existing leaf can stay: both files there, the key is the certificate's, the CA
 * signed it, it is not near expiry, and its subject/SANs are what the spec wants.
 */
async function leafFits(dir: string, spec: LeafSpec, ca: CertKeyPair, renewBefore: Date, now: Date): Promise<'missing' | boolean> {
  const paths = pkiPaths(dir, spec.name);
  const cert = readIfExists(paths.cert);
  const key = readIfExists(paths.key);
  if (cert === undefined && key === undefined) return 'missing';
  if (cert === undefined || key === undefined) return false;
  try {
    const parsed = loadCertificate(cert, paths.cert);
    const info = certificateInfo(parsed);
    return (
      keyMatchesPublicKey(key, new Uint8Array(parsed.publicKey.rawData), paths.key) &&
      (await verifyIssuedBy(cert, ca.cert)) &&
      info.notBefore <= now &&
      info.notAfter > renewBefore &&
      spec.fits(info)
    );
  } catch {
    // unreadable or corrupt: it is ours to replace
    return false;
  }
}

/**
 * Makes `dir` hold a CA, an apiserver serving certificate and the client certificates: creates
 * what is missing, reuses the CA if there is one (never replaces it; an expired, mismatched or
 * half-present CA is an error), and reissues a leaf that is missing a file, not signed by the
 * CA, within renewBeforeDays of expiry, or no longer matching the options (e.g. a new SAN).
 * Key files are made mode 0600, existing ones included.
 */
export async function ensurePki(dir: string, opts: EnsurePkiOptions): Promise<EnsurePkiResult> {
  const now = opts.now ?? new Date();
  const renewBefore = new Date(now.getTime() + (opts.renewBeforeDays ?? 30) * DAY_MS);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const { ca, loaded, action } = await ensureCa(dir, now);
  const actions: Record<string, PkiAction> = { [PKI_CA]: action };

  const sans = apiserverSans({ serviceIP: '10.96.0.1', ...opts.sans, nodeName: opts.nodeName });
  const specs: LeafSpec[] = [
    {
      name: PKI_APISERVER,
      // a superset is fine: extra names do no harm, and reissuing would needlessly restart TLS
      fits: (info) =>
        sans.dnsNames.every((d) => info.dnsNames.includes(d)) &&
        sans.ipAddresses.every((ip) => info.ipAddresses.includes(ip)) &&
        info.extKeyUsages.includes('serverAuth'),
      issue: () => issueServingCert(loaded, { ...sans, now }),
    },
    ...(opts.clients ?? defaultClientCerts(opts.nodeName)).map(
      (c): LeafSpec => ({
        name: c.name,
        // exact: the subject is the identity, and a changed group must take effect
        fits: (info) => info.commonName === c.user && sameSet(info.organizations, c.groups) && info.extKeyUsages.includes('clientAuth'),
        issue: () => issueClientCert(loaded, { user: c.user, groups: c.groups, now }),
      }),
    ),
  ];

  for (const spec of specs) {
    const fits = await leafFits(dir, spec, ca, renewBefore, now);
    if (fits === true) {
      actions[spec.name] = 'reused';
    } else {
      writeCertKeyPair(dir, spec.name, await spec.issue());
      actions[spec.name] = fits === 'missing' ? 'created' : 'reissued';
    }
  }

  // enforce 0600 on keys this run did not write (an older tool, a copy that lost its mode)
  for (const name of Object.keys(actions)) {
    const keyPath = pkiPaths(dir, name).key;
    if ((statSync(keyPath).mode & 0o777) !== 0o600) chmodSync(keyPath, 0o600);
  }
  return { dir, ca, actions };
}
