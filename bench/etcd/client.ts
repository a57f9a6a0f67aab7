// The bench's client: gRPC over node:http2, with messages (de)serialized by the .proto files shipped
// in the etcd3 npm package (the same protos test/support/etcd-grpc.ts uses). It is a deliberately
// thin client: @grpc/grpc-js spends ~2.5x the CPU per call, which on a 2-core machine made the client,
// not the server, the bottleneck at 64 in flight. One `Conn` is one HTTP/2 connection, so load can be
// spread over several like etcd's `benchmark --conns`. The same code drives both servers.
import http2 from 'node:http2';
import * as protoLoader from '@grpc/proto-loader';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const protoDir = join(dirname(require.resolve('etcd3/package.json')), 'proto');

const definition = protoLoader.loadSync(join(protoDir, 'rpc.proto'), {
  keepCase: true,
  longs: String,
  enums: Number,
  defaults: false, // absent fields stay undefined: less decoding work per message
  oneofs: true,
  includeDirs: [protoDir],
});

// The subset of etcd's messages the bench touches (decoded with keepCase, int64 as strings).
export interface ResponseHeader {
  revision?: string;
}
export interface PutRequest {
  key: Buffer;
  value: Buffer;
}
export interface PutResponse {
  header?: ResponseHeader;
}
export interface RangeRequest {
  key: Buffer;
  range_end?: Buffer;
}
export interface KeyValue {
  key: Buffer;
  value?: Buffer;
  mod_revision?: string;
}
export interface RangeResponse {
  header?: ResponseHeader;
  kvs?: KeyValue[];
  count?: string;
  more?: boolean;
}
export interface StatusResponse {
  header?: ResponseHeader;
  version?: string;
}
export interface WatchRequest {
  create_request?: { key: Buffer; range_end?: Buffer; start_revision?: string };
}
export interface WatchEvent {
  type?: number;
  kv?: KeyValue;
}
export interface WatchResponse {
  header?: ResponseHeader;
  watch_id?: string;
  created?: boolean;
  canceled?: boolean;
  cancel_reason?: string;
  events?: WatchEvent[];
}

type Method<Req, Res> = protoLoader.MethodDefinition<Req, Res>;

function method<Req, Res>(service: string, name: string): Method<Req, Res> {
  const svc = definition[`etcdserverpb.${service}`] as protoLoader.ServiceDefinition;
  const m = svc[name];
  if (m === undefined) throw new Error(`no method etcdserverpb.${service}/${name} in the protos`);
  return m as unknown as Method<Req, Res>;
}

const putMethod = method<PutRequest, PutResponse>('KV', 'Put');
const rangeMethod = method<RangeRequest, RangeResponse>('KV', 'Range');
const statusMethod = method<Record<string, never>, StatusResponse>('Maintenance', 'Status');
const watchMethod = method<WatchRequest, WatchResponse>('Watch', 'Watch');

const CALL_TIMEOUT_MS = 20_000;
const { HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH, HTTP2_HEADER_CONTENT_TYPE, HTTP2_HEADER_TE, NGHTTP2_CANCEL } = http2.constants;

/** gRPC length-prefixed message framing: 1 byte "compressed" flag (always 0 here), 4 bytes length. */
function frame(message: Buffer): Buffer {
  const out = Buffer.allocUnsafe(5 + message.length);
  out.writeUInt8(0, 0);
  out.writeUInt32BE(message.length, 1);
  message.copy(out, 5);
  return out;
}

/** Splits a stream of DATA chunks into gRPC messages (a message may span many chunks). */
class Deframer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private need = 5; // bytes needed before the next step: a prefix, then prefix + message

  push(chunk: Buffer, onMessage: (message: Buffer) => void): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= this.need) {
      // Concatenate only once enough bytes are here (not on every chunk: a 300 KB reply is ~20 chunks).
      const buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
      const total = 5 + buf.readUInt32BE(1);
      if (buf.length < total) {
        this.chunks = [buf];
        this.need = total;
        return;
      }
      onMessage(buf.subarray(5, total));
      const rest = buf.subarray(total);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      this.need = 5;
    }
  }
}

/** grpc-status from response headers (trailers-only replies) or trailers; undefined if absent. */
function grpcError(path: string, headers: http2.IncomingHttpHeaders): Error | undefined {
  const status = headers['grpc-status'];
  if (status === undefined || status === '0') return undefined;
  const message = headers['grpc-message'];
  return new Error(`${path}: grpc status ${String(status)}: ${decodeURIComponent(String(message ?? ''))}`);
}

export interface WatchStream {
  send(req: WatchRequest): void;
  onMessage(handler: (res: WatchResponse) => void): void;
  onError(handler: (err: Error) => void): void;
  cancel(): void;
}

export class Conn {
  private readonly session: http2.ClientHttp2Session;
  private readonly connected: Promise<void>;

  constructor(endpoint: string) {
    // Big flow-control windows so a ~300 KB range reply is not paced by WINDOW_UPDATE round trips.
    this.session = http2.connect(`http://${endpoint}`, { settings: { initialWindowSize: 4 * 1024 * 1024 } });
    this.connected = new Promise((resolve, reject) => {
      this.session.once('connect', () => {
        this.session.setLocalWindowSize(32 * 1024 * 1024);
        resolve();
      });
      this.session.on('error', reject); // later session errors also fail each open stream
    });
    this.connected.catch(() => {}); // surfaced by ready() and by the calls' own errors
  }

  private open(path: string): http2.ClientHttp2Stream {
    return this.session.request({
      [HTTP2_HEADER_METHOD]: 'POST',
      [HTTP2_HEADER_PATH]: path,
      [HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
      [HTTP2_HEADER_TE]: 'trailers',
      'grpc-timeout': `${CALL_TIMEOUT_MS}m`,
    });
  }

  private unary<Req, Res>(m: Method<Req, Res>, req: Req): Promise<Res> {
    return this.unaryRaw(m.path, m.requestSerialize(req)).then((buf) => m.responseDeserialize(buf));
  }

  /** One unary call with an encoded request; resolves with the encoded reply. */
  private unaryRaw(path: string, request: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const stream = this.open(path);
      const deframer = new Deframer();
      let reply: Buffer | undefined;
      let error: Error | undefined;
      let statusSeen = false;
      const onHeaders = (headers: http2.IncomingHttpHeaders): void => {
        statusSeen ||= headers['grpc-status'] !== undefined;
        error ??= grpcError(path, headers);
      };
      stream.on('response', onHeaders);
      stream.on('trailers', onHeaders);
      stream.on('data', (chunk: Buffer) => deframer.push(chunk, (msg) => (reply = msg)));
      stream.on('error', (err) => reject(err));
      stream.on('close', () => {
        if (error) reject(error);
        else if (!statusSeen) reject(new Error(`${path}: stream closed without a grpc-status`));
        else if (reply === undefined) reject(new Error(`${path}: stream closed without a reply`));
        else resolve(reply);
      });
      stream.end(frame(request));
    });
  }

  put(key: Buffer, value: Buffer): Promise<PutResponse> {
    return this.unary(putMethod, { key, value });
  }

  range(key: Buffer, rangeEnd: Buffer): Promise<RangeResponse> {
    return this.unary(rangeMethod, { key, range_end: rangeEnd });
  }

  /**
   * A range that does not decode the reply's KeyValues (decoding 1,000 of them costs the client more
   * than the server spends answering): resolves with the number of `kvs` in the reply.
   */
  async rangeCount(key: Buffer, rangeEnd: Buffer): Promise<number> {
    const reply = await this.unaryRaw(rangeMethod.path, rangeMethod.requestSerialize({ key, range_end: rangeEnd }));
    return countField(reply, RANGE_RESPONSE_KVS_FIELD);
  }

  status(): Promise<StatusResponse> {
    return this.unary(statusMethod, {});
  }

  /** Opens a Watch stream (bidi); the caller sends create requests and reads responses. */
  watchStream(): WatchStream {
    const path = watchMethod.path;
    const stream = this.open(path);
    const deframer = new Deframer();
    let onError: (err: Error) => void = () => {};
    stream.on('response', (headers) => {
      const err = grpcError(path, headers);
      if (err) onError(err);
    });
    stream.on('trailers', (trailers) => onError(grpcError(path, trailers) ?? new Error(`${path}: stream ended`)));
    stream.on('error', (err) => onError(err));
    return {
      send: (req) => stream.write(frame(watchMethod.requestSerialize(req))),
      onMessage: (handler) => stream.on('data', (chunk: Buffer) => deframer.push(chunk, (msg) => handler(watchMethod.responseDeserialize(msg)))),
      onError: (handler) => (onError = handler),
      cancel: () => {
        onError = () => {};
        stream.close(NGHTTP2_CANCEL);
      },
    };
  }

  /** Resolves once the connection is up (bounded), so connection set-up is not measured. */
  async ready(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no HTTP/2 connection within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([this.connected, timeout]).finally(() => clearTimeout(timer));
  }

  close(): void {
    this.session.close();
  }
}

const RANGE_RESPONSE_KVS_FIELD = 2; // RangeResponse { header = 1; repeated KeyValue kvs = 2; more = 3; count = 4 }

/** Counts the occurrences of a top-level field in an encoded protobuf message, skipping its contents. */
export function countField(buf: Buffer, field: number): number {
  let pos = 0;
  let count = 0;
  const varint = (): number => {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= buf.length) throw new Error('truncated protobuf varint');
      const byte = buf[pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
    }
  };
  while (pos < buf.length) {
    const tag = varint();
    const wireType = tag % 8;
    if (Math.floor(tag / 8) === field) count++;
    if (wireType === 0) varint();
    else if (wireType === 1) pos += 8;
    else if (wireType === 2) {
      const len = varint(); // not `pos += varint()`: that reads pos before varint() advances it
      pos += len;
    }
    else if (wireType === 5) pos += 4;
    else throw new Error(`unexpected protobuf wire type ${wireType}`);
  }
  if (pos !== buf.length) throw new Error('truncated protobuf message');
  return count;
}
