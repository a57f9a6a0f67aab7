// Storage errors as the API reports them: the storage layer speaks of keys, the API of resources
// and names, with Kubernetes' messages (`pods "x" not found`, the optimistic-lock wording, …).
import { isStorageError } from '../storage/index.js';
import {
  alreadyExists,
  ApiError,
  badRequest,
  conflict,
  expired,
  failure,
  notFound,
  OPTIMISTIC_LOCK_MESSAGE,
  serviceUnavailable,
  timeout,
  type GroupResource,
} from '../errors.js';

export function toApiError(err: unknown, gr: GroupResource, name: string): unknown {
  if (!isStorageError(err)) return err;
  switch (err.code) {
    case 'NotFound':
      return notFound(gr, name);
    case 'AlreadyExists':
      return alreadyExists(gr, name);
    case 'Conflict':
      return conflict(gr, name, OPTIMISTIC_LOCK_MESSAGE);
    case 'ResourceVersionTooOld': {
      const e = expired(err.message);
      if (err.inconsistentContinue) e.status.metadata.continue = err.inconsistentContinue;
      return e;
    }
    case 'ResourceVersionTooLarge':
      return timeout(err.message);
    case 'Unavailable':
      return serviceUnavailable(err.message);
    case 'InvalidResourceVersion':
    case 'InvalidContinue':
      return badRequest(err.message);
    case 'InvalidObject':
      return new ApiError(failure(500, 'InternalError', err.message));
  }
}

/** Awaits `p`, turning storage errors into API errors about `name`. */
export async function mapped<T>(p: Promise<T>, gr: GroupResource, name: string): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw toApiError(err, gr, name);
  }
}
