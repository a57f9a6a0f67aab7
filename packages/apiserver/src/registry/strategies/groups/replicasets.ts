// apps/replicasets (pkg/registry/apps/replicaset/strategy.go and printReplicaSet).
import {
  setDefaultsReplicaSet,
  validateReplicaSet,
  validateReplicaSetStatusUpdate,
  validateReplicaSetUpdate,
  type ReplicaSet,
} from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { containerCells, formatLabelSelector, int } from '../../printers/groups-cells.js';
import { AGE_COLUMN, column, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, SELECTOR_DOCS } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { resetStatus, statusZeros, view } from './common.js';

const REPLICAS_DOC =
  'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller';
const STATUS_REPLICAS_DOC =
  'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller';

export const replicaSetTable: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', REPLICAS_DOC),
    column('Current', 'integer', STATUS_REPLICAS_DOC),
    column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', SELECTOR_DOCS.replicaSet, 1),
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const rs = view<ReplicaSet>(obj);
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata.name ?? '',
      int(rs.spec?.replicas),
      int(rs.status?.replicas),
      int(rs.status?.readyReplicas),
      translateTimestampSince(rs.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

export const replicaSetStrategy: Strategy = {
  defaults(obj) {
    setDefaultsReplicaSet(view<ReplicaSet>(obj));
    statusZeros(obj, { replicas: 0 });
  },
  prepareForCreate: resetStatus,
  validate: (obj) => validateReplicaSet(view<ReplicaSet>(obj)),
  validateUpdate: (obj, old) => validateReplicaSetUpdate(view<ReplicaSet>(obj), view<ReplicaSet>(old)),
  validateStatusUpdate: (obj) => validateReplicaSetStatusUpdate(view<ReplicaSet>(obj)),
  selectableFields: (obj) => ({ 'status.replicas': String(view<ReplicaSet>(obj).status?.replicas ?? 0) }),
  table: replicaSetTable,
};
