// The etcd-lite binary as users run it: flags, clean SIGTERM shutdown, one-line CLI errors, and a
// server that survives malformed and oversize gRPC input.
import { spawnSync } from 'node:child_process';
import http2 from 'node:http2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etcdLiteBin, startEtcd, type EtcdServer } from '../support/etcd-servers.js';
import { b, connect } from '../support/etcd-grpc.js';

const run = (...args: string[]) => spawnSync(process.execPath, [etcdLiteBin, ...args], { encoding: 'utf8', timeout: 20_000 });

/** Sends raw bytes as one gRPC message and returns the grpc-status and message. */
async function rawCall(endpoint: string, path: string, message: Buffer): Promise<{ status: string; message: string }> {
  const session = http2.connect(`http://${endpoint}`);
  try {
    return await new Promise((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers' });
      const result = { status: '', message: '' };
      const read = (h: http2.IncomingHttpHeaders) => {
        if (h['grpc-status'] !== undefined) result.status = String(h['grpc-status']);
        if (h['grpc-message'] !== undefined) result.message = decodeURIComponent(String(h['grpc-message']));
      };
      stream.on('response', read);
      stream.on('trailers', read);
      stream.on('data', () => undefined);
      stream.on('close', () => resolve(result));
      stream.on('error', reject);
      const frame = Buffer.alloc(5);
      frame.writeUInt32BE(message.length, 1);
      stream.end(Buffer.concat([frame, message]));
    });
  } finally {
    session.close();
  }
}

describe('etcd-lite binary', () => {
  let server: EtcdServer;
  beforeAll(async () => {
    server = await startEtcd('etcd-lite', { extraArgs: ['--max-request-bytes', '4096'] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers a malformed message with an error and keeps serving', async () => {
    const r = await rawCall(server.endpoint, '/etcdserverpb.KV/Put', Buffer.from([0x0a, 0xff, 0xff, 0xff]));
    expect(r.status).not.toBe('0');
    expect(r.status).not.toBe('');
    const c = connect(server.endpoint);
    await c.call('kv', 'Put', { key: b('after'), value: b('ok') });
    expect((await c.call('kv', 'Range', { key: b('after') })).kvs).toHaveLength(1);
    c.close();
  });

  it('refuses requests over the limit with etcd\'s errors: too large, then beyond the gRPC limit', async () => {
    const c = connect(server.endpoint);
    const tooLarge = await c.call('kv', 'Put', { key: b('k'), value: Buffer.alloc(8192) }).catch((e: { code: number; details: string }) => e);
    expect(tooLarge).toMatchObject({ code: 3, details: 'etcdserver: request is too large' });
    const huge = await c.call('kv', 'Put', { key: b('k'), value: Buffer.alloc(1024 * 1024) }).catch((e: { code: number }) => e);
    expect(huge).toMatchObject({ code: 8 }); // RESOURCE_EXHAUSTED, as etcd's gRPC limit answers
    expect((await c.call('kv', 'Range', { key: b('k') })).kvs).toEqual([]);
    c.close();
  });

  it('stops cleanly on SIGTERM with exit code 0 and keeps its data', async () => {
    const own = await startEtcd('etcd-lite');
    const c = connect(own.endpoint);
    await c.call('kv', 'Put', { key: b('durable'), value: b('yes') });
    c.close();
    // an open watch stream must not hold the shutdown up
    const watcher = connect(own.endpoint);
    const stream = (watcher.watch as unknown as { Watch(): NodeJS.ReadWriteStream }).Watch();
    stream.on('error', () => undefined);
    const created = new Promise((r) => stream.once('data', r));
    stream.write({ create_request: { key: b('durable') } } as never);
    await created;
    const exit = new Promise<number | null>((r) => own.process.once('exit', (code) => r(code)));
    const signalled = Date.now();
    own.process.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);
    watcher.close();
    expect(own.output()).toMatch(/etcd-lite stopped/);
    const again = await startEtcd('etcd-lite', { dataDir: own.dataDir });
    const c2 = connect(again.endpoint);
    expect((await c2.call('kv', 'Range', { key: b('durable') })).kvs[0].value).toEqual(b('yes'));
    c2.close();
    await again.stop();
  });

  it('prints one clear line and exits non-zero on a bad flag', () => {
    const r = run('--max-request-bytes', 'lots');
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--max-request-bytes.*"lots" is not a positive integer/);
    const url = run('--listen-client-urls', 'not a url');
    expect(url.status).not.toBe(0);
    expect(url.stderr).toMatch(/"not a url" is not a URL/);
  });

  it('restores a snapshot into a new data dir from the command line, and refuses bad files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'etcd-lite-cli-'));
    try {
      const missing = run('snapshot', 'restore', join(dir, 'nope.db'), '--data-dir', join(dir, 'new'));
      expect(missing.status).toBe(1);
      expect(missing.stderr.trim().split('\n')).toHaveLength(1);
      expect(missing.stderr).toMatch(/^Error: .*nope\.db/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
