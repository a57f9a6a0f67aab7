// ClusterIP and NodePort allocation for Services (pkg/registry/core/service/storage): a service
// gets an address from --service-cluster-ip-range and, for NodePort/LoadBalancer, a port per
// service port from --service-node-port-range; a value a client asks for is honoured if free and
// refused (422) if taken; everything is returned when the service goes or changes type.
import { invalid as fieldInvalid, type FieldError } from '@kubelite/api';
import { invalid } from '../../errors.js';
import type { ObjectStore } from '../../storage/index.js';
import type { ResourceHooks } from '../generic.js';
import type { KObject } from '../strategy.js';
import { AlreadyAllocatedError, BitmapRange, RangeFullError } from './bitmap-range.js';
import { formatIpv4, offsetOf, parseIpv4Cidr, parsePortRange, type Ipv4Range } from './ip-range.js';

interface ServicePort {
  port?: number;
  nodePort?: number;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: ServicePort[];
}

type Undo = () => Promise<void>;

const SERVICE_GK = { group: '', kind: 'Service' };
const specOf = (svc: KObject): ServiceSpec => ((svc.spec ??= {}) as ServiceSpec);
const needsClusterIP = (s: ServiceSpec): boolean => s.type !== 'ExternalName' && s.clusterIP !== 'None';
const needsNodePorts = (s: ServiceSpec): boolean => s.type === 'NodePort' || s.type === 'LoadBalancer';

export interface ServiceAllocatorOptions {
  store: ObjectStore;
  serviceClusterIPRange: string;
  serviceNodePortRange: string;
}

export class ServiceAllocator implements ResourceHooks {
  readonly ipRange: Ipv4Range;
  private readonly ports: { base: number; size: number };
  private readonly ips: BitmapRange;
  private readonly nodePorts: BitmapRange;

  constructor(opts: ServiceAllocatorOptions) {
    this.ipRange = parseIpv4Cidr(opts.serviceClusterIPRange);
    this.ports = parsePortRange(opts.serviceNodePortRange);
    // Like Kubernetes, random IPs come from above the first 1/16 of the range (at most 256
    // addresses), which stays free for addresses users pick themselves.
    const staticBand = Math.min(256, Math.max(16, Math.floor(this.ipRange.size / 16)));
    this.ips = new BitmapRange({ store: opts.store, key: '/registry/ranges/serviceips', rangeText: this.ipRange.cidr, size: this.ipRange.size, dynamicFrom: staticBand });
    this.nodePorts = new BitmapRange({ store: opts.store, key: '/registry/ranges/servicenodeports', rangeText: `${this.ports.base}-${this.ports.base + this.ports.size - 1}`, size: this.ports.size });
  }

  async start(): Promise<void> {
    await this.ips.ensure();
    await this.nodePorts.ensure();
  }

  /** The first address of the range: the `kubernetes` service's ClusterIP. */
  get firstIP(): string {
    return formatIpv4(this.ipRange.base);
  }

  async beforeCreate(svc: KObject, dryRun: boolean): Promise<Undo> {
    return this.allocate(svc, undefined, dryRun);
  }

  async beforeUpdate(svc: KObject, old: KObject, dryRun: boolean): Promise<Undo> {
    const spec = specOf(svc);
    const prev = specOf(old);
    // A client that leaves allocated values out keeps them (kube-apiserver's patchAllocatedValues).
    if (needsClusterIP(spec) && !spec.clusterIP && prev.clusterIP) {
      spec.clusterIP = prev.clusterIP;
      if (prev.clusterIPs) spec.clusterIPs = prev.clusterIPs;
    }
    if (needsNodePorts(spec) && needsNodePorts(prev)) {
      for (const p of spec.ports ?? []) {
        const same = (prev.ports ?? []).find((q) => q.port === p.port && q.nodePort);
        if (!p.nodePort && same?.nodePort) p.nodePort = same.nodePort;
      }
    }
    return this.allocate(svc, old, dryRun);
  }

  async afterUpdate(svc: KObject, old: KObject): Promise<void> {
    await this.releaseUnused(old, svc);
  }

  async afterDelete(svc: KObject): Promise<void> {
    await this.releaseUnused(svc, undefined);
  }

  /** Allocates what `svc` needs and `old` did not hold; returns the undo for those allocations. */
  private async allocate(svc: KObject, old: KObject | undefined, dryRun: boolean): Promise<Undo> {
    const spec = specOf(svc);
    const prev = old ? specOf(old) : {};
    const name = svc.metadata.name ?? '';
    const taken: Array<() => Promise<void>> = [];
    const undo: Undo = async () => {
      for (const t of taken.splice(0)) await t();
    };
    try {
      if (needsClusterIP(spec) && (!spec.clusterIP || spec.clusterIP !== prev.clusterIP)) {
        const ip = await this.allocateIP(name, spec.clusterIP);
        taken.push(() => this.releaseIP(ip));
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
        spec.ipFamilies = ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
      } else if (spec.clusterIP === 'None') {
        spec.clusterIPs = ['None'];
      }
      if (needsNodePorts(spec)) {
        const held = new Set((needsNodePorts(prev) ? prev.ports ?? [] : []).map((p) => p.nodePort));
        for (const [i, p] of (spec.ports ?? []).entries()) {
          if (p.nodePort && held.has(p.nodePort)) continue;
          const port = await this.allocateNodePort(name, p.nodePort, i);
          taken.push(() => this.releaseNodePort(port));
          p.nodePort = port;
        }
      } else {
        for (const p of spec.ports ?? []) delete p.nodePort;
      }
    } catch (err) {
      await undo();
      throw err;
    }
    if (dryRun) await undo();
    return undo;
  }

  private async allocateIP(name: string, requested: string | undefined): Promise<string> {
    if (!requested) {
      try {
        return formatIpv4(this.ipRange.base + (await this.ips.allocateNext()));
      } catch (err) {
        if (err instanceof RangeFullError) throw this.refuse(name, fieldInvalid('spec.clusterIPs', [], `failed to allocate IP: range is full`));
        throw err;
      }
    }
    const off = offsetOf(this.ipRange, requested);
    const refusal = (why: string): Error => this.refuse(name, fieldInvalid('spec.clusterIPs', [requested], `failed to allocate IP ${requested}: ${why}`));
    if (off === undefined) throw refusal(`the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${this.ipRange.cidr}`);
    try {
      await this.ips.allocate(off);
    } catch (err) {
      if (err instanceof AlreadyAllocatedError) throw refusal('provided IP is already allocated');
      throw err;
    }
    return requested;
  }

  private async allocateNodePort(name: string, requested: number | undefined, index: number): Promise<number> {
    const field = `spec.ports[${index}].nodePort`;
    if (!requested) {
      try {
        return this.ports.base + (await this.nodePorts.allocateNext());
      } catch (err) {
        if (err instanceof RangeFullError) throw this.refuse(name, fieldInvalid(field, 0, 'failed to allocate a nodePort: range is full'));
        throw err;
      }
    }
    const off = requested - this.ports.base;
    if (off < 0 || off >= this.ports.size) {
      const hi = this.ports.base + this.ports.size - 1;
      throw this.refuse(name, fieldInvalid(field, requested, `provided port is not in the valid range. The range of valid ports is ${this.ports.base}-${hi}`));
    }
    try {
      await this.nodePorts.allocate(off);
    } catch (err) {
      if (err instanceof AlreadyAllocatedError) throw this.refuse(name, fieldInvalid(field, requested, 'provided port is already allocated'));
      throw err;
    }
    return requested;
  }

  private async releaseIP(ip: string): Promise<void> {
    const off = offsetOf(this.ipRange, ip);
    if (off !== undefined) await this.ips.release(off);
  }

  private async releaseNodePort(port: number): Promise<void> {
    const off = port - this.ports.base;
    if (off >= 0 && off < this.ports.size) await this.nodePorts.release(off);
  }

  /** Releases what `old` held and `next` (if any) no longer does. */
  private async releaseUnused(old: KObject, next: KObject | undefined): Promise<void> {
    const prev = specOf(old);
    const cur = next ? specOf(next) : {};
    if (prev.clusterIP && prev.clusterIP !== 'None' && prev.clusterIP !== cur.clusterIP) await this.releaseIP(prev.clusterIP);
    const kept = new Set((next && needsNodePorts(cur) ? cur.ports ?? [] : []).map((p) => p.nodePort));
    for (const p of needsNodePorts(prev) ? prev.ports ?? [] : []) {
      if (p.nodePort && !kept.has(p.nodePort)) await this.releaseNodePort(p.nodePort);
    }
  }

  private refuse(name: string, e: FieldError): Error {
    return invalid(SERVICE_GK, name, [e]);
  }
}
