// `klctl drain NODE`: cordon, then evict (policy/v1 Eviction) every pod drain may move, retrying
// evictions a disruption budget refuses (429), and wait for each pod to be gone.
import { Command, Option } from 'commander';
import type { Pod } from '@kubelite/api';
import { isNotFound, isTooManyRequests, type ResourceClient } from '@kubelite/client';
import { planDrain, type DrainFlags } from '../kube/drain-filter.js';
import { durationFlag } from '../kube/duration.js';
import { cliError } from '../kube/errors.js';
import { stdout } from '../kube/output.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';
import { sleep, waitGone } from '../kube/wait.js';
import { setUnschedulable } from './cordon.js';

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const EVICT_RETRY_MS = 5_000;

interface Flags extends DrainFlags {
  timeout: number;
  gracePeriod?: string;
}

async function evict(pods: ResourceClient<Pod>, p: Pod, deadline: number, grace: number | undefined): Promise<void> {
  const name = p.metadata.name ?? '';
  const ns = p.metadata.namespace ?? '';
  const body = {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name, namespace: ns },
    deleteOptions: grace !== undefined && grace >= 0 ? { gracePeriodSeconds: grace } : {},
  };
  for (let attempt = 0; Date.now() < deadline && attempt < 10_000; attempt++) {
    try {
      await pods.namespace(ns).request({ method: 'POST', name, subresource: 'eviction', body });
      return;
    } catch (e) {
      if (isNotFound(e)) return;
      if (!isTooManyRequests(e)) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      process.stderr.write(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${msg}\n`);
      await sleep(EVICT_RETRY_MS);
    }
  }
  throw cliError('TIMED_OUT', `eviction of pod ${ns}/${name}`);
}

async function drain(session: Session, node: string, flags: Flags): Promise<void> {
  const out = stdout();
  out.write(`${await setUnschedulable(session, node, true)}\n`);
  const pods = session.client.resource<Pod>('', 'v1', 'pods');
  const list = await pods.listAll({ fieldSelector: `spec.nodeName=${node}` });
  const plan = planDrain(list.items, flags);
  if (plan.errors.length > 0) throw new Error(`unable to drain node "${node}": ${plan.errors.join('; ')}`);
  for (const w of plan.warnings) process.stderr.write(`Warning: ${w}\n`);
  const deadline = Date.now() + (flags.timeout > 0 ? flags.timeout : DEFAULT_TIMEOUT_MS);
  const grace = flags.gracePeriod === undefined ? undefined : Number(flags.gracePeriod);
  await Promise.all(
    plan.evict.map(async (p) => {
      const name = p.metadata.name ?? '';
      out.write(`evicting pod ${p.metadata.namespace ?? ''}/${name}\n`);
      await evict(pods, p, deadline, grace);
      const gone = await waitGone(pods.namespace(p.metadata.namespace ?? ''), name, p.metadata.uid, Math.max(0, deadline - Date.now()));
      if (!gone) throw cliError('TIMED_OUT', `pod ${p.metadata.namespace ?? ''}/${name} to be evicted`);
      out.write(`pod/${name} evicted\n`);
    }),
  );
  out.write(`node/${node} drained\n`);
}

export function registerDrainCommand(program: Command): void {
  program
    .command('drain')
    .description('Cordon a node and evict its pods')
    .argument('<node>', 'node name')
    .option('--force', 'also delete pods that have no controller')
    .option('--ignore-daemonsets', 'leave DaemonSet-managed pods alone')
    .option('--delete-emptydir-data', 'evict pods with emptyDir volumes (their data is lost)')
    .option('--grace-period <seconds>', 'seconds each pod gets to terminate (-1: the pod\'s own)')
    .addOption(new Option('--timeout <duration>', 'give up after this long (0: 5m)').argParser(durationFlag('--timeout')).default(0))
    .action(verb(async (session, node: string, flags: Flags) => drain(session, node, flags)));
}
