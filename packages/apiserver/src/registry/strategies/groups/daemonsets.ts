// apps/daemonsets (pkg/registry/apps/daemonset/strategy.go and printDaemonSet).
import {
  DAEMONSET_TEMPLATE_GENERATION_ANNOTATION,
  semanticEqual,
  setDefaultsDaemonSet,
  validateDaemonSet,
  validateDaemonSetStatusUpdate,
  validateDaemonSetUpdate,
  type DaemonSet,
} from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { containerCells, formatLabels, formatLabelSelector, int } from '../../printers/groups-cells.js';
import { AGE_COLUMN, column, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, SELECTOR_DOCS } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { resetStatus, statusZeros, view } from './common.js';

const DOCS = {
  desired: 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
  current: 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
  ready: 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
  updated: 'The total number of nodes that are running updated daemon pod',
  available:
    'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)',
  nodeSelector:
    "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
};

export const daemonSetTable: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', DOCS.desired),
    column('Current', 'integer', DOCS.current),
    column('Ready', 'integer', DOCS.ready),
    column('Up-to-date', 'integer', DOCS.updated),
    column('Available', 'integer', DOCS.available),
    column('Node Selector', 'string', DOCS.nodeSelector),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', SELECTOR_DOCS.daemonSet, 1),
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const ds = view<DaemonSet>(obj);
    const s = ds.status;
    const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
    return [
      ds.metadata.name ?? '',
      int(s?.desiredNumberScheduled),
      int(s?.currentNumberScheduled),
      int(s?.numberReady),
      int(s?.updatedNumberScheduled),
      int(s?.numberAvailable),
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      translateTimestampSince(ds.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

function templateGeneration(obj: KObject): number {
  const n = Number(obj.metadata.annotations?.[DAEMONSET_TEMPLATE_GENERATION_ANNOTATION]);
  return Number.isSafeInteger(n) && n >= 1 ? n : 0;
}

function setTemplateGeneration(obj: KObject, n: number): void {
  obj.metadata.annotations = { ...obj.metadata.annotations, [DAEMONSET_TEMPLATE_GENERATION_ANNOTATION]: String(n) };
}

export const daemonSetStrategy: Strategy = {
  defaults(obj) {
    setDefaultsDaemonSet(view<DaemonSet>(obj));
    statusZeros(obj, { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  },
  prepareForCreate(obj) {
    resetStatus(obj);
    setTemplateGeneration(obj, Math.max(templateGeneration(obj), 1));
  },
  // The template generation is the server's: it moves exactly when the pod template changes.
  prepareForUpdate(obj, old) {
    const next = view<DaemonSet>(obj).spec?.template;
    const prev = view<DaemonSet>(old).spec?.template;
    const gen = templateGeneration(old);
    setTemplateGeneration(obj, semanticEqual(next, prev) ? Math.max(gen, 1) : gen + 1);
  },
  validate: (obj) => validateDaemonSet(view<DaemonSet>(obj)),
  validateUpdate: (obj, old) => validateDaemonSetUpdate(view<DaemonSet>(obj), view<DaemonSet>(old)),
  validateStatusUpdate: (obj, old) => validateDaemonSetStatusUpdate(view<DaemonSet>(obj), view<DaemonSet>(old)),
  table: daemonSetTable,
};
