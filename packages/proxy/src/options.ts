// kube-proxy's options with 1.32's flag names and defaults, independent of commander so tests can
// build a KubeProxy in-process. Durations are milliseconds here; the flags take Go durations.
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { parseGoDuration } from '@kubelite/api';
import type { LogFormat } from '@kubelite/client';
import { proxyError } from './errors.js';

export interface ProxyOptions {
  kubeconfig?: string;
  /** `--hostname-override`: the Node this proxy runs for (externalTrafficPolicy: Local) */
  hostnameOverride?: string;
  /** `--bind-address`: where nodePorts listen when `--nodeport-addresses` is empty */
  bindAddress: string;
  /** `--healthz-bind-address` `ip:port`; '' disables; port 0 picks a free one */
  healthzBindAddress: string;
  /** `--metrics-bind-address` `ip:port`; '' disables; port 0 picks a free one */
  metricsBindAddress: string;
  /** `--nodeport-addresses`: CIDRs or IPs; nodePorts listen on the local IPs inside them */
  nodePortAddresses: string[];
  /** how often everything is re-synced even without changes (upstream syncPeriod) */
  syncPeriodMs: number;
  /** changes are batched: at most one sync per this interval (upstream minSyncPeriod) */
  minSyncPeriodMs: number;
  /** `--config-sync-period`: informer resync */
  configSyncPeriodMs: number;
  kubeApiQps: number;
  kubeApiBurst: number;
  /** `--bind-address-hard-fail`: a nodePort that cannot be opened is fatal (the binary exits) */
  bindAddressHardFail: boolean;
  /** on stop, open connections get this long to finish before they are cut */
  shutdownDrainMs: number;
  logFormat: LogFormat;
  logLevel: string;
}

export function defaultOptions(): ProxyOptions {
  return {
    bindAddress: '0.0.0.0',
    healthzBindAddress: '0.0.0.0:10256',
    metricsBindAddress: '127.0.0.1:10249',
    nodePortAddresses: [],
    syncPeriodMs: 30_000,
    minSyncPeriodMs: 1_000,
    configSyncPeriodMs: 15 * 60_000,
    kubeApiQps: 5,
    kubeApiBurst: 10,
    bindAddressHardFail: false,
    shutdownDrainMs: 2_000,
    logFormat: 'json',
    logLevel: 'info',
  };
}

/** The node name as upstream derives it: the override, else the OS hostname, lower-cased. */
export function nodeName(o: Pick<ProxyOptions, 'hostnameOverride'>): string {
  const h = o.hostnameOverride?.trim() || hostname();
  return h.toLowerCase();
}

/** Go's time.ParseDuration, to milliseconds. */
export function parseDuration(flag: string, value: string): number {
  const ms = parseGoDuration(value);
  if (ms === undefined) throw proxyError('BAD_DURATION', flag, value);
  return ms;
}

export function parseNonNegative(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw proxyError('BAD_NUMBER', flag, value);
  return n;
}

export function parseIPFlag(flag: string, value: string): string {
  if (isIP(value) === 0) throw proxyError('BAD_BIND_ADDRESS', flag, value);
  return value;
}

export interface HostPort {
  host: string;
  port: number;
}

/**
 * `ip:port`, `[v6]:port`, or a bare IP which gets the default port (as upstream fills in the
 * port of `--healthz-bind-address 0.0.0.0`). Returns undefined for '' (disabled).
 */
export function parseHostPort(flag: string, value: string, defaultPort: number): HostPort | undefined {
  if (value === '') return undefined;
  if (isIP(value) !== 0) return { host: value, port: defaultPort };
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(value);
  const host = m ? (m[1] ?? m[2] ?? '') : '';
  const port = m ? Number(m[3]) : NaN;
  if (!m || (host !== '' && isIP(host) === 0) || !(port >= 0 && port <= 65535)) throw proxyError('BAD_HOST_PORT', flag, value);
  return { host: host === '' ? '0.0.0.0' : host, port };
}
