// Which pods `drain` may evict, kubectl's rules and wording: mirror pods and finished pods are
// skipped or just deleted; DaemonSet pods need --ignore-daemonsets (then are left alone); pods
// with no controller need --force; pods with emptyDir data need --delete-emptydir-data.
import type { Pod } from '@kubelite/api';

export interface DrainFlags {
  force?: boolean;
  ignoreDaemonsets?: boolean;
  deleteEmptydirData?: boolean;
}

export interface DrainPlan {
  evict: Pod[];
  /** `Warning: …` lines */
  warnings: string[];
  /** reasons drain must refuse */
  errors: string[];
}

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

const key = (p: Pod): string => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;

export function planDrain(pods: readonly Pod[], flags: DrainFlags): DrainPlan {
  const groups = { daemonset: [] as string[], unmanaged: [] as string[], localStorage: [] as string[] };
  const evict: Pod[] = [];
  let refuse = { daemonset: false, unmanaged: false, localStorage: false };
  for (const p of pods) {
    if (p.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) continue;
    const finished = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
    const controller = p.metadata.ownerReferences?.find((o) => o.controller);
    if (!finished && controller?.kind === 'DaemonSet') {
      groups.daemonset.push(key(p));
      if (!flags.ignoreDaemonsets) refuse = { ...refuse, daemonset: true };
      continue;
    }
    if (!finished && !controller) {
      groups.unmanaged.push(key(p));
      if (!flags.force) refuse = { ...refuse, unmanaged: true };
    }
    if (!finished && (p.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined)) {
      groups.localStorage.push(key(p));
      if (!flags.deleteEmptydirData) refuse = { ...refuse, localStorage: true };
    }
    evict.push(p);
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  if (groups.daemonset.length > 0) {
    if (refuse.daemonset) errors.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${groups.daemonset.join(', ')}`);
    else warnings.push(`ignoring DaemonSet-managed Pods: ${groups.daemonset.join(', ')}`);
  }
  if (groups.unmanaged.length > 0) {
    if (refuse.unmanaged) errors.push(`cannot delete Pods that declare no controller (use --force to override): ${groups.unmanaged.join(', ')}`);
    else warnings.push(`deleting Pods that declare no controller: ${groups.unmanaged.join(', ')}`);
  }
  if (groups.localStorage.length > 0) {
    if (refuse.localStorage) errors.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${groups.localStorage.join(', ')}`);
    else warnings.push(`deleting Pods with local storage: ${groups.localStorage.join(', ')}`);
  }
  return { evict, warnings, errors };
}
