// etcd's own .proto files, as shipped in the etcd3 npm package, loaded once for the gRPC
// services (proto-loader) and for the on-disk record format (protobufjs).
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
export const protoDir = join(dirname(require.resolve('etcd3/package.json')), 'proto');

/**
 * Field names stay as in the protos (they mix `ID`, `TTL` and snake_case); int64 arrive as
 * decimal strings because lease and member ids exceed 2^53; enums compare by number because the
 * npm protos name enum values differently from etcd's.
 */
export const loaderOptions: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: Number,
  defaults: true,
  oneofs: true,
  includeDirs: [protoDir],
};

let definition: protoLoader.PackageDefinition | undefined;
export function packageDefinition(): protoLoader.PackageDefinition {
  definition ??= protoLoader.loadSync(join(protoDir, 'rpc.proto'), loaderOptions);
  return definition;
}

let kvRoot: protobuf.Root | undefined;
/** mvccpb.KeyValue: etcd stores exactly this message in its backend, and so do we. */
export function keyValueType(): protobuf.Type {
  // keepCase: the stored message must carry etcd's field names (create_revision, not createRevision)
  kvRoot ??= new protobuf.Root().loadSync(join(protoDir, 'kv.proto'), { keepCase: true });
  return kvRoot.lookupType('mvccpb.KeyValue');
}
