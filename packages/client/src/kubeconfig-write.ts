// Writing kubeconfigs, for the bootstrap (klctl cluster up writes one per component and one for
// the admin, as kubeadm does). The output is a plain single-context file that kubectl and our
// own loader both read.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { kubeconfigError } from './errors.js';

export interface KubeconfigSpec {
  clusterName: string;
  /** https://host:port of the API server */
  server: string;
  /** embedded as certificate-authority-data */
  caData?: Buffer;
  /** referenced as certificate-authority (kubectl resolves it against the kubeconfig's directory) */
  caFile?: string;
  insecureSkipTlsVerify?: boolean;
  userName: string;
  certData?: Buffer;
  keyData?: Buffer;
  certFile?: string;
  keyFile?: string;
  token?: string;
  tokenFile?: string;
  /** default `<userName>@<clusterName>`, kubeadm's naming */
  contextName?: string;
  namespace?: string;
}

const quote = (s: string): string => JSON.stringify(s);

/** Refuses a spec our own loader (and kubectl) would reject, so a bad file is never written. */
function checkSpec(s: KubeconfigSpec): void {
  if (!s.clusterName) throw kubeconfigError('INVALID_FIELD', '', 'clusterName', 'a non-empty string');
  if (!s.userName) throw kubeconfigError('INVALID_FIELD', '', 'userName', 'a non-empty string');
  if (!/^https?:\/\/[^/]/.test(s.server) || !URL.canParse(s.server)) {
    throw kubeconfigError('BAD_SERVER', '', s.clusterName, s.server);
  }
  const cluster = `cluster ${quote(s.clusterName)}`;
  const user = `user ${quote(s.userName)}`;
  if (s.caData && s.caFile) throw kubeconfigError('BOTH_SET', '', cluster, 'certificate-authority', 'certificate-authority-data');
  if (s.insecureSkipTlsVerify && (s.caData || s.caFile)) throw kubeconfigError('INSECURE_WITH_CA', '', s.clusterName);
  if (s.certData && s.certFile) throw kubeconfigError('BOTH_SET', '', user, 'client-certificate', 'client-certificate-data');
  if (s.keyData && s.keyFile) throw kubeconfigError('BOTH_SET', '', user, 'client-key', 'client-key-data');
  const hasCert = Boolean(s.certData || s.certFile);
  const hasKey = Boolean(s.keyData || s.keyFile);
  if (hasCert && !hasKey) throw kubeconfigError('CERT_WITHOUT_KEY', '', s.userName);
  if (hasKey && !hasCert) throw kubeconfigError('KEY_WITHOUT_CERT', '', s.userName);
}

/** Only the fields that are set, so the file carries no empty keys. */
function present(fields: Record<string, string | boolean | undefined>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== false) out[k] = v;
  return out;
}

/** The YAML of a kubeconfig with one cluster, one user and one context, which is current. */
export function buildKubeconfig(spec: KubeconfigSpec): string {
  checkSpec(spec);
  const contextName = spec.contextName || `${spec.userName}@${spec.clusterName}`;
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: spec.clusterName,
        cluster: present({
          server: spec.server,
          'certificate-authority': spec.caFile,
          'certificate-authority-data': spec.caData?.toString('base64'),
          'insecure-skip-tls-verify': spec.insecureSkipTlsVerify,
        }),
      },
    ],
    users: [
      {
        name: spec.userName,
        user: present({
          'client-certificate': spec.certFile,
          'client-certificate-data': spec.certData?.toString('base64'),
          'client-key': spec.keyFile,
          'client-key-data': spec.keyData?.toString('base64'),
          token: spec.token,
          tokenFile: spec.tokenFile,
        }),
      },
    ],
    contexts: [
      { name: contextName, context: present({ cluster: spec.clusterName, user: spec.userName, namespace: spec.namespace }) },
    ],
    'current-context': contextName,
    preferences: {},
  };
  // lineWidth 0: long base64 values stay on one line
  return stringifyYaml(doc, { lineWidth: 0 });
}

/**
 * Writes buildKubeconfig(spec) to path, mode 0600 because it may hold a private key or token.
 * The file is written beside its destination and renamed over it, so a reader never sees half
 * a kubeconfig and a failed write leaves any previous file intact.
 */
export function writeKubeconfig(path: string, spec: KubeconfigSpec): void {
  const text = buildKubeconfig(spec);
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
