// `klctl scale TYPE/NAME --replicas=N`: a merge patch on the scale subresource, as kubectl sends.
import { Command, InvalidArgumentError } from 'commander';
import { qualifiedName } from '../kube/discovery.js';
import { CliProblems } from '../kube/errors.js';
import { stdout } from '../kube/output.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';
import { clientFor, resolveTargets } from '../kube/targets.js';

interface ScaleFlags {
  replicas: number;
}

const replicas = (v: string): number => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError(CliProblems.BAD_REPLICAS(v));
  return Number(v);
};

async function scale(session: Session, args: string[], flags: ScaleFlags): Promise<void> {
  for (const t of await resolveTargets(session, args)) {
    const rc = clientFor(session, t.info);
    for (const name of t.names) {
      await rc.patch(name, 'merge', { spec: { replicas: flags.replicas } }, { subresource: 'scale' });
      stdout().write(`${qualifiedName(t.info)}/${name} scaled\n`);
    }
  }
}

export function registerScaleCommand(program: Command): void {
  program
    .command('scale')
    .description('Set a new size for a deployment, replica set, replication controller, or stateful set')
    .argument('<refs...>', 'TYPE NAME… or TYPE/NAME …')
    .requiredOption('--replicas <n>', 'the new number of replicas', replicas)
    .action(verb(async (session, args: string[], flags: ScaleFlags) => scale(session, args, flags)));
}
