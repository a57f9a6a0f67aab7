// grpc probes: grpc.health.v1.Health/Check over plaintext HTTP/2 (upstream pkg/probe/grpc);
// SERVING is success. The call is small enough to speak directly: one length-prefixed protobuf
// message each way, the outcome in the grpc-status trailer.
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { goDuration } from '../kuberuntime/backoff.js';
import { dialErrorText } from './dial-errors.js';
import { joinHostPort } from './ports.js';
import { PROBE_USER_AGENT, type HandlerOutcome } from './types.js';

const CHECK_PATH = '/grpc.health.v1.Health/Check';
const SERVING_STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
const CODE_NAMES = [
  'OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists', 'PermissionDenied',
  'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal', 'Unavailable', 'DataLoss', 'Unauthenticated',
];
const UNIMPLEMENTED = 12;
const DEADLINE_EXCEEDED = 4;

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n > 0x7f; n >>>= 7) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return out;
}

/** A gRPC frame holding HealthCheckRequest{service}. */
export function encodeCheckRequest(service: string): Buffer {
  const name = Buffer.from(service, 'utf8');
  const message = name.length > 0 ? Buffer.concat([Buffer.from([0x0a, ...varint(name.length)]), name]) : Buffer.alloc(0);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(message.length, 1);
  return Buffer.concat([prefix, message]);
}

/** HealthCheckResponse.status from a gRPC frame; 0 (UNKNOWN) when absent. */
export function decodeCheckResponse(frame: Buffer): number {
  const message = frame.subarray(5, 5 + (frame.length >= 5 ? frame.readUInt32BE(1) : 0));
  let status = 0;
  for (let i = 0; i < message.length; ) {
    const tag = message[i++]!;
    let value = 0;
    for (let shift = 0; i < message.length; shift += 7) {
      const b = message[i++]!;
      value |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    if (tag >> 3 === 1 && (tag & 7) === 0) status = value;
    else if ((tag & 7) !== 0) break; // only varints are expected here
  }
  return status;
}

// grpc-go's mapping of HTTP statuses that are not 200 to gRPC codes (the common ones).
function codeForHttpStatus(status: number): number {
  return status === 404 ? UNIMPLEMENTED : status === 503 || status === 502 || status === 504 ? 14 : 2;
}

interface CallResult {
  code: number;
  message: string;
  body: Buffer;
}

function call(session: ClientHttp2Session, service: string, timeoutMs: number): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ':method': 'POST',
      ':path': CHECK_PATH,
      'content-type': 'application/grpc',
      te: 'trailers',
      'user-agent': PROBE_USER_AGENT,
      'grpc-timeout': `${Math.max(1, timeoutMs)}m`,
    });
    const chunks: Buffer[] = [];
    let headers: IncomingHttpHeaders = {};
    let trailers: IncomingHttpHeaders = {};
    stream.on('response', (h) => (headers = h));
    stream.on('trailers', (t) => (trailers = t));
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', reject);
    stream.on('end', () => {
      const httpStatus = Number(headers[':status'] ?? 0);
      const statusHeader = trailers['grpc-status'] ?? headers['grpc-status'];
      const rawMessage = trailers['grpc-message'] ?? headers['grpc-message'];
      const message = typeof rawMessage === 'string' ? decodeURIComponent(rawMessage) : '';
      if (httpStatus !== 200) resolve({ code: codeForHttpStatus(httpStatus), message: `unexpected HTTP status code received from server: ${httpStatus}`, body: Buffer.alloc(0) });
      else resolve({ code: statusHeader === undefined ? 2 : Number(statusHeader), message, body: Buffer.concat(chunks) });
    });
    stream.end(encodeCheckRequest(service));
  });
}

function outcomeOf(r: CallResult, timeoutText: string): HandlerOutcome {
  if (r.code === UNIMPLEMENTED) return { result: 'failure', output: `error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${r.message}` };
  if (r.code === DEADLINE_EXCEEDED) return { result: 'failure', output: `timeout: health rpc did not complete within ${timeoutText}` };
  if (r.code !== 0) return { result: 'failure', output: `error: health rpc probe failed: rpc error: code = ${CODE_NAMES[r.code] ?? `Code(${r.code})`} desc = ${r.message}` };
  const status = decodeCheckResponse(r.body);
  if (status !== 1) return { result: 'failure', output: `service unhealthy (responded with "${SERVING_STATUS[status] ?? String(status)}")` };
  return { result: 'success', output: 'service healthy' };
}

export function probeGrpc(host: string, port: number, service: string, timeoutMs: number): Promise<HandlerOutcome> {
  const addr = joinHostPort(host, port);
  const timeoutText = goDuration(timeoutMs);
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const session = connect(`http://${addr}`);
    const finish = (outcome: HandlerOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      if (connected) finish({ result: 'failure', output: `timeout: health rpc did not complete within ${timeoutText}` });
      else finish({ result: 'failure', output: `timeout: failed to connect service "${addr}" within ${timeoutText}: context deadline exceeded` });
    }, timeoutMs);
    session.on('error', (err) => {
      const output = connected
        ? `error: health rpc probe failed: ${err.message}`
        : `error: failed to connect service at "${addr}": ${dialErrorText(err, addr)}`;
      finish({ result: 'failure', output });
    });
    session.once('connect', () => {
      connected = true;
      call(session, service, timeoutMs).then(
        (r) => finish(outcomeOf(r, timeoutText)),
        (err: unknown) => finish({ result: 'failure', output: `error: health rpc probe failed: ${err instanceof Error ? err.message : String(err)}` }),
      );
    });
  });
}
