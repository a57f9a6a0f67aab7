// `klctl cordon|uncordon NODE`: spec.unschedulable via a strategic merge patch, as kubectl does.
import { Command } from 'commander';
import type { Node } from '@kubelite/api';
import { stdout } from '../kube/output.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';

/** Marks the node (un)schedulable; returns kubectl's line (`node/x cordoned`, `… already cordoned`). */
export async function setUnschedulable(session: Session, name: string, on: boolean): Promise<string> {
  const nodes = session.client.resource<Node>('', 'v1', 'nodes');
  const node = await nodes.get(name);
  const word = on ? 'cordoned' : 'uncordoned';
  if ((node.spec?.unschedulable === true) === on) return `node/${name} already ${word}`;
  await nodes.patch(name, 'strategic', { spec: { unschedulable: on ? true : null } }, { fieldManager: 'kubectl-cordon' });
  return `node/${name} ${word}`;
}

export function registerCordonCommands(program: Command): void {
  for (const [cmd, on] of [['cordon', true], ['uncordon', false]] as const) {
    program
      .command(cmd)
      .description(on ? 'Mark a node as unschedulable' : 'Mark a node as schedulable')
      .argument('<nodes...>', 'node names')
      .action(
        verb(async (session, names: string[]) => {
          for (const n of names) stdout().write(`${await setUnschedulable(session, n, on)}\n`);
        }),
      );
  }
}
