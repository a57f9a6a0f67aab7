// @kubelite/controller-manager: the library the kube-controller-manager binary wraps.
export { ControllerManager, type ControllerManagerHooks } from './controller-manager.js';
export { defaultOptions, parseDuration, type ControllerManagerOptions } from './options.js';
export { CONTROLLERS, enabledControllers } from './controllers/registry.js';
export { ControllerManagerError, ControllerManagerProblems, type ControllerManagerProblem } from './errors.js';
export { computeHash } from './controller/hash.js';
