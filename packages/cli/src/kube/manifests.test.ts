import { describe, expect, it } from 'vitest';
import { isCliError } from './errors.js';
import { parseManifests } from './manifests.js';

describe('parseManifests', () => {
  it('splits multi-document YAML and expands Lists', () => {
    const text = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}',
      '',
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n- {apiVersion: v1, kind: Pod, metadata: {name: c}}',
    ].join('\n---\n');
    const names = parseManifests(text, 'f.yaml').map((m) => `${m.obj.kind}/${m.obj.metadata.name}`);
    expect(names).toEqual(['ConfigMap/a', 'Secret/b', 'Pod/c']);
  });
  it('refuses an object without kind', () => {
    try {
      parseManifests('metadata: {name: a}', 'x.yaml');
      expect.unreachable();
    } catch (e) {
      expect(isCliError(e) && e.message).toBe('error validating "x.yaml": object has no apiVersion or kind');
    }
  });
  it('reads JSON too', () => {
    expect(parseManifests('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"}}', 'n.json')[0]?.obj.kind).toBe('Namespace');
  });
});
