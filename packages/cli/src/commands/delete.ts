// `klctl delete`: by name, TYPE/NAME, -f, -l or --all; like kubectl it then waits for each
// object to be really gone (finalizers, graceful pod termination) unless --wait=false.
import { Command, Option } from 'commander';
import type { KubeObject, ResourceInfo } from '@kubelite/api';
import { isNotFound, type ResourceClient } from '@kubelite/client';
import { bindManifest } from '../kube/bind.js';
import { qualifiedName } from '../kube/discovery.js';
import { durationFlag } from '../kube/duration.js';
import { cliError, serverErrorLine } from '../kube/errors.js';
import { readManifests, readStdin } from '../kube/manifests.js';
import { stdout } from '../kube/output.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';
import { clientFor, resolveTargets } from '../kube/targets.js';
import { waitGone } from '../kube/wait.js';
import { collect } from './apply.js';

const DEFAULT_WAIT_MS = 120_000;

interface DeleteFlags {
  filename: string[];
  selector?: string;
  all?: boolean;
  wait: string;
  ignoreNotFound?: boolean;
  gracePeriod?: string;
  timeout: number;
}

interface Victim {
  info: ResourceInfo;
  rc: ResourceClient;
  name: string;
}

async function victimsFromArgs(session: Session, args: string[], flags: DeleteFlags): Promise<Victim[]> {
  const targets = await resolveTargets(session, args);
  const out: Victim[] = [];
  for (const t of targets) {
    const rc = clientFor(session, t.info);
    if (t.names.length > 0) {
      if (flags.selector) throw cliError('NAME_AND_SELECTOR');
      for (const name of t.names) out.push({ info: t.info, rc, name });
      continue;
    }
    if (!flags.selector && !flags.all) throw cliError('NOTHING_TO_DELETE');
    const list = await rc.listAll({ labelSelector: flags.selector });
    for (const obj of list.items) out.push({ info: t.info, rc, name: obj.metadata.name ?? '' });
  }
  return out;
}

async function deleteOne(v: Victim, flags: DeleteFlags): Promise<{ line?: string; uid?: string; error?: string }> {
  const grace = flags.gracePeriod === undefined ? undefined : Number(flags.gracePeriod);
  try {
    const answer = await v.rc.delete(v.name, {
      propagationPolicy: 'Background',
      gracePeriodSeconds: grace !== undefined && grace >= 0 ? grace : undefined,
    });
    const uid = (answer as KubeObject).metadata?.uid;
    return { line: `${qualifiedName(v.info)} "${v.name}" deleted`, uid: (answer as KubeObject).kind === 'Status' ? undefined : uid };
  } catch (e) {
    if (isNotFound(e) && flags.ignoreNotFound) return {};
    const line = serverErrorLine(e);
    if (!line) throw e;
    return { error: line };
  }
}

async function del(session: Session, args: string[], flags: DeleteFlags): Promise<void> {
  const victims =
    flags.filename.length > 0
      ? (await Promise.all(readManifests(flags.filename, readStdin).map((m) => bindManifest(session, m)))).map((b) => ({ info: b.info, rc: b.rc, name: b.name }))
      : await victimsFromArgs(session, args, flags);
  if (victims.length === 0 && (flags.all || flags.selector)) {
    process.stderr.write('No resources found\n');
    return;
  }
  const pending: Array<Victim & { uid?: string }> = [];
  for (const v of victims) {
    const r = await deleteOne(v, flags);
    if (r.error) {
      process.stderr.write(`${r.error}\n`);
      process.exitCode = 1;
    }
    if (r.line) {
      stdout().write(`${r.line}\n`);
      pending.push({ ...v, uid: r.uid });
    }
  }
  if (flags.wait === 'false') return;
  const timeout = flags.timeout > 0 ? flags.timeout : DEFAULT_WAIT_MS;
  const gone = await Promise.all(pending.map((v) => waitGone(v.rc, v.name, v.uid, timeout)));
  const stuck = pending.filter((_, i) => !gone[i]);
  if (stuck.length > 0) throw cliError('TIMED_OUT', `deletion of ${stuck.map((v) => `${qualifiedName(v.info)}/${v.name}`).join(', ')}`);
}

export function registerDeleteCommand(program: Command): void {
  program
    .command('delete')
    .description('Delete resources by file, type and name, or selector')
    .argument('[type-or-refs...]', 'TYPE [NAME…] or TYPE/NAME …')
    .option('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .option('-l, --selector <selector>', 'delete what matches this label selector')
    .option('--all', 'delete every object of the type in the namespace')
    .addOption(new Option('--wait [bool]', 'wait for objects to be gone before returning').default('true').preset('true'))
    .option('--ignore-not-found', 'treat "not found" as success')
    .option('--grace-period <seconds>', 'seconds given to the object to terminate gracefully')
    .addOption(new Option('--timeout <duration>', 'how long to wait for deletion (0: 120s)').argParser(durationFlag('--timeout')).default(0))
    .action(verb(async (session, args: string[], flags: DeleteFlags) => del(session, args, flags)));
}
