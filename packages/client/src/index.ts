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
export { apiserverSans, firstServiceIP, type ApiserverSanOptions, type SubjectAltNames } from './pki/sans.js';
