// negotiateOutput against the Accept headers real clients send: kubectl's Table request, client-go's
// protobuf-first list, curl's */*, and what should be refused with 406.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { negotiateOutput } from './negotiation.js';

// What kubectl 1.32 sends for `kubectl get pods`.
const KUBECTL_GET = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

function refusal(accept: string, tablesAllowed?: boolean): ApiError {
  try {
    negotiateOutput(accept, tablesAllowed);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error(`${accept} was accepted`);
}

describe('negotiateOutput', () => {
  it('answers JSON when there is no Accept header', () => {
    expect(negotiateOutput(undefined)).toEqual({ kind: 'json' });
    expect(negotiateOutput('  ')).toEqual({ kind: 'json' });
  });

  it('answers kubectl get with a v1 Table', () => {
    expect(negotiateOutput(KUBECTL_GET)).toEqual({ kind: 'table', version: 'v1' });
  });

  it('answers a v1beta1 Table to clients that only ask for that', () => {
    expect(negotiateOutput('application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json')).toEqual({ kind: 'table', version: 'v1beta1' });
  });

  it('serves a Table asked for in protobuf as JSON', () => {
    expect(negotiateOutput('application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io')).toEqual({ kind: 'table', version: 'v1' });
  });

  it('falls back to JSON when Tables make no sense for the response', () => {
    expect(negotiateOutput(KUBECTL_GET, false)).toEqual({ kind: 'json' });
  });

  it('skips Table requests for another group or version', () => {
    expect(negotiateOutput('application/json;as=Table;v=v2;g=meta.k8s.io,application/json')).toEqual({ kind: 'json' });
    expect(negotiateOutput('application/json;as=Table;v=v1;g=example.com,application/json')).toEqual({ kind: 'json' });
  });

  it('answers plain JSON, */* and application/*', () => {
    expect(negotiateOutput('application/json')).toEqual({ kind: 'json' });
    expect(negotiateOutput('*/*')).toEqual({ kind: 'json' });
    expect(negotiateOutput('application/*')).toEqual({ kind: 'json' });
    expect(negotiateOutput('Application/JSON; charset=utf-8')).toEqual({ kind: 'json' });
  });

  it('answers a protobuf-first client with JSON (protobuf responses are not produced)', () => {
    expect(negotiateOutput('application/vnd.kubernetes.protobuf, */*')).toEqual({ kind: 'json' });
    expect(negotiateOutput('application/vnd.kubernetes.protobuf,application/json')).toEqual({ kind: 'json' });
  });

  it('answers YAML when asked', () => {
    expect(negotiateOutput('application/yaml')).toEqual({ kind: 'yaml' });
  });

  it('follows q-values, keeping the client\'s order among equals', () => {
    expect(negotiateOutput('application/yaml;q=0.5, application/json')).toEqual({ kind: 'json' });
    expect(negotiateOutput('application/json;q=0.1, application/yaml')).toEqual({ kind: 'yaml' });
    expect(negotiateOutput('application/yaml, application/json')).toEqual({ kind: 'yaml' });
    expect(negotiateOutput('application/json, application/yaml')).toEqual({ kind: 'json' });
  });

  it('never picks a range the client refused with q=0', () => {
    expect(negotiateOutput('application/json;q=0, application/yaml;q=0.2')).toEqual({ kind: 'yaml' });
  });

  it('skips conversions it does not serve, such as PartialObjectMetadata', () => {
    expect(negotiateOutput('application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,application/json')).toEqual({ kind: 'json' });
  });

  it('refuses with 406 NotAcceptable when nothing offered is served', () => {
    for (const accept of ['text/html', 'application/json;q=0', 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io']) {
      const e = refusal(accept);
      expect(e.code).toBe(406);
      expect(e.reason).toBe('NotAcceptable');
      expect(e.message).toBe('only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');
    }
  });

  it('refuses a Table-only request where Tables make no sense', () => {
    expect(refusal('application/json;as=Table;v=v1;g=meta.k8s.io', false).code).toBe(406);
  });
});
