export * from './storage/index.js';
export * from './auth/index.js';
