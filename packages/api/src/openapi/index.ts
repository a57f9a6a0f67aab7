// OpenAPI schema definitions of the served kinds, the v3 documents built from them, and the
// unknown/duplicate field checks of fieldValidation.
export * from './dsl.js';
export { definitions, definition, definitionForKind, closure } from './definitions.js';
export { buildOpenApiDocument, definitionSchema, openApiGroupVersions, type JsonSchema } from './document.js';
export { findUnknownFields, type UnknownFieldsOptions, type UnknownFieldsResult } from './unknown-fields.js';
export { findDuplicateFields } from './duplicate-fields.js';
