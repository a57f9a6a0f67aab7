export * from './meta.js';
export * from './field.js';
export * from './validation.js';
export * from './quantity.js';
export * from './labels.js';
export * from './fields.js';
