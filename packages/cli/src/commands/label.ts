// `klctl label` and `klctl annotate`: `k=v` sets, `k-` removes, an existing different value
// needs --overwrite; one merge patch per object, as kubectl sends it.
import { Command } from 'commander';
import type { KubeObject } from '@kubelite/api';
import { qualifiedName } from '../kube/discovery.js';
import { cliError } from '../kube/errors.js';
import { stdout } from '../kube/output.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';
import { clientFor, resolveTargets } from '../kube/targets.js';

type Field = 'labels' | 'annotations';

interface MetaFlags {
  overwrite?: boolean;
  selector?: string;
  all?: boolean;
}

export interface MetaChanges {
  set: Record<string, string>;
  remove: string[];
}

/** Splits the trailing `k=v` / `k-` arguments from the resource arguments. */
export function parseChanges(args: readonly string[]): { resources: string[]; changes: MetaChanges } {
  const changes: MetaChanges = { set: {}, remove: [] };
  const resources: string[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) changes.set[a.slice(0, eq)] = a.slice(eq + 1);
    else if (a.endsWith('-') && a.length > 1 && resources.length > 0) changes.remove.push(a.slice(0, -1));
    else if (Object.keys(changes.set).length > 0 || changes.remove.length > 0) throw cliError('BAD_LABEL', a);
    else resources.push(a);
  }
  if (Object.keys(changes.set).length === 0 && changes.remove.length === 0) throw cliError('NO_CHANGES');
  return { resources, changes };
}

async function updateMeta(session: Session, field: Field, args: string[], flags: MetaFlags): Promise<void> {
  const { resources, changes } = parseChanges(args);
  const targets = await resolveTargets(session, resources);
  const verbName = field === 'labels' ? 'labeled' : 'annotated';
  for (const t of targets) {
    const rc = clientFor(session, t.info);
    const objects: KubeObject[] =
      t.names.length > 0 ? await Promise.all(t.names.map((n) => rc.get(n))) : (await rc.listAll({ labelSelector: flags.selector })).items;
    for (const obj of objects) {
      const current = obj.metadata[field] ?? {};
      for (const [k, v] of Object.entries(changes.set)) {
        const had = current[k];
        if (had !== undefined && had !== v && !flags.overwrite) throw cliError('ALREADY_HAS', k, k, had);
      }
      const patch: Record<string, string | null> = { ...changes.set };
      for (const k of changes.remove) patch[k] = null;
      const name = obj.metadata.name ?? '';
      await rc.patch(name, 'merge', { metadata: { [field]: patch } }, { fieldManager: field === 'labels' ? 'kubectl-label' : 'kubectl-annotate' });
      stdout().write(`${qualifiedName(t.info)}/${name} ${verbName}\n`);
    }
  }
}

function register(program: Command, name: 'label' | 'annotate', field: Field): void {
  program
    .command(name)
    .description(`Update the ${field} on resources: KEY=VALUE sets, KEY- removes`)
    .argument('<args...>', `TYPE NAME… KEY=VALUE… KEY-…  or TYPE/NAME KEY=VALUE…`)
    .option('--overwrite', 'allow replacing an existing value')
    .option('-l, --selector <selector>', 'update every object matching the selector')
    .option('--all', 'update every object of the type in the namespace')
    .action(verb(async (session, args: string[], flags: MetaFlags) => updateMeta(session, field, args, flags)));
}

export function registerLabelCommands(program: Command): void {
  register(program, 'label', 'labels');
  register(program, 'annotate', 'annotations');
}
