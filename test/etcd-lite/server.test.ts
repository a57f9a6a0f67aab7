// etcd-lite in-process: durability across restarts, leases keeping their remaining TTL, snapshot
// save and restore with revisions preserved, the metrics listener and request limits.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceError } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, EtcdLite, restoreSnapshot } from '../../packages/etcd-lite/src/index.js';
import { createLogger } from '../../packages/etcd-lite/src/logger.js';
import { b, connect, type EtcdGrpcClient } from '../support/etcd-grpc.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(dataDir = mkdtempSync(join(tmpdir(), 'etcd-lite-')), maxRequestBytes?: number) {
  const server = await EtcdLite.start(
    defaultConfig({
      dataDir,
      listenClientUrls: ['http://127.0.0.1:0'],
      listenMetricsUrls: ['http://127.0.0.1:0'],
      logger: createLogger('etcd-lite', 'json', 'warn'),
      ...(maxRequestBytes ? { maxRequestBytes } : {}),
    }),
  );
  const client = connect(server.addresses.client[0]!);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    client.close();
    await server.stop();
  };
  cleanups.push(stop, () => rmSync(dataDir, { recursive: true, force: true }));
  return { server, client, dataDir, stop };
}

const get = async (c: EtcdGrpcClient, key: string) => (await c.call('kv', 'Range', { key: b(key) })).kvs;

describe('etcd-lite server', () => {
  it('keeps every acknowledged write, revision and version across a restart', async () => {
    const first = await start();
    await first.client.call('kv', 'Put', { key: b('a'), value: b('1') });
    await first.client.call('kv', 'Put', { key: b('a'), value: b('2') });
    await first.client.call('kv', 'DeleteRange', { key: b('gone') });
    await first.client.call('kv', 'Put', { key: b('b'), value: b('x') });
    await first.client.call('kv', 'DeleteRange', { key: b('b') });
    await first.stop();

    const again = await start(first.dataDir);
    const r = await again.client.call('kv', 'Range', { key: b('a') });
    expect(r.header.revision).toBe('5');
    expect(r.kvs[0]).toMatchObject({ value: b('2'), create_revision: '2', mod_revision: '3', version: '2' });
    expect(await get(again.client, 'b')).toEqual([]);
    const old = await again.client.call('kv', 'Range', { key: b('b'), revision: '4' });
    expect(old.kvs[0].value).toEqual(b('x'));
    expect((await again.client.call('kv', 'Put', { key: b('c'), value: b('') })).header.revision).toBe('6');
  });

  it('keeps a lease and its keys across a restart with the TTL it had left', async () => {
    const first = await start();
    const { ID } = await first.client.call('lease', 'LeaseGrant', { TTL: 30 });
    await first.client.call('kv', 'Put', { key: b('leased'), value: b('v'), lease: ID });
    await new Promise((r) => setTimeout(r, 1100));
    await first.stop();

    const again = await start(first.dataDir);
    const ttl = await again.client.call('lease', 'LeaseTimeToLive', { ID, keys: true });
    expect(ttl.grantedTTL).toBe('30');
    expect(Number(ttl.TTL)).toBeGreaterThanOrEqual(26);
    expect(Number(ttl.TTL)).toBeLessThanOrEqual(28);
    expect(ttl.keys).toEqual([b('leased')]);
    await again.client.call('lease', 'LeaseRevoke', { ID });
    expect(await get(again.client, 'leased')).toEqual([]);
  });

  it('restores a data dir from `Snapshot` with revisions and history intact', async () => {
    const src = await start();
    for (let i = 0; i < 50; i++) await src.client.call('kv', 'Put', { key: b(`k/${i % 7}`), value: b(`value-${i}`) });
    const blobs: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      const s = (src.client.maintenance as unknown as { Snapshot(req: object): NodeJS.EventEmitter }).Snapshot({});
      s.on('data', (m: { blob: Buffer }) => blobs.push(m.blob));
      s.on('end', resolve);
      s.on('error', reject);
    });
    const file = join(src.dataDir, 'snap.db');
    writeFileSync(file, Buffer.concat(blobs));
    expect(statSync(file).size % 512).toBe(32);

    const target = mkdtempSync(join(tmpdir(), 'etcd-lite-restore-'));
    rmSync(target, { recursive: true });
    await restoreSnapshot(file, target);
    const restored = await start(target);
    const before = await src.client.call('kv', 'Range', { key: b('k/'), range_end: b('k0') });
    const after = await restored.client.call('kv', 'Range', { key: b('k/'), range_end: b('k0') });
    expect(after.kvs).toEqual(before.kvs);
    expect(after.header.revision).toBe(before.header.revision);
    expect((await restored.client.call('kv', 'Range', { key: b('k/0'), revision: '10' })).kvs).toHaveLength(1);
    expect(after.header.member_id).not.toBe(before.header.member_id);
  });

  it('refuses to restore over an existing data dir and a corrupt file, changing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'etcd-lite-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const bad = join(dir, 'bad.db');
    writeFileSync(bad, Buffer.alloc(544, 1));
    await expect(restoreSnapshot(bad, join(dir, 'new'))).rejects.toThrow(/sha256 checksum mismatch/);
    await expect(restoreSnapshot(bad, dir)).rejects.toThrow(/already exists and is not empty/);
  });

  it('rejects an oversize write with etcd\'s error and keeps serving', async () => {
    const { client } = await start(undefined, 1024);
    const err = (await client.call('kv', 'Put', { key: b('big'), value: Buffer.alloc(2048) }).catch((e) => e)) as ServiceError;
    expect(err.code).toBe(3);
    expect(err.details).toBe('etcdserver: request is too large');
    expect(await get(client, 'big')).toEqual([]);
    await client.call('kv', 'Put', { key: b('small'), value: b('ok') });
    expect(await get(client, 'small')).toHaveLength(1);
  });

  it('pauses a watcher whose client stops reading, then delivers every event in order', async () => {
    const { server, client } = await start();
    const base = `http://${server.addresses.metrics[0]}`;
    const slowWatchers = async () => Number(/^etcd_debugging_mvcc_slow_watcher_total (\d+)/m.exec(await (await fetch(`${base}/metrics`)).text())![1]);
    const stream = (client.watch as unknown as { Watch(): NodeJS.ReadWriteStream & { pause(): void; resume(): void; end(): void } }).Watch();
    const revisions: number[] = [];
    let created!: () => void;
    const ready = new Promise<void>((r) => (created = r));
    stream.on('data', (m: { created: boolean; events: { kv: { mod_revision: string } }[] }) => {
      if (m.created) created();
      for (const e of m.events) revisions.push(Number(e.kv.mod_revision));
    });
    stream.write({ create_request: { key: b('slow/'), range_end: b('slow0') } } as never);
    await ready;
    stream.pause();
    const value = Buffer.alloc(16 * 1024, 'x');
    const puts = 2500;
    let paused = 0;
    for (let i = 0; i < puts; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => client.call('kv', 'Put', { key: b(`slow/${i + j}`), value })));
      paused = Math.max(paused, await slowWatchers());
    }
    expect(paused).toBe(1); // the unread stream's watcher stopped receiving live events
    stream.resume();
    const deadline = Date.now() + 20_000;
    while (revisions.length < puts && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(revisions).toEqual(Array.from({ length: puts }, (_, i) => i + 2));
    expect(await slowWatchers()).toBe(0);
    stream.end();
  });

  it('serves /health, /version and Prometheus /metrics', async () => {
    const { server, client } = await start();
    await client.call('kv', 'Put', { key: b('m'), value: b('1') });
    const base = `http://${server.addresses.metrics[0]}`;
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ health: 'true', reason: '' });
    expect(await (await fetch(`${base}/version`)).json()).toMatchObject({ etcdserver: expect.stringMatching(/^3\.4\./) });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^etcd_debugging_mvcc_current_revision 2$/m);
    expect(metrics).toMatch(/grpc_server_handled_total\{grpc_type="unary",grpc_service="etcdserverpb.KV",grpc_method="Put",grpc_code="OK"\} 1/);
    expect(metrics).toMatch(/^etcd_mvcc_db_total_size_in_bytes \d+/m);
  });
});
