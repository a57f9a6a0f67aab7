// Object types, defaulting and validation of apps/v1 (and the autoscaling/v1 Scale they answer).
export * from './conditions.js';
export * from './intstr.js';
export * from './label-selector.js';
export * from './semantic.js';
export * from './template.js';
export * from './deployment.js';
export * from './replicaset.js';
export * from './daemonset.js';
export * from './statefulset.js';
export * from './scale.js';
