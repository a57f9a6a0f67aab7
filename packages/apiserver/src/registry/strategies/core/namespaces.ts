// Namespaces: born Active with the `kubernetes` finalizer, named by DNS label, name label kept
// in step, `status.phase` selectable (pkg/registry/core/namespace/strategy.go).
import {
  FINALIZER_KUBERNETES, setDefaultsNamespace, validateNamespace, validateNamespaceName, type Namespace,
} from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/core-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { typed } from './typed.js';

function prepareForCreate(obj: KObject): void {
  const ns = typed<Namespace>(obj);
  ns.status = { phase: 'Active' };
  // Added here rather than by defaulting: the namespace controller removes it later.
  const finalizers = ns.spec?.finalizers ?? [];
  if (!finalizers.includes(FINALIZER_KUBERNETES)) ns.spec = { ...ns.spec, finalizers: [...finalizers, FINALIZER_KUBERNETES] };
  setDefaultsNamespace(ns);
}

// Upstream, spec.finalizers change only through namespaces/finalize. kubelite does not serve
// that subresource, so a namespace already being deleted may drop them by a plain update (that
// is how its namespace controller finishes the deletion); at any other time they are kept.
function prepareForUpdate(obj: KObject, old: KObject): void {
  const next = typed<Namespace>(obj);
  const prev = typed<Namespace>(old);
  if (!prev.metadata.deletionTimestamp) {
    if (prev.spec === undefined) delete next.spec;
    else next.spec = { ...next.spec, finalizers: prev.spec.finalizers ?? [] };
  }
  if (prev.status === undefined) delete next.status;
  else next.status = prev.status;
}

export const NAMESPACE_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Status', 'The status of the namespace'), AGE_COLUMN],
  cells(obj: KObject, now: Date): unknown[] {
    const ns = typed<Namespace>(obj);
    return [ns.metadata.name ?? '', ns.status?.phase ?? '', translateTimestampSince(ns.metadata.creationTimestamp, now)];
  },
};

export const namespaceStrategy: Strategy = {
  defaults: (obj) => setDefaultsNamespace(typed<Namespace>(obj)),
  prepareForCreate,
  prepareForUpdate,
  validate: (obj) => validateNamespace(typed<Namespace>(obj)),
  nameValidator: validateNamespaceName,
  // `name` is selectable too: an upstream bug kept for compatibility.
  selectableFields: (obj) => ({ 'status.phase': typed<Namespace>(obj).status?.phase ?? '', name: obj.metadata.name ?? '' }),
  table: NAMESPACE_TABLE,
  tracksGeneration: false,
};
