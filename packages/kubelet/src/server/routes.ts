// The kubelet API's paths (pkg/kubelet/server): what each one names, decoded from the URL.
import { serverError } from './errors.js';

export type StreamKind = 'exec' | 'attach';

export type Route =
  | { kind: 'healthz' }
  | { kind: 'metrics' }
  | { kind: 'pods' }
  | { kind: 'runningpods' }
  | { kind: 'containerLogs'; namespace: string; pod: string; container: string }
  | { kind: StreamKind; namespace: string; pod: string; uid?: string; container: string }
  | { kind: 'portForward'; namespace: string; pod: string; uid?: string };

const SIMPLE: Record<string, Route> = {
  '/healthz': { kind: 'healthz' },
  '/metrics': { kind: 'metrics' },
  '/pods': { kind: 'pods' },
  '/runningpods': { kind: 'runningpods' },
};

function segments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The route a path names; undefined for 404. */
export function matchRoute(pathname: string): Route | undefined {
  const simple = SIMPLE[pathname.replace(/\/+$/, '') || '/'];
  if (simple) return simple;
  const parts = segments(pathname);
  if (!parts) return undefined;
  if (parts[parts.length - 1] === '') parts.pop();
  const [root, namespace = '', pod = '', ...rest] = parts;
  if (namespace === '' || pod === '') return undefined;
  switch (root) {
    case 'containerLogs': {
      if (rest.length > 1) return undefined;
      if (!rest[0]) throw serverError('MISSING_CONTAINER_NAME');
      return { kind: 'containerLogs', namespace, pod, container: rest[0] };
    }
    case 'exec':
    case 'attach': {
      if (rest.length === 1 && rest[0]) return { kind: root, namespace, pod, container: rest[0] };
      if (rest.length === 2 && rest[0] && rest[1]) return { kind: root, namespace, pod, uid: rest[0], container: rest[1] };
      return undefined;
    }
    case 'portForward': {
      if (rest.length === 0) return { kind: 'portForward', namespace, pod };
      if (rest.length === 1 && rest[0]) return { kind: 'portForward', namespace, pod, uid: rest[0] };
      return undefined;
    }
    default:
      return undefined;
  }
}
