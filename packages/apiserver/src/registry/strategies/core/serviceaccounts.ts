// ServiceAccounts: metadata-only validation and the `kubectl get sa` columns.
import type { ServiceAccount } from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/core-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { typed } from './typed.js';

export const SERVICE_ACCOUNT_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), AGE_COLUMN],
  cells(obj: KObject, now: Date): unknown[] {
    const sa = typed<ServiceAccount>(obj);
    return [sa.metadata.name ?? '', (sa.secrets ?? []).length, translateTimestampSince(sa.metadata.creationTimestamp, now)];
  },
};

export const serviceAccountStrategy: Strategy = {
  table: SERVICE_ACCOUNT_TABLE,
  tracksGeneration: false,
};
