// Builds the gRPC server from etcd's service definitions.
import * as grpc from '@grpc/grpc-js';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { packageDefinition } from '../proto.js';
import { requestSizes } from './rpc.js';

/** A service definition whose request decoder records each request's encoded size. */
function sizedService(name: string): ServiceDefinition {
  const def = packageDefinition()[`etcdserverpb.${name}`] as unknown as ServiceDefinition;
  const out: Record<string, ServiceDefinition[string]> = {};
  for (const [method, m] of Object.entries(def)) {
    out[method] = {
      ...m,
      requestDeserialize: (buf: Buffer) => {
        const req = m.requestDeserialize(buf) as object;
        requestSizes.set(req, buf.length);
        return req;
      },
    };
  }
  return out;
}

export function createGrpcServer(
  services: Record<string, grpc.UntypedServiceImplementation>,
  maxReceiveBytes: number,
): grpc.Server {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': maxReceiveBytes,
    'grpc.max_send_message_length': -1,
    // etcdctl and clientv3 ping every 10 s while a stream is open; accept that
    'grpc.keepalive_permit_without_calls': 1,
    // channelz bookkeeping costs CPU on every call and nothing here reads it
    'grpc.enable_channelz': 0,
  });
  for (const [name, impl] of Object.entries(services)) server.addService(sizedService(name), impl);
  return server;
}

/** Parses http://host:port into grpc-js's bind address. */
export function bindAddress(url: string): string {
  const u = new URL(url);
  if (u.protocol !== 'http:') throw new Error(`unsupported scheme in ${url}: only http:// client URLs are served (no TLS yet)`);
  // URL keeps IPv6 hosts bracketed, as grpc-js wants them
  return `${u.hostname}:${u.port || '2379'}`;
}

export function bind(server: grpc.Server, address: string): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
  );
}
