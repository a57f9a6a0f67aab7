// @kubelite/client public API. Nothing here imports @kubelite/api yet: these pieces do not talk
// to an API server.
export { FakeClock, realClock, type Clock, type Timer } from './clock.js';
export {
  KubeconfigError,
  KubeconfigProblems,
  isKubeconfigError,
  kubeconfigError,
  type KubeconfigProblem,
} from './errors.js';
export {
  loadKubeconfig,
  loadRestConfig,
  resolveRestConfig,
  type Kubeconfig,
  type KubeconfigCluster,
  type KubeconfigContext,
  type KubeconfigUser,
  type LoadKubeconfigOptions,
  type Located,
  type RestConfig,
} from './kubeconfig.js';
export { buildKubeconfig, writeKubeconfig, type KubeconfigSpec } from './kubeconfig-write.js';
export { WorkQueue, type QueueKey } from './workqueue/queue.js';
export { DelayingQueue, type DelayingQueueOptions } from './workqueue/delaying.js';
export {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
  defaultControllerRateLimiter,
  type RateLimiter,
} from './workqueue/rate-limiters.js';
export { RateLimitingQueue, type RateLimitingQueueOptions } from './workqueue/rate-limiting.js';
