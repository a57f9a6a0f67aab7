// Authentication and authorization for the apiserver: the chain (x509 → bearer token →
// anonymous), the token file, and the Authorizer seam with Kubernetes' 401/403 bodies.
export * from './user.js';
export * from './authenticator.js';
export * from './bearer-token.js';
export * from './token-file.js';
export * from './x509.js';
export * from './authorizer.js';
