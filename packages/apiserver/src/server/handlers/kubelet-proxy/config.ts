// How the API server reaches kubelets (upstream's KubeletClientConfig): the client certificate it
// presents (--kubelet-client-certificate/-key), the CA it checks their serving certificates
// against (--kubelet-certificate-authority; absent, they are not verified, as upstream), which
// Node address to dial (--kubelet-preferred-address-types) and how long to wait (--kubelet-timeout).
import { readFile } from 'node:fs/promises';

export const NODE_ADDRESS_TYPES = ['Hostname', 'InternalDNS', 'InternalIP', 'ExternalDNS', 'ExternalIP'] as const;
export const DEFAULT_KUBELET_PORT = 10250;
export const DEFAULT_KUBELET_TIMEOUT_MS = 5_000;

export interface KubeletClientConfig {
  /** PEM client certificate and key presented to kubelets. */
  cert?: string;
  key?: string;
  /** PEM CA bundle for kubelet serving certificates. */
  ca?: string;
  preferredAddressTypes: readonly string[];
  timeoutMs: number;
}

export const defaultKubeletClientConfig = (): KubeletClientConfig => ({ preferredAddressTypes: NODE_ADDRESS_TYPES, timeoutMs: DEFAULT_KUBELET_TIMEOUT_MS });

/** Parses --kubelet-preferred-address-types; throws naming the first unknown type. */
export function parseAddressTypes(value: string): string[] {
  const types = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const t of types) {
    if (!(NODE_ADDRESS_TYPES as readonly string[]).includes(t)) throw new Error(`--kubelet-preferred-address-types: unsupported address type "${t}" (one of ${NODE_ADDRESS_TYPES.join(', ')})`);
  }
  if (types.length === 0) throw new Error('--kubelet-preferred-address-types: at least one address type is required');
  return types;
}

export interface KubeletClientFiles {
  clientCertificateFile?: string;
  clientKeyFile?: string;
  certificateAuthorityFile?: string;
  preferredAddressTypes?: readonly string[];
  timeoutMs?: number;
}

/** Reads the flag files once at start, so a bad path stops the API server instead of every exec. */
export async function loadKubeletClientConfig(f: KubeletClientFiles): Promise<KubeletClientConfig> {
  if (Boolean(f.clientCertificateFile) !== Boolean(f.clientKeyFile)) {
    throw new Error('--kubelet-client-certificate and --kubelet-client-key must be given together');
  }
  const read = async (flag: string, path: string): Promise<string> => {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      throw new Error(`${flag}: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const config = defaultKubeletClientConfig();
  if (f.clientCertificateFile && f.clientKeyFile) {
    config.cert = await read('--kubelet-client-certificate', f.clientCertificateFile);
    config.key = await read('--kubelet-client-key', f.clientKeyFile);
  }
  if (f.certificateAuthorityFile) config.ca = await read('--kubelet-certificate-authority', f.certificateAuthorityFile);
  if (f.preferredAddressTypes) config.preferredAddressTypes = f.preferredAddressTypes;
  if (f.timeoutMs !== undefined) config.timeoutMs = f.timeoutMs;
  return config;
}
