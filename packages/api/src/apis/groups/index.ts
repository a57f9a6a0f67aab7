// Object types, defaulting and validation of the named groups: batch, coordination.k8s.io,
// discovery.k8s.io, events.k8s.io, policy, autoscaling/v2 and rbac.authorization.k8s.io.
export * from './job-types.js';
export * from './job.js';
export * from './job-update.js';
export * from './job-failure-policy.js';
export * from './cron.js';
export * from './cronjob.js';
export * from './microtime.js';
export * from './lease.js';
export * from './ip.js';
export * from './endpointslice.js';
export * from './event-types.js';
export * from './event-conversion.js';
export * from './event.js';
export * from './policy.js';
export * from './path-segment.js';
export * from './hpa.js';
export * from './rbac.js';
