// The error answers of the patch handler that errors.ts has no constructor for. Each mirrors what
// kube-apiserver's PATCH handler turns the underlying failure into, so kubectl prints the same line.
import { ApiError, failure } from '../errors.js';

/**
 * A 422 built like apimachinery's NewGenericServerResponse: a fixed message and empty details. The
 * real server answers every failed JSON-patch operation this way, whatever went wrong, and kubectl
 * prints `The request is invalid: the server rejected our request due to an error in our request`.
 */
export const unprocessable = (): ApiError =>
  new ApiError(failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {}));

/**
 * An error the apiserver did not expect to be a Status: it answers 500 with an empty (Unknown)
 * reason and the raw message, which kubectl prints as `Error from server: <message>`.
 */
export const unknownError = (message: string): ApiError => new ApiError(failure(500, '', message));

// Sentinel messages of apimachinery's mergepatch package that the patch handler answers with 400.
export const SMP_MESSAGES = {
  primitiveList: 'invalid patch format of primitive list',
  retainKeys: 'invalid patch format of retainKeys',
  setElementOrder: 'invalid patch format of setElementOrder list',
} as const;
