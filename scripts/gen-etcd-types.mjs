// Generates TypeScript types for etcd's gRPC messages from the .proto files that ship in the
// etcd3 npm package (we reuse etcd's own protos rather than writing our own), into
// <package>/src/gen. Usage: node scripts/gen-etcd-types.mjs <package dir>
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const protoDir = join(dirname(require.resolve('etcd3/package.json')), 'proto');
const packageDir = process.argv[2];
if (!packageDir) {
  process.stderr.write('usage: node scripts/gen-etcd-types.mjs <package dir>\n');
  process.exit(2);
}
const outDir = join(resolve(packageDir), 'src', 'gen');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const bin = join(dirname(require.resolve('@grpc/proto-loader/package.json')), 'build/bin/proto-loader-gen-types.js');
execFileSync(process.execPath, [
  bin, '--keepCase', '--longs=String', '--enums=Number', '--defaults', '--oneofs',
  '--grpcLib=@grpc/grpc-js', '-I', protoDir, '-O', outDir, 'rpc.proto',
], { stdio: 'inherit' });
// The generator writes extension-less relative imports: keep the folder CommonJS so they resolve.
writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
