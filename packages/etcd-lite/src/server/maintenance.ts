// etcdserverpb.Maintenance
import * as grpc from '@grpc/grpc-js';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Backend } from '../storage/backend.js';
import { historyBounds, parseHistoryKey } from '../storage/layout.js';
import { snapshotTempFile, writeSnapshotFile } from '../storage/snapshot.js';
import type { MvccStore } from '../mvcc/store.js';
import { ETCD_VERSION } from '../version.js';
import type { HashKVRequest__Output as HashKVRequest } from '../gen/etcdserverpb/HashKVRequest.js';
import type { SnapshotResponse } from '../gen/etcdserverpb/SnapshotResponse.js';
import { RAFT_TERM, type Rpc } from './rpc.js';

export interface MaintenanceDeps {
  store: MvccStore;
  backend: Backend;
  dataDir: string;
}

export function maintenanceService(rpc: Rpc, d: MaintenanceDeps): grpc.UntypedServiceImplementation {
  return {
    Status: rpc.unary('Maintenance', 'Status', async () => {
      const dbSize = await d.backend.sizeOnDisk();
      const rev = d.store.revision;
      return {
        header: {},
        version: ETCD_VERSION,
        dbSize,
        dbSizeInUse: dbSize,
        leader: rpc.ctx.identity.memberId,
        raftIndex: rev,
        raftAppliedIndex: rev,
        raftTerm: RAFT_TERM,
        errors: [],
        isLearner: false,
      };
    }),
    // A single member has no raft quotas or corruption checks to raise alarms.
    Alarm: rpc.unary('Maintenance', 'Alarm', () => ({ alarms: [] })),
    Defragment: rpc.unary('Maintenance', 'Defragment', async () => {
      await d.backend.compactRange(Buffer.from([0]), Buffer.from([0xff]));
      return {};
    }),
    HashKV: rpc.unary('Maintenance', 'HashKV', async (req: HashKVRequest) => {
      const rev = d.store.readRevision(Number(req.revision));
      const hash = await hashHistory(d.backend, rev);
      return { header: {}, hash, compact_revision: d.store.compactRevision };
    }),
    Hash: rpc.unary('Maintenance', 'Hash', async () => ({
      header: {},
      hash: await hashHistory(d.backend, d.store.revision),
    })),
    Snapshot: (call: grpc.ServerWritableStream<unknown, SnapshotResponse>) => {
      void streamSnapshot(call, rpc, d).catch((err: unknown) => {
        call.destroy(Object.assign(new Error(rpc.toServiceError(err, 'Snapshot').details), { code: grpc.status.INTERNAL }));
      });
    },
  };
}

/** CRC-32 over every history entry up to `rev`, in revision order (etcd's HashKV contract). */
async function hashHistory(backend: Backend, rev: number): Promise<number> {
  let hash = 0;
  for await (const [k, v] of backend.iterate(historyBounds(0, rev + 1))) {
    if (parseHistoryKey(k).main > rev) break;
    hash = crc32(v, crc32(k, hash));
  }
  return hash;
}

const CHUNK = 32 * 1024;

/** Streams 32 KiB chunks with the exact bytes remaining, then the SHA-256 trailer. */
async function streamSnapshot(call: grpc.ServerWritableStream<unknown, SnapshotResponse>, rpc: Rpc, d: MaintenanceDeps) {
  const file = snapshotTempFile(d.dataDir);
  await mkdir(dirname(file), { recursive: true });
  try {
    const size = await writeSnapshotFile(d.backend, file);
    const header = rpc.header();
    let sent = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
      const blob = chunk as Buffer;
      sent += blob.length;
      const more = call.write({ header, remaining_bytes: size - sent, blob });
      if (!more) await new Promise((r) => call.once('drain', r));
    }
    call.end();
  } finally {
    await rm(file, { force: true });
  }
}
