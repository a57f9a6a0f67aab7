// Reads a KubeSchedulerConfiguration YAML file over the defaults and validates what kube-scheduler
// validates for these fields: kind/apiVersion, unique profile names, ranges, durations.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { schedulerError } from '../errors.js';
import { defaultConfiguration } from './defaults.js';
import { DEFAULT_SCHEDULER_NAME, type Profile, type SchedulerConfiguration } from './types.js';

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration string ("15s", "500ms", "1m") in milliseconds. */
export function parseDuration(field: string, v: unknown): number {
  if (typeof v === 'number') return v * 1000;
  const m = typeof v === 'string' ? DURATION.exec(v.trim()) : null;
  if (!m) throw schedulerError('CONFIG_INVALID', field, `${JSON.stringify(v)}: not a duration`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});

function num(field: string, v: unknown, fallback: number, min: number, max = Infinity): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw schedulerError('CONFIG_INVALID', field, `${JSON.stringify(v)}: must be a number in [${min}, ${max}]`);
  }
  return v;
}

export function configurationFromObject(raw: unknown): SchedulerConfiguration {
  const r = obj(raw);
  if (r.kind !== undefined && r.kind !== 'KubeSchedulerConfiguration') throw schedulerError('CONFIG_KIND', String(r.kind));
  if (r.apiVersion !== undefined && r.apiVersion !== 'kubescheduler.config.k8s.io/v1') throw schedulerError('CONFIG_API_VERSION', String(r.apiVersion));
  const cfg = defaultConfiguration();
  const cc = obj(r.clientConnection);
  if (typeof cc.kubeconfig === 'string') cfg.clientConnection.kubeconfig = cc.kubeconfig;
  cfg.clientConnection.qps = num('clientConnection.qps', cc.qps, cfg.clientConnection.qps, -1);
  cfg.clientConnection.burst = num('clientConnection.burst', cc.burst, cfg.clientConnection.burst, 0);
  const le = obj(r.leaderElection);
  const lec = cfg.leaderElection;
  if (typeof le.leaderElect === 'boolean') lec.leaderElect = le.leaderElect;
  if (le.leaseDuration !== undefined) lec.leaseDurationMs = parseDuration('leaderElection.leaseDuration', le.leaseDuration);
  if (le.renewDeadline !== undefined) lec.renewDeadlineMs = parseDuration('leaderElection.renewDeadline', le.renewDeadline);
  if (le.retryPeriod !== undefined) lec.retryPeriodMs = parseDuration('leaderElection.retryPeriod', le.retryPeriod);
  if (typeof le.resourceName === 'string') lec.resourceName = le.resourceName;
  if (typeof le.resourceNamespace === 'string') lec.resourceNamespace = le.resourceNamespace;
  if (typeof le.resourceLock === 'string') lec.resourceLock = le.resourceLock;
  cfg.parallelism = num('parallelism', r.parallelism, cfg.parallelism, 1);
  cfg.percentageOfNodesToScore = num('percentageOfNodesToScore', r.percentageOfNodesToScore, 0, 0, 100);
  cfg.podInitialBackoffSeconds = num('podInitialBackoffSeconds', r.podInitialBackoffSeconds, 1, 0);
  cfg.podMaxBackoffSeconds = num('podMaxBackoffSeconds', r.podMaxBackoffSeconds, 10, cfg.podInitialBackoffSeconds);
  if (Array.isArray(r.profiles) && r.profiles.length > 0) cfg.profiles = r.profiles.map((p, i) => profileFrom(p, i));
  const seen = new Set<string>();
  for (const p of cfg.profiles) {
    if (seen.has(p.schedulerName)) throw schedulerError('DUPLICATE_PROFILE', p.schedulerName);
    seen.add(p.schedulerName);
  }
  return cfg;
}

function profileFrom(raw: unknown, i: number): Profile {
  const p = obj(raw);
  const name = typeof p.schedulerName === 'string' && p.schedulerName !== '' ? p.schedulerName : DEFAULT_SCHEDULER_NAME;
  const out: Profile = { schedulerName: name };
  if (p.percentageOfNodesToScore !== undefined) out.percentageOfNodesToScore = num(`profiles[${i}].percentageOfNodesToScore`, p.percentageOfNodesToScore, 0, 0, 100);
  if (p.plugins !== undefined) out.plugins = obj(p.plugins) as Profile['plugins'];
  if (Array.isArray(p.pluginConfig)) out.pluginConfig = p.pluginConfig as Profile['pluginConfig'];
  return out;
}

export function loadConfiguration(path: string): SchedulerConfiguration {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw schedulerError('CONFIG_READ', path, e instanceof Error ? e.message : String(e));
  }
  try {
    return configurationFromObject(parse(text));
  } catch (e) {
    if (e instanceof Error && e.name === 'SchedulerError') throw e;
    throw schedulerError('CONFIG_READ', path, e instanceof Error ? e.message : String(e));
  }
}
