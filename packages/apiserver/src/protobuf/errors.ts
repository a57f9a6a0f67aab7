// The ways a Kubernetes protobuf body can fail to decode, declared once. The REST layer turns
// them into Status objects (see server/body.ts); the messages follow apimachinery's wording
// where it has one, so a client sees what a real kube-apiserver would say.

export type ProtobufErrorCode =
  /** No `k8s\0` prefix, or nothing after it. */
  | 'NotProtobuf'
  /** The wire data is malformed: truncated, a bad varint, a field of the wrong wire type. */
  | 'InvalidWireData'
  /** A field decoded but its value is impossible (an invalid quantity, an unknown IntOrString type). */
  | 'InvalidValue'
  /** The envelope names no kind or version and nothing supplied a default. */
  | 'MissingKind'
  /** No schema for the envelope's apiVersion/kind. */
  | 'UnknownKind'
  /** Valid protobuf this server cannot represent: a nested type outside its schema, or a
   * non-protobuf payload inside the envelope. */
  | 'Unsupported';

/** The apiVersion/kind an envelope named, once it has been read. */
export interface EnvelopeKind {
  apiVersion: string;
  kind: string;
}

export class ProtobufError extends Error {
  constructor(
    readonly code: ProtobufErrorCode,
    message: string,
    /** Set when the failure came after the envelope was read: what the body claimed to be. */
    readonly envelope?: EnvelopeKind,
  ) {
    super(message);
    this.name = 'ProtobufError';
  }

  /** The same error, annotated with the envelope's apiVersion/kind. */
  within(envelope: EnvelopeKind): ProtobufError {
    return new ProtobufError(this.code, this.message, envelope);
  }
}

export const isProtobufError = (e: unknown): e is ProtobufError => e instanceof ProtobufError;

/** The magic bytes, as Go prints them in its error: `[107 56 115 0]`. */
const MAGIC_TEXT = '[107 56 115 0]';

export const notProtobuf = (): ProtobufError =>
  new ProtobufError('NotProtobuf', `provided data does not appear to be a protobuf message, expected prefix ${MAGIC_TEXT}`);

export const emptyBody = (): ProtobufError => new ProtobufError('NotProtobuf', 'empty body');

export const invalidWire = (where: string, why: string): ProtobufError =>
  new ProtobufError('InvalidWireData', `proto: ${where}: ${why}`);

export const invalidValue = (where: string, why: string): ProtobufError =>
  new ProtobufError('InvalidValue', `${where}: ${why}`);

export const missingKind = (what: 'Kind' | 'Version'): ProtobufError =>
  new ProtobufError('MissingKind', `Object '${what}' is missing in protobuf envelope`);

export const unknownKind = (apiVersion: string, kind: string): ProtobufError =>
  new ProtobufError('UnknownKind', `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)} in kubelite's protobuf decoder`);

export const unsupported = (why: string): ProtobufError => new ProtobufError('Unsupported', why);
