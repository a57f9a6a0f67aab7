// A small etcd v3 client over raw @grpc/grpc-js, loading the .proto files the etcd3 npm package
// ships. Raw gRPC (not the etcd3 client) so the storage layer sees every response header revision,
// `more`/`count`, nested Txn headers and watch progress exactly as etcd sends them.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type {
  CompactionRequest,
  CompactionResponse,
  DeleteRangeRequest,
  DeleteRangeResponse,
  LeaseGrantRequest,
  LeaseGrantResponse,
  RangeRequest,
  RangeResponse,
  StatusRequest,
  StatusResponse,
  TxnRequest,
  TxnResponse,
  WatchRequest,
  WatchResponse,
} from './etcd-messages.js';
import { WatchStream, type WatchListener, type WatchRegistration, type WatchTarget } from './watch-stream.js';

const require = createRequire(import.meta.url);
const protoDir = join(dirname(require.resolve('etcd3/package.json')), 'proto');

/** Loaded once per process: parsing rpc.proto costs a few tens of milliseconds. */
let cachedDefinition: protoLoader.PackageDefinition | undefined;
function definition(): protoLoader.PackageDefinition {
  cachedDefinition ??= protoLoader.loadSync(join(protoDir, 'rpc.proto'), {
    keepCase: true,
    longs: String,
    enums: Number,
    defaults: true,
    oneofs: true,
    includeDirs: [protoDir],
  });
  return cachedDefinition;
}

type ServiceName = 'KV' | 'Lease' | 'Maintenance' | 'Watch';

function method(service: ServiceName, name: string): protoLoader.MethodDefinition<object, object> {
  const svc = definition()[`etcdserverpb.${service}`];
  const m = svc && (svc as protoLoader.ServiceDefinition)[name];
  if (!m) throw new Error(`etcd proto has no method ${service}.${name}`);
  return m;
}

export interface EtcdClientOptions {
  /** `--etcd-servers` form: comma-separated `http://host:port` URLs (a bare host:port also works). */
  servers: string;
  /** Deadline of one unary attempt; a call tries each endpoint at most once. Default 10 s. */
  requestTimeoutMs?: number;
  /** How long a broken watch stream keeps reconnecting before its watchers get an error. Default 30 s. */
  watchReconnectTimeoutMs?: number;
}

/** Parses `--etcd-servers`: we speak plaintext h2c only, so an https URL is an explicit error. */
export function parseEtcdServers(servers: string): string[] {
  const endpoints = servers
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      if (s.startsWith('https://')) throw new Error(`etcd server ${s}: TLS to etcd is not supported, use http://`);
      const hostPort = s.replace(/^http:\/\//, '').replace(/\/+$/, '');
      if (!/^[^/\s]+:\d+$/.test(hostPort)) throw new Error(`etcd server ${s}: expected http://host:port`);
      return hostPort;
    });
  if (endpoints.length === 0) throw new Error('no etcd servers given');
  return endpoints;
}

/**
 * UNAVAILABLE may mean "never reached the server" (safe to resend anything) or "connection lost
 * mid-call" (a write may have been applied). Writes are resent only in the first case, as clientv3
 * does, so a create is never reported AlreadyExists because its own first attempt succeeded.
 */
function neverSent(err: grpc.ServiceError): boolean {
  return /No connection established|ECONNREFUSED|Name resolution failed|Failed to connect/i.test(err.details ?? '');
}

export class EtcdClient {
  readonly endpoints: readonly string[];
  private readonly clients = new Map<string, grpc.Client>();
  /** Index of the endpoint that last answered; calls start there and fail over round-robin. */
  private current = 0;
  private readonly timeoutMs: number;
  private watchStream: WatchStream | undefined;
  private closed = false;

  constructor(private readonly opts: EtcdClientOptions) {
    this.endpoints = parseEtcdServers(opts.servers);
    this.timeoutMs = opts.requestTimeoutMs ?? 10_000;
  }

  /** The endpoint calls currently go to (host:port). */
  get activeEndpoint(): string {
    return this.endpoints[this.current]!;
  }

  /** Channel to an endpoint; one grpc.Client per endpoint serves every service (same HTTP/2 connection). */
  channel(endpoint: string): grpc.Client {
    let c = this.clients.get(endpoint);
    if (!c) {
      c = new grpc.Client(endpoint, grpc.credentials.createInsecure(), {
        'grpc.max_receive_message_length': 256 * 1024 * 1024,
        // Detect a silently dead etcd on idle watch streams; etcd's enforcement minimum is 5 s.
        'grpc.keepalive_time_ms': 30_000,
        'grpc.keepalive_timeout_ms': 10_000,
      });
      this.clients.set(endpoint, c);
    }
    return c;
  }

  /** Moves to the next endpoint (after UNAVAILABLE); returns the new one. */
  failover(from: string): string {
    if (this.activeEndpoint === from) this.current = (this.current + 1) % this.endpoints.length;
    return this.activeEndpoint;
  }

  private unary<Req extends object, Res>(
    service: ServiceName,
    name: string,
    req: Req,
    mutating: boolean,
  ): Promise<Res> {
    if (this.closed) return Promise.reject(new Error('etcd client is closed'));
    const m = method(service, name);
    const attempt = (endpoint: string): Promise<Res> =>
      new Promise<Res>((resolve, reject) => {
        this.channel(endpoint).makeUnaryRequest<Req, Res>(
          m.path,
          (v) => m.requestSerialize(v),
          (b) => m.responseDeserialize(b) as Res,
          req,
          new grpc.Metadata(),
          { deadline: Date.now() + this.timeoutMs },
          (err, res) => (err ? reject(err) : resolve(res as Res)),
        );
      });
    const run = async (): Promise<Res> => {
      let lastErr: unknown;
      for (let i = 0; i < this.endpoints.length; i++) {
        const endpoint = this.activeEndpoint;
        try {
          return await attempt(endpoint);
        } catch (err) {
          lastErr = err;
          const e = err as grpc.ServiceError;
          const retryable =
            (e.code === grpc.status.UNAVAILABLE && (!mutating || neverSent(e))) ||
            (e.code === grpc.status.DEADLINE_EXCEEDED && !mutating);
          if (!retryable) throw err;
          this.failover(endpoint);
        }
      }
      throw lastErr;
    };
    return run();
  }

  range(req: RangeRequest): Promise<RangeResponse> {
    return this.unary('KV', 'Range', req, false);
  }

  deleteRange(req: DeleteRangeRequest): Promise<DeleteRangeResponse> {
    return this.unary('KV', 'DeleteRange', req, true);
  }

  /** A Txn is resent only when it never reached etcd (see neverSent); read-only callers may pass false. */
  txn(req: TxnRequest, mutating = true): Promise<TxnResponse> {
    return this.unary('KV', 'Txn', req, mutating);
  }

  compact(req: CompactionRequest): Promise<CompactionResponse> {
    return this.unary('KV', 'Compact', req, true);
  }

  leaseGrant(req: LeaseGrantRequest): Promise<LeaseGrantResponse> {
    return this.unary('Lease', 'LeaseGrant', req, true);
  }

  status(): Promise<StatusResponse> {
    return this.unary<StatusRequest, StatusResponse>('Maintenance', 'Status', {}, false);
  }

  /** Opens a bidi Watch stream on the active endpoint (used by WatchStream). */
  openWatchStream(endpoint: string): grpc.ClientDuplexStream<WatchRequest, WatchResponse> {
    const m = method('Watch', 'Watch');
    const md = new grpc.Metadata();
    // As Kubernetes does (clientv3.WithRequireLeader): a member without a leader cancels the stream.
    md.set('hasleader', 'true');
    return this.channel(endpoint).makeBidiStreamRequest<WatchRequest, WatchResponse>(
      m.path,
      (v) => m.requestSerialize(v),
      (b) => m.responseDeserialize(b) as WatchResponse,
      md,
    );
  }

  /** Registers a watcher on the one shared watch stream (opened on first use). */
  watch(target: WatchTarget, listener: WatchListener): WatchRegistration {
    if (this.closed) throw new Error('etcd client is closed');
    this.watchStream ??= new WatchStream(this, this.opts.watchReconnectTimeoutMs ?? 30_000);
    return this.watchStream.add(target, listener);
  }

  /**
   * Asks etcd for a stream-wide progress notification (etcd ≥ 3.4): every watcher on the stream
   * then gets onProgress(rev) once all of them have delivered everything up to rev.
   */
  requestProgress(): void {
    this.watchStream?.requestProgress();
  }

  close(): void {
    this.closed = true;
    this.watchStream?.close();
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
