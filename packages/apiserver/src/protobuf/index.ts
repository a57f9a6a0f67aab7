// Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`), decoded into the
// JSON objects the rest of the apiserver already handles. Decoding only: responses stay JSON.
export { decodeProtobufObject, PROTOBUF_MEDIA_TYPE, type KindDefaults } from './object.js';
export { hasProtobufMagic, PROTOBUF_MAGIC, readEnvelope, type Envelope } from './envelope.js';
export { isProtobufError, ProtobufError, type EnvelopeKind, type ProtobufErrorCode } from './errors.js';
export { PROTOBUF_KINDS, schemaFor } from './kinds.js';
