// Talking to the Docker daemon: the socket from `--container-runtime-endpoint`, and the daemon's
// own words out of dockerode's errors (which wrap them as "(HTTP code N) reason - message").
import Docker from 'dockerode';
import { RuntimeError, runtimeError } from '../errors.js';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/** Accepts `/path`, `unix:///path` (the kubelet flag's form) or nothing (the default socket). */
export function dockerSocketPath(endpoint?: string): string {
  if (endpoint === undefined || endpoint === '') return DEFAULT_DOCKER_SOCKET;
  if (endpoint.startsWith('unix://')) {
    const path = endpoint.slice('unix://'.length);
    if (path.startsWith('/')) return path;
  } else if (endpoint.startsWith('/')) {
    return endpoint;
  }
  throw runtimeError('BAD_ENDPOINT', endpoint);
}

export function createDockerClient(socketPath: string): Docker {
  return new Docker({ socketPath });
}

interface DockerodeError {
  statusCode?: number;
  json?: { message?: string } | null;
  message?: string;
}

export function dockerStatusCode(err: unknown): number | undefined {
  if (err instanceof RuntimeError) return err.statusCode;
  const code = (err as DockerodeError | undefined)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** The daemon's message without dockerode's prefix, or the error's own text. */
export function dockerMessage(err: unknown): string {
  const e = err as DockerodeError | undefined;
  const fromJson = e?.json?.message;
  if (typeof fromJson === 'string' && fromJson !== '') return fromJson;
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

export const isNotFound = (err: unknown): boolean => dockerStatusCode(err) === 404;
export const isConflict = (err: unknown): boolean => dockerStatusCode(err) === 409;
export const isNotModified = (err: unknown): boolean => dockerStatusCode(err) === 304;

/** Wraps a dockerode failure with the operation it came from, keeping the status code. */
export function dockerError(op: string, err: unknown): RuntimeError {
  if (err instanceof RuntimeError) return err;
  const e = runtimeError('DOCKER', op, dockerMessage(err));
  return new RuntimeError(e.problem, e.message, dockerStatusCode(err));
}
