// ConfigMaps: key and size validation, immutability, `kubectl get cm` columns.
import { validateConfigMap, validateConfigMapUpdate, type ConfigMap } from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/core-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { typed } from './typed.js';

export const CONFIGMAP_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Data', 'Data contains the configuration data.'), AGE_COLUMN],
  cells(obj: KObject, now: Date): unknown[] {
    const cm = typed<ConfigMap>(obj);
    const count = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return [cm.metadata.name ?? '', count, translateTimestampSince(cm.metadata.creationTimestamp, now)];
  },
};

export const configMapStrategy: Strategy = {
  validate: (obj) => validateConfigMap(typed<ConfigMap>(obj)),
  validateUpdate: (obj, old) => validateConfigMapUpdate(typed<ConfigMap>(obj), typed<ConfigMap>(old)),
  table: CONFIGMAP_TABLE,
  tracksGeneration: false,
};
