export * from './storage/index.js';
export * from './auth/index.js';
export { ApiServer, type ApiServerOptions } from './apiserver.js';
export { ApiError, isApiError, type GroupResource } from './errors.js';
