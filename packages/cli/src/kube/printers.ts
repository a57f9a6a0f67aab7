// -o yaml|json|name for whole objects, as kubectl prints them: managedFields stripped, several
// objects wrapped in a `v1 List`, names as `<type>[.<group>]/<name>`.
import type { KubeObject, ResourceInfo } from '@kubelite/api';
import { stringify } from 'yaml';
import { apiVersionOf, qualifiedName } from './discovery.js';
import { cliError } from './errors.js';

export type ObjectFormat = 'yaml' | 'json' | 'name';
export type OutputFormat = ObjectFormat | 'wide' | 'table';

export function parseOutput(value: string | undefined): OutputFormat {
  if (value === undefined || value === '') return 'table';
  if (value === 'yaml' || value === 'json' || value === 'name' || value === 'wide') return value;
  throw cliError('BAD_OUTPUT', value);
}

/** The object as kubectl shows it: kind/apiVersion filled in, managedFields left out. */
export function forDisplay(obj: KubeObject, info?: ResourceInfo): KubeObject {
  const { managedFields: _hidden, ...metadata } = obj.metadata ?? {};
  const typed = info ? { apiVersion: obj.apiVersion ?? apiVersionOf(info), kind: obj.kind ?? info.kind } : {};
  return { ...typed, ...obj, metadata } as KubeObject;
}

export function nameOf(obj: KubeObject, info: ResourceInfo): string {
  return `${qualifiedName(info)}/${obj.metadata?.name ?? ''}`;
}

/** Prints objects in one of the object formats; a single object prints bare, more as a List. */
export function printObjects(items: ReadonlyArray<{ obj: KubeObject; info: ResourceInfo }>, format: ObjectFormat, single: boolean): string {
  if (format === 'name') return items.map(({ obj, info }) => `${nameOf(obj, info)}\n`).join('');
  const shown = items.map(({ obj, info }) => forDisplay(obj, info));
  const doc = single && shown.length === 1 ? shown[0] : { apiVersion: 'v1', items: shown, kind: 'List', metadata: { resourceVersion: '' } };
  return format === 'json' ? `${JSON.stringify(doc, null, 4)}\n` : stringify(doc);
}
