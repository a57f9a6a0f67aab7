export { EtcdLite, type ListeningAddresses } from './server.js';
export { defaultConfig, DEFAULT_MAX_REQUEST_BYTES, type EtcdLiteConfig } from './config.js';
export { restoreSnapshot, readSnapshotFile, SnapshotFormatError } from './storage/snapshot.js';
export { ErrorCodes, EtcdError, type ErrorCode } from './errors.js';
export { ETCD_VERSION, ETCD_LITE_VERSION } from './version.js';
