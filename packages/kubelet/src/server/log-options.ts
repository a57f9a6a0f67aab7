// The containerLogs query as the kubelet decodes it (core/v1 PodLogOptions, shared with the API
// server): a value that does not parse is 400 "Unable to decode query.", a bad combination
// (ValidatePodLogOptions) is 422 "Invalid request." — the kubelet's own terse answers.
import { decodePodLogOptions, podLogSince, validatePodLogOptions, type PodLogOptions } from '@kubelite/api';
import { serverError } from './errors.js';

export type LogRequest = Omit<PodLogOptions, 'container'>;

export function parseLogRequest(q: URLSearchParams): LogRequest {
  let o: PodLogOptions;
  try {
    o = decodePodLogOptions((name) => q.get(name) ?? undefined);
  } catch {
    throw serverError('BAD_LOG_QUERY');
  }
  if (validatePodLogOptions(o).length > 0) throw serverError('INVALID_LOG_OPTIONS');
  const { container: _ignored, ...request } = o;
  return request;
}

export const logSince = podLogSince;
