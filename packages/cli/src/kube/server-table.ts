// The server-side Table kubectl asks for on `get`: the apiserver's printers decide the columns,
// so klctl's columns are exactly kubectl's. This file fetches Tables and turns them into lines.
import type { ObjectMeta, ResourceInfo } from '@kubelite/api';
import type { QueryValue } from '@kubelite/client';
import { qualifiedName } from './discovery.js';
import { cellText } from './table.js';
import type { Session } from './session.js';

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export interface TableColumn {
  name: string;
  type: string;
  format?: string;
  priority?: number;
}

export interface TableRow {
  cells: unknown[];
  object?: { metadata?: ObjectMeta };
}

export interface ServerTable {
  kind: 'Table';
  columnDefinitions?: TableColumn[];
  rows?: TableRow[];
  metadata?: { resourceVersion?: string; continue?: string };
}

export interface TableQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

const PAGE = 500;

/** Lists a type as a Table, following `continue` tokens; rows of all pages in one Table. */
export async function listTable(session: Session, path: string, q: TableQuery): Promise<ServerTable> {
  let merged: ServerTable | undefined;
  let token: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const query: Record<string, QueryValue> = { limit: PAGE, labelSelector: q.labelSelector, fieldSelector: q.fieldSelector, continue: token };
    const t = await session.client.request<ServerTable>({ method: 'GET', path, query, accept: TABLE_ACCEPT });
    if (!merged) merged = { ...t, rows: [...(t.rows ?? [])] };
    else merged.rows?.push(...(t.rows ?? []));
    if (merged.metadata) merged.metadata.resourceVersion = t.metadata?.resourceVersion;
    token = t.metadata?.continue || undefined;
    if (!token) break;
  }
  return merged ?? { kind: 'Table', rows: [] };
}

export async function getTable(session: Session, path: string): Promise<ServerTable> {
  return session.client.request<ServerTable>({ method: 'GET', path, accept: TABLE_ACCEPT });
}

export interface TableView {
  wide: boolean;
  /** -A: a NAMESPACE column first, from each row's object metadata */
  withNamespace: boolean;
  /** several types at once: names print as `pod/x` */
  typePrefix?: ResourceInfo;
}

/** The visible column indexes and header cells for a Table under a view. */
export function headerOf(columns: readonly TableColumn[], view: TableView): { indexes: number[]; header: string[] } {
  const indexes = columns.flatMap((c, i) => (view.wide || (c.priority ?? 0) === 0 ? [i] : []));
  const header = indexes.map((i) => (columns[i]?.name ?? '').toUpperCase());
  return { indexes, header: view.withNamespace ? ['NAMESPACE', ...header] : header };
}

export function rowCells(row: TableRow, columns: readonly TableColumn[], indexes: readonly number[], view: TableView): string[] {
  const cells = indexes.map((i) => {
    const text = cellText(row.cells[i]);
    if (view.typePrefix && columns[i]?.format === 'name') {
      return `${qualifiedName(view.typePrefix)}/${text}`;
    }
    return text;
  });
  return view.withNamespace ? [row.object?.metadata?.namespace ?? '', ...cells] : cells;
}
