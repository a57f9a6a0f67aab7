// A thin raw gRPC client over the .proto files shipped in the etcd3 npm package, so tests see
// exactly what is on the wire (headers, more, count, watch ids) — no client library in between.
import * as grpc from '@grpc/grpc-js';
// The same protos and decoding options etcd-lite serves with (loaded from the etcd3 package).
import { packageDefinition } from '../../packages/etcd-lite/src/proto.js';

const definition = packageDefinition();
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const pkg = grpc.loadPackageDefinition(definition) as any;

/** A decoded message: keepCase field names, int64 as decimal strings, bytes as Buffers. */
export type Msg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface EtcdGrpcClient {
  kv: grpc.Client;
  watch: grpc.Client;
  lease: grpc.Client;
  maintenance: grpc.Client;
  cluster: grpc.Client;
  /** unary call: `call('kv', 'Range', {key: Buffer.from('a')})`; rejects with a grpc ServiceError */
  call(service: ServiceName, method: string, req: Msg): Promise<Msg>;
  close(): void;
}

export type ServiceName = 'kv' | 'watch' | 'lease' | 'maintenance' | 'cluster';

const serviceCtor: Record<ServiceName, string> = {
  kv: 'KV',
  watch: 'Watch',
  lease: 'Lease',
  maintenance: 'Maintenance',
  cluster: 'Cluster',
};

export function connect(endpoint: string): EtcdGrpcClient {
  const creds = grpc.credentials.createInsecure();
  const channelOptions = { 'grpc.max_receive_message_length': 64 * 1024 * 1024 };
  const make = (s: ServiceName): grpc.Client =>
    new pkg.etcdserverpb[serviceCtor[s]](endpoint, creds, channelOptions) as grpc.Client;
  const clients = {
    kv: make('kv'),
    watch: make('watch'),
    lease: make('lease'),
    maintenance: make('maintenance'),
    cluster: make('cluster'),
  };
  return {
    ...clients,
    call(service, method, req) {
      const client = clients[service] as unknown as Record<string, Function>;
      const fn = client[method];
      if (typeof fn !== 'function') throw new Error(`no method ${service}.${method}`);
      return new Promise((resolve, reject) => {
        fn.call(client, req, { deadline: Date.now() + 20_000 }, (err: grpc.ServiceError | null, res: Msg) =>
          err ? reject(err) : resolve(res),
        );
      });
    },
    close() {
      for (const c of Object.values(clients)) c.close();
    },
  };
}

/** Bytes helper: `b('k')` → Buffer. */
export const b = (s: string): Buffer => Buffer.from(s);

export { prefixEnd } from './keys.js';
