// Secrets: stringData folded into data, type-specific keys, immutable type, `kubectl get secrets`
// columns and the `type` field selector.
import { setDefaultsSecret, validateSecret, validateSecretUpdate, type Secret } from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/core-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { typed } from './typed.js';

export const SECRET_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'Used to facilitate programmatic handling of secret data.'),
    column('Data', 'Data contains the secret data.'),
    AGE_COLUMN,
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const s = typed<Secret>(obj);
    return [s.metadata.name ?? '', s.type ?? '', Object.keys(s.data ?? {}).length, translateTimestampSince(s.metadata.creationTimestamp, now)];
  },
};

export const secretStrategy: Strategy = {
  defaults: (obj) => setDefaultsSecret(typed<Secret>(obj)),
  validate: (obj) => validateSecret(typed<Secret>(obj)),
  validateUpdate: (obj, old) => validateSecretUpdate(typed<Secret>(obj), typed<Secret>(old)),
  selectableFields: (obj) => ({ type: typed<Secret>(obj).type ?? '' }),
  table: SECRET_TABLE,
  tracksGeneration: false,
};
