// nodeTree: node names grouped by zone (topology.kubernetes.io/zone, region-qualified) and
// listed round-robin across zones, so that when the scheduler stops after enough feasible nodes
// (percentageOfNodesToScore) the nodes it looked at are spread over zones.
import type { Node } from '@kubelite/api';

const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';

function zoneOf(node: Node): string {
  const l = node.metadata.labels ?? {};
  const region = l[REGION] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l[ZONE] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

export class NodeTree {
  private readonly zones = new Map<string, Set<string>>();
  private cached: string[] | undefined;

  add(node: Node): void {
    const zone = zoneOf(node);
    let names = this.zones.get(zone);
    if (!names) this.zones.set(zone, (names = new Set()));
    names.add(node.metadata.name ?? '');
    this.cached = undefined;
  }

  remove(node: Node): void {
    const zone = zoneOf(node);
    const names = this.zones.get(zone);
    if (!names) return;
    names.delete(node.metadata.name ?? '');
    if (names.size === 0) this.zones.delete(zone);
    this.cached = undefined;
  }

  update(oldNode: Node, node: Node): void {
    if (zoneOf(oldNode) === zoneOf(node)) return;
    this.remove(oldNode);
    this.add(node);
  }

  list(): string[] {
    if (this.cached) return this.cached;
    const out: string[] = [];
    const lists = [...this.zones.values()].map((s) => [...s]);
    for (let i = 0, added = true; added; i++) {
      added = false;
      for (const l of lists) {
        if (i < l.length) {
          out.push(l[i]!);
          added = true;
        }
      }
    }
    this.cached = out;
    return out;
  }
}
