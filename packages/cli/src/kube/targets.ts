// What the user named on the command line, kubectl's two spellings: `TYPE[,TYPE…] [NAME…]` or
// `TYPE/NAME …`, resolved against discovery.
import type { KubeObject, ResourceInfo } from '@kubelite/api';
import type { ResourceClient } from '@kubelite/client';
import { cliError } from './errors.js';
import type { Session } from './session.js';

export interface Target {
  info: ResourceInfo;
  /** empty: every object of the type (subject to selectors) */
  names: string[];
}

export async function resolveTargets(session: Session, args: readonly string[]): Promise<Target[]> {
  const [first, ...rest] = args;
  if (first === undefined) throw cliError('NO_RESOURCE_TYPE');
  const discovery = session.resources();
  if (first.includes('/')) {
    const targets: Target[] = [];
    for (const arg of args) {
      const slash = arg.indexOf('/');
      if (slash <= 0) throw cliError('UNKNOWN_RESOURCE', arg);
      const info = await discovery.resolve(arg.slice(0, slash));
      const name = arg.slice(slash + 1);
      const same = targets.find((t) => t.info === info);
      if (same) same.names.push(name);
      else targets.push({ info, names: [name] });
    }
    return targets;
  }
  const types = first.split(',').filter((t) => t !== '');
  const infos = await Promise.all(types.map((t) => discovery.resolve(t)));
  return infos.map((info) => ({ info, names: [...rest] }));
}

/** A client for the type bound to the namespace (ignored when the type is cluster-scoped). */
export function clientFor<T extends KubeObject = KubeObject>(session: Session, info: ResourceInfo, namespace = session.namespace): ResourceClient<T> {
  return session.client.forResource<T>(info).namespace(namespace);
}

/** One `TYPE/NAME` or `TYPE NAME` reference, as scale/rollout/describe take it. */
export async function resolveOne(session: Session, args: readonly string[]): Promise<{ info: ResourceInfo; name: string }> {
  const targets = await resolveTargets(session, args);
  const t = targets[0];
  const name = t?.names[0];
  if (!t || name === undefined) throw cliError('NOTHING_TO_DELETE');
  return { info: t.info, name };
}
