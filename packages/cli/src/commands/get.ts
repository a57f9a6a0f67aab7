// `klctl get TYPE [NAME…]`: server-side Tables (kubectl's exact columns) or whole objects with
// -o yaml|json|name; -l, -A, --no-headers, and -w to keep printing rows as objects change.
import { Command } from 'commander';
import type { KubeObject, KubeList } from '@kubelite/api';
import { isNotFound } from '@kubelite/client';
import { serverErrorLine } from '../kube/errors.js';
import { bold, stderr, stdout, type Out } from '../kube/output.js';
import { parseOutput, printObjects, type ObjectFormat, type OutputFormat } from '../kube/printers.js';
import { verb } from '../kube/run.js';
import { getTable, headerOf, listTable, rowCells, TABLE_ACCEPT, type ServerTable, type TableView } from '../kube/server-table.js';
import type { Session } from '../kube/session.js';
import { renderColumns } from '../kube/table.js';
import { clientFor, resolveTargets, type Target } from '../kube/targets.js';

interface GetFlags {
  output?: string;
  selector?: string;
  fieldSelector?: string;
  allNamespaces?: boolean;
  /** false with --no-headers (commander negatable flag) */
  headers?: boolean;
  watch?: boolean;
}

/** The path of a target's collection (or one object) in the namespace or across all. */
function pathFor(session: Session, t: Target, all: boolean, name?: string): string {
  const rc = all ? session.client.forResource(t.info) : clientFor(session, t.info);
  return rc.path(all || !t.info.namespaced ? undefined : session.namespace, name);
}

/** Rows of one target as a Table; per-name misses are reported, the rest still printed. */
async function tableFor(session: Session, t: Target, flags: GetFlags, errors: string[]): Promise<ServerTable> {
  const all = flags.allNamespaces === true;
  if (t.names.length === 0) return listTable(session, pathFor(session, t, all), { labelSelector: flags.selector, fieldSelector: flags.fieldSelector });
  let merged: ServerTable | undefined;
  for (const name of t.names) {
    try {
      const one = await getTable(session, pathFor(session, t, false, name));
      if (!merged) merged = { ...one, rows: [...(one.rows ?? [])] };
      else merged.rows?.push(...(one.rows ?? []));
    } catch (e) {
      if (!isNotFound(e)) throw e;
      errors.push(serverErrorLine(e) ?? String(e));
    }
  }
  return merged ?? { kind: 'Table', rows: [] };
}

function printTable(out: Out, table: ServerTable, view: TableView, headers: boolean): number {
  const columns = table.columnDefinitions ?? [];
  const { indexes, header } = headerOf(columns, view);
  const rows = (table.rows ?? []).map((r) => rowCells(r, columns, indexes, view));
  if (rows.length === 0) return 0;
  out.write(renderColumns(headers ? [header, ...rows] : rows, headers ? (l) => bold(out, l) : undefined));
  return rows.length;
}

async function objectsFor(session: Session, t: Target, flags: GetFlags, errors: string[]): Promise<KubeObject[]> {
  const all = flags.allNamespaces === true;
  const rc = all && t.names.length === 0 ? session.client.forResource(t.info) : clientFor(session, t.info);
  if (t.names.length === 0) {
    const list: KubeList<KubeObject> = await rc.listAll({ labelSelector: flags.selector, fieldSelector: flags.fieldSelector });
    return list.items;
  }
  const found: KubeObject[] = [];
  for (const name of t.names) {
    try {
      found.push(await rc.get(name));
    } catch (e) {
      if (!isNotFound(e)) throw e;
      errors.push(serverErrorLine(e) ?? String(e));
    }
  }
  return found;
}

function noneFound(session: Session, flags: GetFlags, targets: readonly Target[]): void {
  const namespaced = targets.some((t) => t.info.namespaced);
  const where = namespaced && !flags.allNamespaces ? ` in ${session.namespace} namespace` : '';
  process.stderr.write(`No resources found${where}.\n`);
}

/** -w: after the list, each change arrives as a one-row Table and is printed as a row. */
async function watchRows(session: Session, t: Target, flags: GetFlags, table: ServerTable, view: TableView, printed: boolean): Promise<void> {
  const out = stdout();
  const all = flags.allNamespaces === true;
  const columns = table.columnDefinitions ?? [];
  let headerDone = printed || flags.headers === false;
  const watch = await session.client.rest.watch<ServerTable>({
    path: pathFor(session, t, all),
    query: { resourceVersion: table.metadata?.resourceVersion, labelSelector: flags.selector, fieldSelector: flags.fieldSelector },
    accept: TABLE_ACCEPT,
  });
  const stop = (): void => watch.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    for await (const event of watch) {
      if (event.type === 'BOOKMARK' || event.type === 'ERROR') continue;
      const cols = event.object.columnDefinitions?.length ? event.object.columnDefinitions : columns;
      headerDone = printTable(out, { ...event.object, columnDefinitions: cols }, view, !headerDone) > 0 || headerDone;
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

async function get(session: Session, args: string[], flags: GetFlags): Promise<void> {
  const format: OutputFormat = parseOutput(flags.output);
  const targets = await resolveTargets(session, args);
  const errors: string[] = [];
  let printed = 0;
  if (format === 'table' || format === 'wide') {
    const out = stdout();
    for (const t of targets) {
      const view: TableView = {
        wide: format === 'wide',
        withNamespace: flags.allNamespaces === true && t.info.namespaced,
        typePrefix: targets.length > 1 ? t.info : undefined,
      };
      const table = await tableFor(session, t, flags, errors);
      if (printed > 0 && (table.rows?.length ?? 0) > 0) out.write('\n');
      const n = printTable(out, table, view, flags.headers !== false);
      printed += n;
      if (flags.watch && t === targets[0]) {
        if (n === 0 && errors.length === 0 && t.names.length === 0) noneFound(session, flags, targets);
        await watchRows(session, t, flags, table, view, n > 0);
        return;
      }
    }
  } else {
    const items: Array<{ obj: KubeObject; info: Target['info'] }> = [];
    for (const t of targets) for (const obj of await objectsFor(session, t, flags, errors)) items.push({ obj, info: t.info });
    printed = items.length;
    const single = targets.length === 1 && targets[0]?.names.length === 1;
    if (items.length > 0 || format !== 'name') {
      if (items.length > 0 || !single) stdout().write(printObjects(items, format as ObjectFormat, single));
    }
  }
  for (const line of errors) stderr().write(`${line}\n`);
  if (errors.length > 0) process.exitCode = 1;
  else if (printed === 0 && format !== 'json' && format !== 'yaml') noneFound(session, flags, targets);
}

export function registerGetCommand(program: Command): void {
  program
    .command('get')
    .description('Display one or many resources')
    .argument('<type-or-refs...>', 'TYPE[,TYPE…] [NAME…] or TYPE/NAME …')
    .option('-o, --output <format>', 'output format: wide|yaml|json|name')
    .option('-l, --selector <selector>', 'label selector (e.g. app=web,tier!=db)')
    .option('--field-selector <selector>', 'field selector (e.g. spec.nodeName=node-a)')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('--no-headers', 'do not print the header row')
    .option('-w, --watch', 'after listing, watch for changes and print them')
    .action(verb(async (session, args: string[], flags: GetFlags) => get(session, args, flags)));
}
