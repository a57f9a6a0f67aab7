// discovery.k8s.io/endpointslices (pkg/registry/discovery/endpointslice/strategy.go and printEndpointSlice).
import { setDefaultsEndpointSlice, validateEndpointSlice, validateEndpointSliceUpdate, type EndpointSlice } from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { bumpGenerationIfChanged, view } from './common.js';

const DOCS = {
  addressType:
    'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.',
  ports:
    'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.',
  endpoints: 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.',
};

/** listWithMoreString: the first three, then "+ N more...", or `<unset>` for none. */
function firstThree(items: readonly string[]): string {
  if (items.length === 0) return '<unset>';
  const shown = items.slice(0, 3).join(',');
  return items.length > 3 ? `${shown} + ${items.length - 3} more...` : shown;
}

function portCells(slice: EndpointSlice): string {
  return firstThree((slice.ports ?? []).map((p) => (typeof p.port === 'number' ? String(p.port) : (p.name ?? '*'))));
}

export const endpointSliceTable: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'string', DOCS.addressType),
    column('Ports', 'string', DOCS.ports),
    column('Endpoints', 'string', DOCS.endpoints),
    AGE_COLUMN,
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const slice = view<EndpointSlice>(obj);
    return [
      slice.metadata.name ?? '',
      slice.addressType ?? '',
      portCells(slice),
      firstThree((slice.endpoints ?? []).flatMap((e) => e.addresses ?? [])),
      translateTimestampSince(slice.metadata.creationTimestamp, now),
    ];
  },
};

export const endpointSliceStrategy: Strategy = {
  defaults: (obj) => setDefaultsEndpointSlice(view<EndpointSlice>(obj)),
  // Consumers watch for generation changes; label changes (service-name, managed-by) count too.
  prepareForUpdate: (obj, old) => bumpGenerationIfChanged(obj, old, obj.metadata.labels, old.metadata.labels),
  validate: (obj) => validateEndpointSlice(view<EndpointSlice>(obj)),
  validateUpdate: (obj, old) => validateEndpointSliceUpdate(view<EndpointSlice>(obj), view<EndpointSlice>(old)),
  table: endpointSliceTable,
};
