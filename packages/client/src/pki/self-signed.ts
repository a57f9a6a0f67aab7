// A component's own serving certificate when none is given (kube-apiserver's --cert-dir,
// kubelet's <root-dir>/pki): made once by a throwaway CA, kept on disk and reused on restart, so
// clients that pinned it keep working. The chain (leaf + CA) is what the server presents.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCa, issueServingCert } from './certificates.js';

export interface SelfSignedOptions {
  dir: string;
  /** file base name: `<name>.crt`, `<name>.key` */
  name: string;
  /** the throwaway CA's name, e.g. `kubelite-apiserver-ca` (a timestamp is appended) */
  caName: string;
  commonName?: string;
  dnsNames: readonly string[];
  ipAddresses: readonly string[];
}

export async function ensureSelfSignedServingCert(opts: SelfSignedOptions): Promise<{ cert: string; key: string }> {
  const certPath = join(opts.dir, `${opts.name}.crt`);
  const keyPath = join(opts.dir, `${opts.name}.key`);
  if (existsSync(certPath) && existsSync(keyPath)) {
    return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
  }
  const ca = await createCa({ commonName: `${opts.caName}@${Math.floor(Date.now() / 1000)}` });
  const pair = await issueServingCert(ca, { commonName: opts.commonName, dnsNames: opts.dnsNames, ipAddresses: opts.ipAddresses });
  await mkdir(opts.dir, { recursive: true, mode: 0o700 });
  await writeFile(certPath, `${pair.cert}${ca.cert}`, { mode: 0o644 });
  await writeFile(keyPath, pair.key, { mode: 0o600 });
  return { cert: `${pair.cert}${ca.cert}`, key: pair.key };
}
