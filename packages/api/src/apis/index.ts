export * from './core/index.js';
export * from './apps/index.js';
export * from './groups/index.js';
