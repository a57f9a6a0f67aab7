// Docker-links-style service variables (enableServiceLinks, on by default): for every Service
// with a cluster IP in the pod's namespace, and the master `kubernetes` Service from default,
// <NAME>_SERVICE_HOST, <NAME>_SERVICE_PORT, <NAME>_PORT_<port>_<PROTO>… as upstream writes them.
import type { Pod, Service } from '@kubelite/api';

const envName = (name: string): string => name.toUpperCase().replace(/-/g, '_');

export function serviceEnv(pod: Pod, services: readonly Service[]): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  const env: Record<string, string> = {};
  for (const svc of services) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const name = svc.metadata.name ?? '';
    const isMaster = svc.metadata.namespace === 'default' && name === 'kubernetes';
    if (!isMaster && (!links || svc.metadata.namespace !== ns)) continue;
    const prefix = envName(name);
    const ports = svc.spec?.ports ?? [];
    if (ports.length === 0) continue;
    const first = ports[0]!;
    env[`${prefix}_SERVICE_HOST`] = ip;
    env[`${prefix}_SERVICE_PORT`] = String(first.port);
    env[`${prefix}_PORT`] = `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`;
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      if (p.name) env[`${prefix}_SERVICE_PORT_${envName(p.name)}`] = String(p.port);
      const base = `${prefix}_PORT_${p.port}_${proto}`;
      env[base] = `${proto.toLowerCase()}://${ip}:${p.port}`;
      env[`${base}_PROTO`] = proto.toLowerCase();
      env[`${base}_PORT`] = String(p.port);
      env[`${base}_ADDR`] = ip;
    }
  }
  return env;
}
