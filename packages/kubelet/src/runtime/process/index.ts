// The process runtime handler (host processes under detached supervisors).
export { ProcessRuntime, type ProcessRuntimeOptions } from './process-runtime.js';
