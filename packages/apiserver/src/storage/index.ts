// The apiserver's storage layer: the only code in kubelite that talks to etcd.
export * from './interfaces.js';
export * from './errors.js';
export { EtcdClient, parseEtcdServers, type EtcdClientOptions } from './etcd-client.js';
export { EtcdStore, COMPACT_REV_KEY, HEALTH_KEY, type EtcdStoreOptions } from './store.js';
export { parseResourceVersion } from './resource-version.js';
export { Compactor, compactRound } from './compactor.js';
export { encodeContinue, decodeContinue } from './continue.js';
export { prefixEnd } from './keys.js';
