// One HTTPS request to a kubelet with the API server's client certificate: tries the node's
// addresses in preference order (moving on only when an address cannot be connected to), bounds
// the wait for an answer by --kubelet-timeout, and describes failures as Go's net package does,
// since that is the text kubectl users know ("dial tcp …: connect: connection refused").
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { KubeletClientConfig } from './config.js';
import type { KubeletAddress } from './target.js';

export type KubeletAnswer =
  | { kind: 'response'; res: IncomingMessage; url: string }
  | { kind: 'upgrade'; res: IncomingMessage; socket: Duplex; head: Buffer; url: string };

export class KubeletDialError extends Error {
  constructor(
    message: string,
    readonly url: string,
    /** The TCP connection was never made: another address may do better. */
    readonly beforeConnect: boolean,
  ) {
    super(message);
    this.name = 'KubeletDialError';
  }
}

export interface KubeletRequest {
  method: string;
  /** Path with query. */
  path: string;
  headers: OutgoingHttpHeaders;
}

const hostPort = (a: KubeletAddress): string => (isIP(a.host) === 6 ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`);

const TLS_VERIFY_CODES = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']);

/** Go's wording for a failed dial or request. */
function describe(err: NodeJS.ErrnoException, a: KubeletAddress, connected: boolean): string {
  const addr = hostPort(a);
  switch (err.code) {
    case 'ECONNREFUSED':
      return `dial tcp ${addr}: connect: connection refused`;
    case 'EHOSTUNREACH':
      return `dial tcp ${addr}: connect: no route to host`;
    case 'ENETUNREACH':
      return `dial tcp ${addr}: connect: network is unreachable`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${a.host}: no such host`;
    case 'ETIMEDOUT':
      return connected ? 'net/http: timeout awaiting response headers' : `dial tcp ${addr}: i/o timeout`;
    case 'ECONNRESET':
      return `read tcp ${addr}: connection reset by peer`;
    default:
      if (err.code && TLS_VERIFY_CODES.has(err.code)) return `tls: failed to verify certificate: x509: ${err.message}`;
      return err.message;
  }
}

function attempt(config: KubeletClientConfig, a: KubeletAddress, r: KubeletRequest): Promise<KubeletAnswer> {
  const url = `https://${hostPort(a)}${r.path}`;
  return new Promise((resolve, reject) => {
    let connected = false;
    const req = request({
      host: a.host,
      port: a.port,
      method: r.method,
      path: r.path,
      headers: { ...r.headers, host: hostPort(a) },
      agent: false,
      ...(config.cert && config.key ? { cert: config.cert, key: config.key } : {}),
      // Without --kubelet-certificate-authority the kubelet's certificate is not checked (upstream's default).
      ...(config.ca ? { ca: config.ca, rejectUnauthorized: true } : { rejectUnauthorized: false }),
      ...(isIP(a.host) ? {} : { servername: a.host }),
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), config.timeoutMs);
    req.on('socket', (s: Socket) => s.once('connect', () => (connected = true)));
    req.on('response', (res) => {
      clearTimeout(timer);
      resolve({ kind: 'response', res, url });
    });
    req.on('upgrade', (res, socket, head) => {
      clearTimeout(timer);
      resolve({ kind: 'upgrade', res, socket, head, url });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new KubeletDialError(describe(err, a, connected), url, !connected));
    });
    req.end();
  });
}

/** Sends the request to the first address that accepts a connection; rejects with KubeletDialError. */
export async function requestKubelet(config: KubeletClientConfig, addresses: readonly KubeletAddress[], r: KubeletRequest): Promise<KubeletAnswer> {
  let last: KubeletDialError | undefined;
  for (const a of addresses) {
    try {
      return await attempt(config, a, r);
    } catch (err) {
      if (!(err instanceof KubeletDialError)) throw err;
      last = err;
      if (!err.beforeConnect) break;
    }
  }
  throw last ?? new KubeletDialError('no kubelet address to dial', '', true);
}

/** Reads at most `limit` bytes of a (small, error) body. */
export async function readBody(res: IncomingMessage, limit = 50_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}
