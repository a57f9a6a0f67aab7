// @kubelite/scheduler: the kube-scheduler as a library (tests and benchmarks start it in-process).
export { Scheduler, type SchedulerOptions } from './scheduler.js';
export { SchedulerCache } from './cache/cache.js';
export { NodeInfo } from './cache/node-info.js';
export { podRequests, type Resource } from './cache/resource.js';
export { defaultConfiguration, DEFAULT_MULTI_POINT } from './config/defaults.js';
export { configurationFromObject, loadConfiguration, parseDuration } from './config/load.js';
export { DEFAULT_SCHEDULER_NAME, type SchedulerConfiguration, type Profile } from './config/types.js';
export { SchedulerError, SchedulerProblems, isSchedulerError, type SchedulerProblem } from './errors.js';
export { DECISION_ANNOTATION, EXPLAIN_ANNOTATION, type Decision, type NodeVerdict } from './explain.js';
export { FitError, histogram } from './framework/fit-error.js';
export { Code, Status } from './framework/status.js';
export { numFeasibleNodesToFind } from './schedule-algorithm.js';
export { SchedulingQueue } from './queue/scheduling-queue.js';
