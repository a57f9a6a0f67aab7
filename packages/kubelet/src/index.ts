// @kubelite/kubelet: the node agent as a library (tests start it in-process) and its runtimes.
export { Kubelet, type KubeletDeps } from './kubelet.js';
export { defaultKubeletOptions, type KubeletOptions } from './options.js';
export { KubeletError, KubeletProblems, type KubeletProblem } from './errors.js';
export type * from './runtime/types.js';
// Tests clean up process-runtime pods, which outlive their kubelet by design.
export { ProcessRuntime } from './runtime/process/index.js';
