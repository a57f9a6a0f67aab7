// Label and field selectors from a request's query, checked against what the kind supports, and
// turned into the predicate the store, the watch cache and deletecollection filter with.
import {
  FieldSelectorError,
  LabelSelectorError,
  parseFieldSelector,
  parseLabelSelector,
} from '@kubelite/api';
import { badRequest } from '../errors.js';
import type { KObject, Strategy } from './strategy.js';

export type Predicate = (obj: KObject) => boolean;

/** Every field a selector may name for this kind. */
export function objectFields(strategy: Strategy, obj: KObject): Record<string, string> {
  const fields: Record<string, string> = {
    'metadata.name': obj.metadata.name ?? '',
    'metadata.namespace': obj.metadata.namespace ?? '',
  };
  return strategy.selectableFields ? { ...strategy.selectableFields(obj), ...fields } : fields;
}

function supportedFields(strategy: Strategy): Set<string> {
  try {
    return new Set(Object.keys(objectFields(strategy, { metadata: {} })));
  } catch {
    return new Set(['metadata.name', 'metadata.namespace']);
  }
}

/**
 * The predicate for `labelSelector` / `fieldSelector`; undefined when both are empty (everything
 * matches). Bad syntax or an unsupported field is a 400, as in Kubernetes.
 */
export function selectionPredicate(
  strategy: Strategy,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
): Predicate | undefined {
  let labels;
  let fields;
  try {
    labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
  } catch (e) {
    if (e instanceof LabelSelectorError) throw badRequest(e.message);
    throw e;
  }
  try {
    fields = fieldSelector ? parseFieldSelector(fieldSelector) : undefined;
  } catch (e) {
    if (e instanceof FieldSelectorError) throw badRequest(e.message);
    throw e;
  }
  if (labels?.empty()) labels = undefined;
  if (fields?.empty()) fields = undefined;
  if (fields) {
    const supported = supportedFields(strategy);
    for (const t of fields.terms) {
      if (!supported.has(t.field)) {
        throw badRequest(`field label not supported: ${t.field}`);
      }
    }
  }
  if (!labels && !fields) return undefined;
  const l = labels;
  const f = fields;
  return (obj) =>
    (!l || l.matches(obj.metadata.labels ?? {})) && (!f || f.matches(objectFields(strategy, obj)));
}
