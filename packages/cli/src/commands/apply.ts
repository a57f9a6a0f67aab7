// `klctl apply -f …`: server-side apply with field manager `klctl` (force=false), saying
// created / configured / unchanged like kubectl by comparing resourceVersions before and after.
import { Command } from 'commander';
import type { KubeObject } from '@kubelite/api';
import { isNotFound } from '@kubelite/client';
import { bindManifest, type Bound } from '../kube/bind.js';
import { qualifiedName } from '../kube/discovery.js';
import { readManifests, readStdin } from '../kube/manifests.js';
import { stdout } from '../kube/output.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';

export const FIELD_MANAGER = 'klctl';

interface ApplyFlags {
  filename: string[];
  forceConflicts?: boolean;
  dryRun?: string;
}

async function live(b: Bound): Promise<KubeObject | undefined> {
  try {
    return await b.rc.get(b.name);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** What a user sees of an object: without resourceVersion and managedFields bookkeeping. */
function visible(obj: KubeObject): string {
  const { resourceVersion: _rv, managedFields: _mf, ...metadata } = obj.metadata;
  return JSON.stringify({ ...obj, metadata });
}

/**
 * created / unchanged / configured. A new resourceVersion normally means configured, but an
 * apply the server persisted without changing anything visible still reads as unchanged.
 */
function outcome(before: KubeObject | undefined, after: KubeObject): string {
  if (before === undefined) return 'created';
  if (after.metadata.resourceVersion === before.metadata.resourceVersion) return 'unchanged';
  return visible(after) === visible(before) ? 'unchanged' : 'configured';
}

async function applyOne(b: Bound, flags: ApplyFlags): Promise<string> {
  const before = await live(b);
  const after: KubeObject = await b.rc.patch(b.name, 'apply', b.obj, {
    fieldManager: FIELD_MANAGER,
    force: flags.forceConflicts === true,
    dryRun: flags.dryRun === 'server',
  });
  const verbDone = outcome(before, after);
  const dry = flags.dryRun === 'server' ? ' (server dry run)' : '';
  return `${qualifiedName(b.info)}/${b.name} ${verbDone}${dry}`;
}

async function apply(session: Session, flags: ApplyFlags): Promise<void> {
  const manifests = readManifests(flags.filename, readStdin);
  const out = stdout();
  // Bind everything first so an unknown kind fails before anything is written.
  const bound = await Promise.all(manifests.map((m) => bindManifest(session, m)));
  for (const b of bound) out.write(`${await applyOne(b, flags)}\n`);
}

export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export function registerApplyCommand(program: Command): void {
  program
    .command('apply')
    .description('Apply a configuration to resources from files, a directory, or stdin (-f -)')
    .option('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .option('--force-conflicts', 'take over fields other managers own')
    .option('--dry-run <mode>', 'server: ask the server to validate without persisting')
    .action(verb(async (session, flags: ApplyFlags) => apply(session, flags)));
}
