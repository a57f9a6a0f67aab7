// apps/statefulsets (pkg/registry/apps/statefulset/strategy.go and printStatefulSet).
import {
  nameIsDNSLabel,
  setDefaultsStatefulSet,
  validateStatefulSet,
  validateStatefulSetStatusUpdate,
  validateStatefulSetUpdate,
  type StatefulSet,
} from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { containerCells, int } from '../../printers/groups-cells.js';
import { AGE_COLUMN, column, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { resetStatus, statusZeros, view } from './common.js';

export const statefulSetTable: TablePrinter = {
  columns: [NAME_COLUMN, column('Ready', 'string', 'Number of the pod with ready state'), AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN],
  cells(obj: KObject, now: Date): unknown[] {
    const sts = view<StatefulSet>(obj);
    const [names, images] = containerCells(sts.spec?.template?.spec?.containers);
    return [
      sts.metadata.name ?? '',
      `${int(sts.status?.readyReplicas)}/${int(sts.spec?.replicas)}`,
      translateTimestampSince(sts.metadata.creationTimestamp, now),
      names,
      images,
    ];
  },
};

// MaxUnavailableStatefulSet is alpha in 1.32: the field is kept only where it was already in use.
function dropMaxUnavailable(obj: KObject, old?: KObject): void {
  const ru = view<StatefulSet>(obj).spec?.updateStrategy?.rollingUpdate;
  const had = old ? view<StatefulSet>(old).spec?.updateStrategy?.rollingUpdate?.maxUnavailable !== undefined : false;
  if (ru && !had) delete ru.maxUnavailable;
}

export const statefulSetStrategy: Strategy = {
  defaults(obj) {
    setDefaultsStatefulSet(view<StatefulSet>(obj));
    statusZeros(obj, { replicas: 0, availableReplicas: 0 });
  },
  prepareForCreate(obj) {
    resetStatus(obj);
    dropMaxUnavailable(obj);
  },
  prepareForUpdate: (obj, old) => dropMaxUnavailable(obj, old),
  validate: (obj) => validateStatefulSet(view<StatefulSet>(obj)),
  validateUpdate: (obj, old) => validateStatefulSetUpdate(view<StatefulSet>(obj), view<StatefulSet>(old)),
  validateStatusUpdate: (obj, old) => validateStatefulSetStatusUpdate(view<StatefulSet>(obj), view<StatefulSet>(old)),
  table: statefulSetTable,
  // Pods are named <set>-<ordinal> and double as hostnames, so the set's name must be a DNS label.
  nameValidator: nameIsDNSLabel,
};
