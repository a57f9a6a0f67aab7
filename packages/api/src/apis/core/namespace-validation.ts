// Namespace defaulting and validation (SetDefaults_Namespace, ValidateNamespace).
import type { FieldError } from '../../field.js';
import { invalid } from '../../field.js';
import { isQualifiedName } from '../../validation.js';
import { messagesToErrors } from './field-helpers.js';
import { FINALIZER_KUBERNETES, LABEL_METADATA_NAME, type Namespace } from './namespace-types.js';

const STANDARD_FINALIZERS = new Set([FINALIZER_KUBERNETES, 'orphan', 'foregroundDeletion']);

/** The name label is kept in step with the name on every write; users cannot change it. */
export function setDefaultsNamespace(ns: Namespace): void {
  const name = ns.metadata.name ?? '';
  if (name === '') return;
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [LABEL_METADATA_NAME]: name };
}

/** Unqualified finalizer names are reserved for the built-in ones. */
export function validateFinalizerName(name: string, path: string): FieldError[] {
  const errs = messagesToErrors(isQualifiedName(name), path, name);
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    errs.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export function validateNamespace(ns: Namespace): FieldError[] {
  return (ns.spec?.finalizers ?? []).flatMap((f) => validateFinalizerName(f, 'spec.finalizers'));
}
