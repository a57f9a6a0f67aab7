// apps/deployments (pkg/registry/apps/deployment/strategy.go and printDeployment).
import {
  setDefaultsDeployment,
  validateDeployment,
  validateDeploymentStatusUpdate,
  validateDeploymentUpdate,
  type Deployment,
} from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { containerCells, int, selectorString } from '../../printers/groups-cells.js';
import { AGE_COLUMN, column, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, SELECTOR_DOCS } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { bumpGenerationIfChanged, resetStatus, statusZeros, view } from './common.js';

export const deploymentTable: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', SELECTOR_DOCS.deployment, 1),
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const d = view<Deployment>(obj);
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    return [
      d.metadata.name ?? '',
      `${int(d.status?.readyReplicas)}/${int(d.spec?.replicas)}`,
      int(d.status?.updatedReplicas),
      int(d.status?.availableReplicas),
      translateTimestampSince(d.metadata.creationTimestamp, now),
      names,
      images,
      selectorString(d.spec?.selector),
    ];
  },
};

export const deploymentStrategy: Strategy = {
  defaults(obj) {
    setDefaultsDeployment(view<Deployment>(obj));
    statusZeros(obj, {});
  },
  prepareForCreate: resetStatus,
  // Annotations are copied to the ReplicaSets, so changing them is a new generation too.
  prepareForUpdate: (obj, old) => bumpGenerationIfChanged(obj, old, obj.metadata.annotations, old.metadata.annotations),
  validate: (obj) => validateDeployment(view<Deployment>(obj)),
  validateUpdate: (obj, old) => validateDeploymentUpdate(view<Deployment>(obj), view<Deployment>(old)),
  validateStatusUpdate: (obj, old) => validateDeploymentStatusUpdate(view<Deployment>(obj), view<Deployment>(old)),
  table: deploymentTable,
};
