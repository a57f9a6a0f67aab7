export * from './types.js';
export { NamespaceLifecycle, IMMORTAL_NAMESPACES } from './namespace-lifecycle.js';
export { DefaultTolerationSeconds, NOT_READY_TAINT, UNREACHABLE_TAINT } from './default-toleration-seconds.js';
export { Priority } from './priority.js';
