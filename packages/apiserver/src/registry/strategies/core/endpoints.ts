// Endpoints: written by the endpoints controller, read by kube-proxy and `kubectl get ep`.
import { setDefaultsEndpoints, validateEndpoints, type Endpoints } from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/core-columns.js';
import { joinHostPort, NONE } from '../../printers/core-format.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { typed } from './typed.js';

const MAX_SHOWN = 3;

/** `10.0.0.1:80,10.0.0.2:80 + 3 more...`: ready addresses crossed with ports, at most three shown. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return NONE;
  const shown: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    // Headless services may have no ports: the bare addresses are shown.
    const ports = (ss.ports ?? []).length === 0 ? [undefined] : (ss.ports ?? []);
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (shown.length === MAX_SHOWN) break;
        shown.push(port ? joinHostPort(a.ip, port.port) : a.ip);
      }
    }
  }
  const list = shown.join(',');
  return count > MAX_SHOWN ? `${list} + ${count - MAX_SHOWN} more...` : list;
}

export const ENDPOINTS_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Endpoints', 'The set of all endpoints is the union of all subsets.'), AGE_COLUMN],
  cells(obj: KObject, now: Date): unknown[] {
    const ep = typed<Endpoints>(obj);
    return [ep.metadata.name ?? '', formatEndpoints(ep), translateTimestampSince(ep.metadata.creationTimestamp, now)];
  },
};

export const endpointsStrategy: Strategy = {
  defaults: (obj) => setDefaultsEndpoints(typed<Endpoints>(obj)),
  validate: (obj) => validateEndpoints(typed<Endpoints>(obj)),
  table: ENDPOINTS_TABLE,
  tracksGeneration: false,
};
