// The pod sandbox's configuration (reference §1.1, §1.7, §1.8): hostname, DNS by dnsPolicy, and
// host ports, which Docker binds on the sandbox because it owns the network namespace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from '@kubelite/api';
import type { DnsConfig, PortMapping, SandboxConfig } from '../runtime/types.js';

export interface DnsSettings {
  clusterDNS: string[];
  clusterDomain: string;
  resolvConf: string;
}

export function podHostname(pod: Pod): string {
  const name = pod.spec?.hostname || pod.metadata.name || '';
  return name.slice(0, 63).replace(/[-.]+$/, '');
}

export function sandboxConfig(pod: Pod, attempt: number, logRoot: string, dns: DnsSettings): SandboxConfig {
  const meta = pod.metadata;
  const hostNetwork = pod.spec?.hostNetwork === true;
  return {
    pod: { uid: meta.uid!, name: meta.name!, namespace: meta.namespace ?? 'default' },
    attempt,
    hostname: podHostname(pod),
    hostNetwork,
    portMappings: portMappings(pod),
    dns: podDns(pod, dns),
    labels: { ...meta.labels },
    annotations: { ...meta.annotations },
    logDirectory: join(logRoot, `${meta.namespace ?? 'default'}_${meta.name}_${meta.uid}`),
  };
}

function portMappings(pod: Pod): PortMapping[] {
  if (pod.spec?.hostNetwork) return [];
  const out: PortMapping[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      out.push({ containerPort: p.containerPort, hostPort: p.hostPort, hostIP: p.hostIP || undefined, protocol: (p.protocol ?? 'TCP') as PortMapping['protocol'] });
    }
  }
  return out;
}

function hostResolvConf(path: string): DnsConfig {
  const cfg: DnsConfig = { servers: [], searches: [], options: [] };
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { servers: ['127.0.0.1'], searches: ['.'], options: [] };
  }
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === 'nameserver' && rest[0]) cfg.servers.push(rest[0]);
    else if (key === 'search') cfg.searches.push(...rest);
    else if (key === 'options') cfg.options.push(...rest);
  }
  return cfg;
}

/** undefined: leave the runtime's resolv.conf alone (the Default policy is what Docker writes). */
export function podDns(pod: Pod, dns: DnsSettings): DnsConfig | undefined {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const hostNetwork = pod.spec?.hostNetwork === true;
  const ns = pod.metadata.namespace ?? 'default';
  let base: DnsConfig | undefined;
  if (policy === 'None') base = { servers: [], searches: [], options: [] };
  else if ((policy === 'ClusterFirst' && !hostNetwork) || policy === 'ClusterFirstWithHostNet') {
    if (dns.clusterDNS.length === 0) base = undefined; // upstream falls back to Default (and warns)
    else {
      const d = dns.clusterDomain;
      const host = hostResolvConf(dns.resolvConf);
      base = { servers: [...dns.clusterDNS], searches: [...new Set([`${ns}.svc.${d}`, `svc.${d}`, d, ...host.searches])], options: ['ndots:5'] };
    }
  }
  const extra = pod.spec?.dnsConfig;
  if (!extra) return base;
  const merged = base ?? hostResolvConf(dns.resolvConf);
  return {
    servers: [...new Set([...merged.servers, ...(extra.nameservers ?? [])])].slice(0, 3),
    searches: [...new Set([...merged.searches, ...(extra.searches ?? [])])].slice(0, 32),
    options: [...merged.options, ...(extra.options ?? []).map((o) => (o.value ? `${o.name ?? ""}:${o.value}` : (o.name ?? "")))],
  };
}
