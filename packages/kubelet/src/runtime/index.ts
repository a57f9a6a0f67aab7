// The kubelet's container runtimes: the interface, its two handlers, and the shared vocabulary
// (names, labels, errors) both of them write into what they create.
export type * from './types.js';
export { DockerRuntime, dockerSocketPath, type DockerRuntimeOptions } from './docker/index.js';
export { ProcessRuntime, type ProcessRuntimeOptions } from './process/index.js';
export { RuntimeError, RuntimeProblems, isRuntimeError, runtimeError, type RuntimeProblem } from './errors.js';
export { containerName, parseName, sandboxName, SANDBOX_CONTAINER_NAME, type ParsedName } from './naming.js';
export {
  ANNOTATION_PREFIX,
  CONTAINER_NAME_LABEL,
  CONTAINER_TYPE_LABEL,
  LOG_PATH_LABEL,
  NODE_NAME_LABEL,
  POD_NAME_LABEL,
  POD_NAMESPACE_LABEL,
  POD_UID_LABEL,
  SANDBOX_ID_LABEL,
} from './labels.js';
export { EXEC_SYNC_MAX_OUTPUT, TIMED_OUT_EXIT_CODE } from './exec-limits.js';
export { formatNs, nowRfc3339Nano, toRfc3339Nano } from './log-time.js';
