// Probe ports: a number, or the name of one of the container's ports (upstream
// ResolveContainerPort, which also accepts a number written as a string).
import type { Container } from '@kubelite/api';
import { probeError } from './errors.js';

export function resolveContainerPort(port: number | string, container: Container): number {
  let value: number;
  if (typeof port === 'number') value = port;
  else {
    const named = container.ports?.find((p) => p.name === port);
    if (named) value = named.containerPort;
    else if (/^\d+$/.test(port)) value = Number(port);
    else throw probeError('PORT_NOT_FOUND', port, container.name);
  }
  if (!Number.isInteger(value) || value <= 0 || value >= 65536) throw probeError('INVALID_PORT', String(value));
  return value;
}

/** `host:port`, with brackets around an IPv6 host (Go's net.JoinHostPort). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
