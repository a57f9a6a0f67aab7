// The errors of the kubelet-facing subresources (pods/log, exec, attach, portforward), declared
// once with upstream's wording (pkg/registry/core/pod/strategy.go, the kubelet client, the
// upgrade-aware proxy and GenericHttpResponseChecker).
import type { StatusReason } from '@kubelite/api';
import { ApiError, badRequest, failure, internalError } from '../../../errors.js';

const err = (code: number, reason: StatusReason, message: string): ApiError => new ApiError(failure(code, reason, message));

export const KubeletProxyErrors = {
  noContainers: (pod: string) => badRequest(`a container name must be specified for pod ${pod}`),
  chooseContainer: (pod: string, containers: string[], init: string[], ephemeral: string[]) =>
    badRequest(
      `a container name must be specified for pod ${pod}, choose one of: [${containers.join(' ')}]` +
        (init.length > 0 ? ` or one of the init containers: [${init.join(' ')}]` : '') +
        (ephemeral.length > 0 ? ` or one of the ephemeral containers: [${ephemeral.join(' ')}]` : ''),
    ),
  invalidContainer: (container: string, pod: string) => badRequest(`container ${container} is not valid for pod ${pod}`),
  noHost: (pod: string) => badRequest(`pod ${pod} does not have a host assigned`),
  upgradeRequired: () => badRequest('Upgrade request required'),
  /** Node addresses with none of the preferred types: an error that is not a Status upstream, so a bare 500. */
  noPreferredAddress: (known: readonly { type: string; address: string }[]) =>
    err(500, '', `no preferred addresses found; known addresses: [${known.map((a) => `{${a.type} ${a.address}}`).join(' ')}]`),
  /** A failed log request (Go's url.Error text): `Get "https://…": dial tcp …: connect: connection refused`. */
  logRequestFailed: (url: string, why: string) => err(500, '', `Get ${JSON.stringify(url)}: ${why}`),
  dialFailed: (why: string) => err(500, '', `error dialing backend: ${why}`),
  /** The kubelet refused a log request: its plain-text reason becomes the Status message. */
  kubeletAnswered: (code: number, body: string, name: string): ApiError => {
    const text = body.trim();
    if (code === 400) return badRequest(text);
    if (code === 500) return internalError(text);
    const reason: StatusReason = code === 404 ? 'NotFound' : code === 401 ? 'Unauthorized' : code === 403 ? 'Forbidden' : '';
    const message = text || `the server responded with the status code ${code} but did not return more information (get pods/log ${name})`;
    return new ApiError(failure(code, reason, message, { name, kind: 'pods/log' }));
  },
} as const;
