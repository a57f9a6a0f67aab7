// core/v1: object types, defaulting and validation of the legacy ("core") API group.
export * from './container-types.js';
export * from './volume-types.js';
export * from './scheduling-types.js';
export * from './pod-types.js';
export * from './pod-status-types.js';
export * from './node-types.js';
export * from './service-types.js';
export * from './config-types.js';
export * from './event-types.js';
export * from './namespace-types.js';

export { parseImageName, defaultPullPolicy, type ImageReference } from './image.js';
export { canonicalQuantity, setDefaultsResourceList } from './resource-defaults.js';
export * from './pod-defaults.js';
export { setDefaultsVolume, DEFAULT_VOLUME_FILE_MODE } from './volume-defaults.js';
export { computePodQOS } from './pod-qos.js';
export * from './pod-validation.js';
export * from './pod-update-validation.js';
export { validateContainers, validateInitContainers, checkHostPortConflicts } from './container-validation.js';
export { validateEnv, validateEnvFrom } from './env-validation.js';
export { validateResourceRequirements, isOvercommitAllowed } from './resource-validation.js';
export { validateTolerations, validateTaints } from './taint-validation.js';
export { validateVolumes } from './volume-validation.js';
export * from './service-defaults.js';
export * from './service-allocation.js';
export * from './service-validation.js';
export * from './node-validation.js';
export * from './config-validation.js';
export * from './secret-defaults.js';
export * from './event-validation.js';
export * from './namespace-validation.js';
export * from './endpoints-validation.js';
export { decodeBase64, encodeBase64, type Base64Result } from './base64.js';
export {
  isConfigMapKey, isDNS1035Label, isRelaxedEnvVarName, isValidIP, isValidPortName, isValidPortNum,
} from './field-helpers.js';
export { canonicalJson, semanticEqual } from './semantic.js';
export * from './pod-log-options.js';
