// Every schema definition kubelite serves, by upstream name, and the lookups over them.
import { APPS_DEFINITIONS } from './defs-apps.js';
import { CONTAINER_DEFINITIONS } from './defs-container.js';
import { CORE_DEFINITIONS } from './defs-core.js';
import { GROUP_DEFINITIONS } from './defs-groups.js';
import { META_DEFINITIONS } from './defs-meta.js';
import { POD_DEFINITIONS } from './defs-pod.js';
import { VOLUME_DEFINITIONS } from './defs-volume.js';
import type { Definition, TypeNode } from './dsl.js';
import type { GroupVersionKind } from '../resources/types.js';

let byName: ReadonlyMap<string, Definition> | undefined;

/** All definitions by upstream name (built once). */
export function definitions(): ReadonlyMap<string, Definition> {
  if (byName) return byName;
  const m = new Map<string, Definition>();
  for (const d of [
    ...META_DEFINITIONS,
    ...CONTAINER_DEFINITIONS,
    ...VOLUME_DEFINITIONS,
    ...POD_DEFINITIONS,
    ...CORE_DEFINITIONS,
    ...APPS_DEFINITIONS,
    ...GROUP_DEFINITIONS,
  ]) {
    if (m.has(d.name)) throw new Error(`openapi: definition ${d.name} declared twice`);
    m.set(d.name, d);
  }
  byName = m;
  return m;
}

export function definition(name: string): Definition | undefined {
  return definitions().get(name);
}

const gvkKey = (g: Pick<GroupVersionKind, 'group' | 'version' | 'kind'>): string => `${g.group}/${g.version}/${g.kind}`;
let byGvk: ReadonlyMap<string, Definition> | undefined;

/** The definition of a top-level kind, e.g. `{group:'apps',version:'v1',kind:'Deployment'}`. */
export function definitionForKind(gvk: GroupVersionKind): Definition | undefined {
  if (!byGvk) {
    const m = new Map<string, Definition>();
    for (const d of definitions().values()) for (const g of d.gvk ?? []) m.set(gvkKey(g), d);
    byGvk = m;
  }
  return byGvk.get(gvkKey(gvk));
}

/** Names of the definitions a type refers to, directly. */
export function refsOf(node: TypeNode, out: string[] = []): string[] {
  if (node.t === 'ref') out.push(node.name);
  else if (node.t === 'list') refsOf(node.items, out);
  else if (node.t === 'map') refsOf(node.values, out);
  return out;
}

/** The transitive closure of definitions reachable from `roots`, in discovery order. */
export function closure(roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  // Bounded by the number of definitions: each name is expanded once.
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    const d = definition(name);
    if (!d) throw new Error(`openapi: reference to undeclared definition ${name}`);
    seen.add(name);
    for (const field of Object.values(d.fields ?? {})) stack.push(...refsOf(field.type));
  }
  return [...seen];
}
