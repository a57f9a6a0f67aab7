// policy/poddisruptionbudgets (pkg/registry/policy/poddisruptionbudget/strategy.go and printPodDisruptionBudget).
import { validatePodDisruptionBudget, validatePodDisruptionBudgetStatusUpdate, type PodDisruptionBudget } from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { int } from '../../printers/groups-cells.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { resetStatus, statusZeros, view } from './common.js';

/** IntOrString.String(), or N/A when unset. */
const intOrPercent = (v: number | string | null | undefined): string => (v === undefined || v === null ? 'N/A' : String(v));

export const podDisruptionBudgetTable: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE_COLUMN,
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const pdb = view<PodDisruptionBudget>(obj);
    return [
      pdb.metadata.name ?? '',
      intOrPercent(pdb.spec?.minAvailable),
      intOrPercent(pdb.spec?.maxUnavailable),
      int(pdb.status?.disruptionsAllowed),
      translateTimestampSince(pdb.metadata.creationTimestamp, now),
    ];
  },
};

export const podDisruptionBudgetStrategy: Strategy = {
  prepareForCreate: resetStatus,
  defaults: (obj) => statusZeros(obj, { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
  validate: (obj) => validatePodDisruptionBudget(view<PodDisruptionBudget>(obj)),
  validateStatusUpdate: (obj) => validatePodDisruptionBudgetStatusUpdate(view<PodDisruptionBudget>(obj)),
  table: podDisruptionBudgetTable,
};
