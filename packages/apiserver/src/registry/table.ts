// metav1.Table responses for `kubectl get`: the kind's columns (or Kubernetes' default Name /
// Created At), one row per object, and the object itself in the form `includeObject` asks for.
import { DEFAULT_TABLE_COLUMNS, type KObject, type Strategy, type TableColumnDefinition } from './strategy.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableRow {
  cells: unknown[];
  object?: Record<string, unknown>;
}

export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions?: readonly TableColumnDefinition[];
  rows: TableRow[];
}

export function parseIncludeObject(v: string | undefined): IncludeObject | undefined {
  if (v === undefined || v === '') return 'Metadata';
  return v === 'None' || v === 'Metadata' || v === 'Object' ? v : undefined;
}

function rowObject(obj: KObject, include: IncludeObject, tableVersion: string): Record<string, unknown> | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${tableVersion}`, metadata: obj.metadata };
}

function defaultCells(obj: KObject): unknown[] {
  return [obj.metadata.name ?? '', obj.metadata.creationTimestamp ?? null];
}

export interface TableOptions {
  include: IncludeObject;
  /** `v1` or `v1beta1`, echoing what the client asked for. */
  version: string;
  now: Date;
  /** Watch events after the first carry no column definitions, as kube-apiserver sends them. */
  noHeaders?: boolean;
}

export function toTable(
  strategy: Strategy,
  objects: readonly KObject[],
  opts: TableOptions,
  listMeta: Table['metadata'] = {},
): Table {
  const printer = strategy.table;
  const rows = objects.map((obj): TableRow => {
    const row: TableRow = { cells: printer ? printer.cells(obj, opts.now) : defaultCells(obj) };
    const o = rowObject(obj, opts.include, opts.version);
    if (o) row.object = o;
    return row;
  });
  const table: Table = { kind: 'Table', apiVersion: `meta.k8s.io/${opts.version}`, metadata: listMeta, rows };
  if (!opts.noHeaders) table.columnDefinitions = printer ? printer.columns : DEFAULT_TABLE_COLUMNS;
  return table;
}
