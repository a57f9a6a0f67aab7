// Errors the scheduler raises, declared once: configuration it rejects (as kube-scheduler's
// validation does), flags it cannot parse, and internal invariants of the cache.
const q = (s: string): string => JSON.stringify(s);

export const SchedulerProblems = {
  CONFIG_READ: (path: string, why: string) => `cannot read scheduler configuration ${q(path)}: ${why}`,
  CONFIG_KIND: (kind: string) => `unexpected kind ${q(kind)}: want KubeSchedulerConfiguration`,
  CONFIG_API_VERSION: (v: string) => `unsupported apiVersion ${q(v)}: want kubescheduler.config.k8s.io/v1`,
  CONFIG_INVALID: (field: string, why: string) => `${field}: Invalid value: ${why}`,
  DUPLICATE_PROFILE: (name: string) => `profiles: Duplicate value: ${q(name)}`,
  UNKNOWN_PLUGIN: (name: string) => `plugin ${q(name)} does not exist`,
  PLUGIN_NOT_AT_POINT: (name: string, point: string) => `plugin ${q(name)} does not extend ${point}`,
  FLAG_INVALID: (flag: string, value: string, why: string) => `invalid argument ${q(value)} for "--${flag}": ${why}`,
  POD_ALREADY_IN_CACHE: (key: string) => `pod ${key} is in the cache, so can't be assumed`,
  POD_NOT_ASSUMED: (key: string) => `pod ${key} wasn't assumed so cannot be forgotten`,
  NO_BIND_PLUGIN: (profile: string) => `profile ${q(profile)} has no Bind plugin`,
  NOT_STARTED: () => 'scheduler has not been started',
} as const satisfies Record<string, (...args: never[]) => string>;

export type SchedulerProblem = keyof typeof SchedulerProblems;

export class SchedulerError extends Error {
  constructor(
    readonly problem: SchedulerProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SchedulerError';
  }
}

export function schedulerError<P extends SchedulerProblem>(problem: P, ...args: Parameters<(typeof SchedulerProblems)[P]>): SchedulerError {
  const render = SchedulerProblems[problem] as (...a: Parameters<(typeof SchedulerProblems)[P]>) => string;
  return new SchedulerError(problem, render(...args));
}

export const isSchedulerError = (e: unknown): e is SchedulerError => e instanceof SchedulerError;
