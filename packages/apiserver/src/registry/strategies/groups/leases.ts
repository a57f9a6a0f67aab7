// coordination.k8s.io/leases (pkg/registry/coordination/lease/strategy.go and printLease).
import { dropDisabledLeaseFields, setDefaultsLease, validateLease, type Lease } from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { view } from './common.js';

const HOLDER_DOC =
  'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.';

export const leaseTable: TablePrinter = {
  columns: [NAME_COLUMN, column('Holder', 'string', HOLDER_DOC), AGE_COLUMN],
  cells(obj: KObject, now: Date): unknown[] {
    const lease = view<Lease>(obj);
    return [lease.metadata.name ?? '', lease.spec?.holderIdentity ?? '', translateTimestampSince(lease.metadata.creationTimestamp, now)];
  },
};

export const leaseStrategy: Strategy = {
  defaults: (obj) => setDefaultsLease(view<Lease>(obj)),
  prepareForCreate: (obj) => dropDisabledLeaseFields(view<Lease>(obj)),
  prepareForUpdate: (obj, old) => dropDisabledLeaseFields(view<Lease>(obj), view<Lease>(old)),
  validate: (obj) => validateLease(view<Lease>(obj)),
  table: leaseTable,
  // Leases are renewed every few seconds; Kubernetes keeps no generation for them.
  tracksGeneration: false,
};
