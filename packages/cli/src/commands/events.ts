// `klctl events`: kubectl's LAST SEEN TYPE REASON OBJECT MESSAGE view of core/v1 Events, oldest
// first; -A adds NAMESPACE, --for TYPE/NAME narrows to one object, -w keeps printing.
import { Command } from 'commander';
import type { ObjectReference } from '@kubelite/api';
import { ageOf } from '../kube/age.js';
import { cliError } from '../kube/errors.js';
import { bold, stdout } from '../kube/output.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';
import { renderColumns } from '../kube/table.js';

interface EventFlags {
  allNamespaces?: boolean;
  for?: string;
  watch?: boolean;
  types?: string;
}

/** The fields of core/v1 Event klctl shows. */
export interface CoreEvent {
  metadata: { name?: string; namespace?: string; creationTimestamp?: string };
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
}

export function lastSeen(e: CoreEvent): string | undefined {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? undefined;
}

function lastSeenCell(e: CoreEvent, now: number): string {
  const age = ageOf(lastSeen(e), now);
  const count = e.series?.count ?? e.count ?? 1;
  const first = e.firstTimestamp ?? e.eventTime;
  // kubectl's "(x3 over 2m)" for repeated events
  return count > 1 && first ? `${age} (x${count} over ${ageOf(first, now)})` : age;
}

export function eventRow(e: CoreEvent, withNamespace: boolean, now = Date.now()): string[] {
  const obj = `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`;
  const row = [lastSeenCell(e, now), e.type ?? '', e.reason ?? '', obj, (e.message ?? '').trim()];
  return withNamespace ? [e.metadata.namespace ?? '', ...row] : row;
}

export const EVENT_HEADER = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];

/** `--for pod/web` → involvedObject field selector (kind resolved through discovery). */
async function forSelector(session: Session, ref: string): Promise<string> {
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1) throw cliError('BAD_FOR', ref);
  const info = await session.resources().resolve(ref.slice(0, slash));
  return `involvedObject.kind=${info.kind},involvedObject.name=${ref.slice(slash + 1)}`;
}

async function events(session: Session, flags: EventFlags): Promise<void> {
  const all = flags.allNamespaces === true;
  const base = session.client.resource<CoreEvent & { kind?: string; apiVersion?: string }>('', 'v1', 'events');
  const rc = all ? base : base.namespace(session.namespace);
  const fieldSelector = flags.for ? await forSelector(session, flags.for) : undefined;
  const types = flags.types?.split(',').map((t) => t.trim().toLowerCase());
  const keep = (e: CoreEvent): boolean => !types || types.includes((e.type ?? '').toLowerCase());
  const list = await rc.listAll({ fieldSelector });
  const items = list.items.filter(keep).sort((a, b) => Date.parse(lastSeen(a) ?? '') - Date.parse(lastSeen(b) ?? ''));
  const out = stdout();
  const header = all ? ['NAMESPACE', ...EVENT_HEADER] : EVENT_HEADER;
  if (items.length === 0 && !flags.watch) {
    process.stderr.write(all ? 'No events found.\n' : `No events found in ${session.namespace} namespace.\n`);
    return;
  }
  if (items.length > 0) out.write(renderColumns([header, ...items.map((e) => eventRow(e, all))], (l) => bold(out, l)));
  if (!flags.watch) return;
  const watch = await rc.watch({ fieldSelector, resourceVersion: list.metadata?.resourceVersion });
  const stop = (): void => watch.close();
  process.once('SIGINT', stop);
  try {
    for await (const ev of watch) {
      if ((ev.type === 'ADDED' || ev.type === 'MODIFIED') && keep(ev.object)) out.write(renderColumns([eventRow(ev.object, all)]));
    }
  } finally {
    process.off('SIGINT', stop);
  }
}

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description('List events (LAST SEEN TYPE REASON OBJECT MESSAGE)')
    .option('-A, --all-namespaces', 'events of every namespace')
    .option('--for <kind/name>', 'only events about this object')
    .option('--types <types>', 'only these event types (Normal,Warning)')
    .option('-w, --watch', 'keep printing new events')
    .action(verb(async (session, flags: EventFlags) => events(session, flags)));
}
