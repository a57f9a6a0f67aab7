// The apiserver's watch cache (k8s.io/apiserver pkg/storage/cacher): one store watch per
// resource serving every watch and cacheable list of it.
export { Cacher, type CacherOptions, type CacheWatchOptions, type CacherListOptions } from './cacher.js';
export { shouldDelegateList, type CacheListOptions } from './delegate.js';
export { serializeOnce } from './memo.js';
export type { CacherLogger } from './reflector.js';
export type { KeyOf } from './watch-cache.js';
export type { ObjectPredicate } from './cache-event.js';
