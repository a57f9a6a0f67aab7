// Column definitions shared by the named groups' tables, worded as kube-apiserver 1.32's printers
// declare them (pkg/printers/internalversion/printers.go; descriptions from the API swagger docs).
import { DEFAULT_TABLE_COLUMNS, type TableColumnDefinition } from '../strategy.js';

type ColumnType = TableColumnDefinition['type'];

export function column(name: string, type: ColumnType, description: string, priority = 0): TableColumnDefinition {
  return { name, type, format: '', description, priority };
}

export const NAME_COLUMN: TableColumnDefinition = DEFAULT_TABLE_COLUMNS[0] as TableColumnDefinition;

/** "Age" renders creationTimestamp, so it carries that field's description. */
export const AGE_COLUMN: TableColumnDefinition = column('Age', 'string', (DEFAULT_TABLE_COLUMNS[1] as TableColumnDefinition).description);

export const CONTAINERS_COLUMN = column('Containers', 'string', 'Names of each container in the template.', 1);
export const IMAGES_COLUMN = column('Images', 'string', 'Images referenced by each container in the template.', 1);

export const SELECTOR_DOCS = {
  deployment: 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
  replicaSet:
    'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  daemonSet:
    'A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  job: 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
} as const;
