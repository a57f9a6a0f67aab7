// Column definitions shared by the core/v1 tables, with the names, types and priorities
// kube-apiserver 1.32's printers declare (pkg/printers/internalversion/printers.go).
import { DEFAULT_TABLE_COLUMNS, type TableColumnDefinition } from '../strategy.js';

const [NAME_DEF, CREATED_DEF] = DEFAULT_TABLE_COLUMNS;

export const NAME_COLUMN: TableColumnDefinition = {
  name: 'Name', type: 'string', format: 'name', description: NAME_DEF?.description ?? '', priority: 0,
};

/** Age is printed as a string ("5m"), described as creationTimestamp is. */
export const AGE_COLUMN: TableColumnDefinition = {
  name: 'Age', type: 'string', format: '', description: CREATED_DEF?.description ?? '', priority: 0,
};

/** A plain column; `wide` ones (priority 1) show only with `-o wide`. */
export function column(
  name: string,
  description: string,
  opts: { type?: TableColumnDefinition['type']; wide?: boolean; format?: string } = {},
): TableColumnDefinition {
  return { name, type: opts.type ?? 'string', format: opts.format ?? '', description, priority: opts.wide ? 1 : 0 };
}
