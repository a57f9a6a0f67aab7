// Snapshots: a consistent copy of the whole backend in a framed format of ours, laid out the way
// `etcdctl snapshot save` checks a file: the data padded to a multiple of 512 bytes, then the
// SHA-256 of everything before it. (etcd's bbolt file is not produced: `etcdctl snapshot status`
// and `restore` parse bbolt; `etcd-lite snapshot restore` reads this format.)
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backend, BatchOp } from './backend.js';
import { LevelBackend } from './backend.js';
import { allBounds, META_MEMBER } from './layout.js';
import { dbDir, tmpDir } from './paths.js';

const MAGIC = Buffer.from('etcd-lite snapshot v1\n');
const END = 0xffffffff;
const SHA_SIZE = 32;

function frame(bytes: Buffer): Buffer[] {
  const len = Buffer.allocUnsafe(4);
  len.writeUInt32BE(bytes.length);
  return [len, bytes];
}

/**
 * Writes a snapshot of the backend to `file` and returns its size. Reading from one iterator gives
 * a point-in-time view of the store.
 */
export async function writeSnapshotFile(backend: Backend, file: string): Promise<number> {
  const fh = await open(file, 'w');
  const hash = createHash('sha256');
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    const chunk = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    hash.update(chunk);
    size += chunk.length;
    await fh.write(chunk);
  };
  const push = async (...parts: Buffer[]) => {
    for (const p of parts) {
      pending.push(p);
      pendingBytes += p.length;
    }
    if (pendingBytes >= 1 << 20) await flush();
  };
  try {
    await push(MAGIC);
    for await (const [k, v] of backend.iterate(allBounds)) await push(...frame(k), ...frame(v));
    const end = Buffer.allocUnsafe(4);
    end.writeUInt32BE(END);
    await push(end);
    const total = size + pendingBytes;
    await push(Buffer.alloc((512 - (total % 512)) % 512));
    await flush();
    const digest = hash.digest();
    await fh.write(digest);
    size += digest.length;
    await fh.sync();
  } finally {
    await fh.close();
  }
  return size;
}

export class SnapshotFormatError extends Error {
  constructor(file: string, reason: string) {
    super(`${file} is not a valid etcd-lite snapshot: ${reason}`);
    this.name = 'SnapshotFormatError';
  }
}

/** Parses and verifies a snapshot file; returns its entries. */
export function readSnapshotFile(file: string): [Buffer, Buffer][] {
  const buf = readFileSync(file);
  if (buf.length < MAGIC.length + SHA_SIZE || buf.length % 512 !== SHA_SIZE) {
    throw new SnapshotFormatError(file, `size ${buf.length} is not a multiple of 512 plus a 32-byte checksum`);
  }
  const data = buf.subarray(0, buf.length - SHA_SIZE);
  if (!createHash('sha256').update(data).digest().equals(buf.subarray(buf.length - SHA_SIZE))) {
    throw new SnapshotFormatError(file, 'sha256 checksum mismatch');
  }
  if (!data.subarray(0, MAGIC.length).equals(MAGIC)) throw new SnapshotFormatError(file, 'unknown header');
  const entries: [Buffer, Buffer][] = [];
  let at = MAGIC.length;
  const read = (): Buffer | null => {
    if (at + 4 > data.length) throw new SnapshotFormatError(file, 'truncated');
    const len = data.readUInt32BE(at);
    at += 4;
    if (len === END) return null;
    if (at + len > data.length) throw new SnapshotFormatError(file, 'truncated');
    const out = data.subarray(at, at + len);
    at += len;
    return out;
  };
  for (let k = read(); k !== null; k = read()) {
    const v = read();
    if (v === null) throw new SnapshotFormatError(file, 'key without value');
    entries.push([k, v]);
  }
  return entries;
}

/**
 * Creates a new data dir from a snapshot, revisions and leases preserved. The member gets a new
 * identity, as etcd gives a restored member a new cluster.
 */
export async function restoreSnapshot(file: string, dataDir: string): Promise<{ entries: number }> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`data dir ${dataDir} already exists and is not empty`);
  }
  const entries = readSnapshotFile(file);
  mkdirSync(dbDir(dataDir), { recursive: true });
  const backend = await LevelBackend.open(dbDir(dataDir));
  try {
    let ops: BatchOp[] = [];
    for (const [key, value] of entries) {
      if (key.equals(META_MEMBER)) continue;
      ops.push({ type: 'put', key, value });
      if (ops.length >= 10_000) {
        await backend.batch(ops, false);
        ops = [];
      }
    }
    await backend.batch(ops, true);
  } catch (err) {
    await backend.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  await backend.close();
  return { entries: entries.length };
}

export const snapshotTempFile = (dataDir: string): string =>
  join(tmpDir(dataDir), `snapshot-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
