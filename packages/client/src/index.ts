// @kubelite/client public API: kubeconfig and PKI, work queues, and the API-talking half (REST
// client and watch, informers, leader election).
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
// PKI: kubeadm-style certificates for `klctl cluster up` and the apiserver's serving certificate.
export {
  CA_VALIDITY_DAYS,
  LEAF_VALIDITY_DAYS,
  certificateIdentity,
  certificateInfo,
  createCa,
  issueClientCert,
  issueServingCert,
  loadCa,
  loadCertificate,
  verifyIssuedBy,
  type CaOptions,
  type CertKeyPair,
  type CertificateIdentity,
  type CertificateInfo,
  type CertificateInput,
  type ClientCertOptions,
  type LoadedCa,
  type ServingCertOptions,
  type ValidityOptions,
} from './pki/certificates.js';
export { PkiError, PkiProblems, isPkiError, pkiError, type PkiProblem } from './pki/errors.js';
export { generateKey, keyMatchesPublicKey, loadSigningKey, type GeneratedKey, type SigningKey } from './pki/keys.js';
export {
  PKI_APISERVER,
  PKI_CA,
  defaultClientCerts,
  ensurePki,
  pkiPaths,
  readCertKeyPair,
  writeCertKeyPair,
  type ClientCertSpec,
  type EnsurePkiOptions,
  type EnsurePkiResult,
  type PkiAction,
} from './pki/layout.js';
export { ensureSelfSignedServingCert, type SelfSignedOptions } from './pki/self-signed.js';
export { apiserverSans, firstServiceIP, type ApiserverSanOptions, type SubjectAltNames } from './pki/sans.js';
export { createLogger, type LogFormat, type Logger } from './logger.js';
// REST: the typed client, watches, Status errors, the client-side throttle.
export {
  DEFAULT_TIMEOUT_MS,
  RestClient,
  userAgentFor,
  type HttpMethod,
  type QueryValue,
  type RawResponse,
  type RequestOptions,
  type RestClientOptions,
} from './rest/client.js';
export {
  ApiError,
  RestError,
  RestProblems,
  apiErrorFromResponse,
  isAlreadyExists,
  isApiError,
  isBadRequest,
  isConflict,
  isExpired,
  isForbidden,
  isGone,
  isGoneOrExpired,
  isInternalError,
  isInvalid,
  isMethodNotSupported,
  isNotFound,
  isRestError,
  isServiceUnavailable,
  isTooManyRequests,
  isUnauthorized,
  restError,
  type RestProblem,
} from './rest/errors.js';
export { KubeClient, type KubeClientOptions } from './rest/kube-client.js';
export { DEFAULT_PAGE_SIZE, listPages, type PagedList } from './rest/pager.js';
export {
  DEFAULT_BURST,
  DEFAULT_QPS,
  TokenBucketRateLimiter,
  rateLimiterFor,
  unlimitedRateLimiter,
  type RequestRateLimiter,
} from './rest/rate-limiter.js';
export {
  PATCH_CONTENT_TYPES,
  ResourceClient,
  type DeleteOptions,
  type FieldValidation,
  type GetOptions,
  type ListOptions,
  type ListerWatcher,
  type PatchOptions,
  type PatchType,
  type PropagationPolicy,
  type ResourceVersionMatch,
  type SubresourceRequest,
  type WatchOptions,
  type WriteOptions,
} from './rest/resource.js';
export { JsonStreamFramer, Watch, parseWatchEvent, type WatchEvent, type WatchEventType } from './rest/watch.js';
// Informers: reflector, indexed cache, shared informers and their factory, listers.
export { ExponentialBackoff, type BackoffOptions } from './informer/backoff.js';
export { waitForCacheSync } from './informer/cache-sync.js';
export { InformerError, InformerProblems, isInformerError, type InformerProblem } from './informer/errors.js';
export { SharedInformerFactory, type InformerForOptions, type SharedInformerFactoryOptions } from './informer/factory.js';
export { Lister, NamespaceLister, type SelectorInput } from './informer/lister.js';
export { Reflector, type ReflectorOptions, type ReflectorPhase, type ReflectorStore } from './informer/reflector.js';
export {
  SharedIndexInformer,
  type HandlerRegistration,
  type ResourceEventHandler,
  type SharedInformerOptions,
} from './informer/shared-informer.js';
export {
  DeletedFinalStateUnknown,
  Indexer,
  NAMESPACE_INDEX,
  metaNamespaceIndexFunc,
  metaNamespaceKeyFunc,
  splitMetaNamespaceKey,
  unwrapTombstone,
  type IndexFunc,
  type Indexers,
  type KeyFunc,
  type Store,
} from './informer/store.js';
// Leader election on coordination.k8s.io/v1 Leases.
export {
  LeaderElectionError,
  LeaderElectionProblems,
  isLeaderElectionError,
  type LeaderElectionProblem,
} from './leaderelection/errors.js';
export {
  DEFAULT_LEASE_DURATION_MS,
  DEFAULT_RENEW_DEADLINE_MS,
  DEFAULT_RETRY_PERIOD_MS,
  JITTER_FACTOR,
  LeaderElector,
  type LeaderCallbacks,
  type LeaderElectionConfig,
} from './leaderelection/leader-elector.js';
export {
  LeaseLock,
  leaseSpecToRecord,
  recordToLeaseSpec,
  type LeaderElectionRecord,
  type Lease,
  type LeaseLockOptions,
  type LeaseSpec,
  type ObservedRecord,
  type ResourceLock,
} from './leaderelection/lease-lock.js';
export { formatMicroTime, parseMicroTime } from './leaderelection/micro-time.js';
// The health and metrics port of control-plane components.
export {
  HEALTH_HEADERS,
  runHealthChecks,
  startComponentServer,
  type ComponentServer,
  type ComponentServerOptions,
  type HealthCheck,
} from './component/component-server.js';
// core/v1 Events with client-go's dedup (count and lastTimestamp bumped on repeats).
export { EventRecorder, objectReference, rfc3339, type EventType } from './events/recorder.js';
