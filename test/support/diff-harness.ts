// Differential testing of the etcd v3 gRPC API: a scenario drives one server through a DiffClient,
// which records every response (or gRPC error) in normalized form; the runner plays the scenario
// against a fresh real etcd and a fresh etcd-lite and requires the two recordings to be identical.
//
// ETCD_DIFF_FLAVORS selects the servers (default "etcd,etcd-lite"):
//   "etcd,etcd"  compares two real etcds (checks that the scenarios are deterministic);
//   "etcd"       runs the real etcd alone and prints each recording (no comparison).
// ETCD_DIFF_DUMP=<dir> writes every recording as JSON (<dir>/<scenario>.<flavor>.json).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metadata, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';
import { expect, test } from 'vitest';
import { connect, type EtcdGrpcClient, type Msg, type ServiceName } from './etcd-grpc.js';
import { etcdLiteBin, realEtcdAvailable, requireTool, startEtcd, type EtcdFlavor, type EtcdServer } from './etcd-servers.js';

// Enum numbers of rpc.proto (the npm protos name them in PascalCase; compare by number).
export const SortOrder = { NONE: 0, ASCEND: 1, DESCEND: 2 } as const;
export const SortTarget = { KEY: 0, VERSION: 1, CREATE: 2, MOD: 3, VALUE: 4 } as const;
export const CompareResult = { EQUAL: 0, GREATER: 1, LESS: 2, NOT_EQUAL: 3 } as const;
export const CompareTarget = { VERSION: 0, CREATE: 1, MOD: 2, VALUE: 3, LEASE: 4 } as const;
export const WatchFilter = { NOPUT: 0, NODELETE: 1 } as const;

export type Bytes = string | Buffer;
/** Strings are taken byte for byte (latin1), so '\xff' is the single byte 0xff. */
export const bytes = (x: Bytes): Buffer => (typeof x === 'string' ? Buffer.from(x, 'latin1') : x);

/** RequestOp builders for Txn. */
export const op = {
  put: (key: Bytes, value: Bytes, extra: Msg = {}): Msg => ({ request_put: { key: bytes(key), value: bytes(value), ...extra } }),
  range: (key: Bytes, extra: Msg = {}): Msg => ({ request_range: { key: bytes(key), ...extra } }),
  del: (key: Bytes, extra: Msg = {}): Msg => ({ request_delete_range: { key: bytes(key), ...extra } }),
  txn: (txn: Msg): Msg => ({ request_txn: txn }),
};

const compareField = { VERSION: 'version', CREATE: 'create_revision', MOD: 'mod_revision', VALUE: 'value', LEASE: 'lease' } as const;
const compareOp = { '=': CompareResult.EQUAL, '!=': CompareResult.NOT_EQUAL, '>': CompareResult.GREATER, '<': CompareResult.LESS } as const;
export type CompareOp = keyof typeof compareOp;

/** A Compare: `cmp('k', 'MOD', '>', 0)` means "stored mod_revision of k > 0". */
export function cmp(key: Bytes, target: keyof typeof CompareTarget, result: CompareOp, operand: Bytes | number, extra: Msg = {}): Msg {
  const value = target === 'VALUE' ? bytes(typeof operand === 'number' ? String(operand) : operand) : String(operand);
  return { key: bytes(key), target: CompareTarget[target], result: compareOp[result], [compareField[target]]: value, ...extra };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A recorded step: what was done and the normalized outcome. */
export interface Entry {
  step: string;
  result: unknown;
}

export type Scenario = (c: DiffClient) => Promise<unknown[]>;

type Duplex = ClientDuplexStream<Msg, Msg>;
type StreamFactory = (metadata?: Metadata) => Duplex;

function isServiceError(e: unknown): e is ServiceError {
  return typeof e === 'object' && e !== null && 'code' in e && 'details' in e;
}

/** Header fields that legitimately differ between servers; kept only as "set" / "0". */
const volatileHeaderFields = new Set(['cluster_id', 'member_id', 'raft_term']);
/** Fields that carry a lease ID (mapped to L1, L2, … in order of appearance). */
const leaseIdFields = new Set(['ID', 'lease']);

/** Records normalized results of one scenario run against one server. */
export class DiffClient {
  readonly log: Entry[] = [];
  private readonly leaseAliases = new Map<string, string>();
  private readonly streams: Duplex[] = [];

  constructor(
    readonly raw: EtcdGrpcClient,
    readonly server: EtcdServer,
  ) {}

  /** Unary call; records the normalized response (or error) and returns the raw response or null. */
  async call(service: ServiceName, method: string, req: Msg, step = `${method} ${this.describe(req)}`): Promise<Msg | null> {
    try {
      const res = await this.raw.call(service, method, req);
      this.record(step, res);
      return res;
    } catch (e) {
      if (!isServiceError(e)) throw e;
      this.record(step, { error: { code: e.code, message: e.details } });
      return null;
    }
  }

  /** Like call, but the call must succeed (the scenario needs the response). */
  async must(service: ServiceName, method: string, req: Msg, step?: string): Promise<Msg> {
    const res = await this.call(service, method, req, step);
    if (res === null) throw new Error(`${method} failed: ${JSON.stringify(this.log.at(-1))}`);
    return res;
  }

  /** Unary call whose response is recorded through `map` (e.g. to bucket a remaining TTL). */
  async callMapped(service: ServiceName, method: string, req: Msg, step: string, map: (res: Msg) => unknown): Promise<Msg | null> {
    try {
      const res = await this.raw.call(service, method, req);
      this.record(step, map(res));
      return res;
    } catch (e) {
      if (!isServiceError(e)) throw e;
      this.record(step, { error: { code: e.code, message: e.details } });
      return null;
    }
  }

  put = (key: Bytes, value: Bytes, extra: Msg = {}): Promise<Msg | null> =>
    this.call('kv', 'Put', { key: bytes(key), value: bytes(value), ...extra });
  range = (key: Bytes, extra: Msg = {}): Promise<Msg | null> => this.call('kv', 'Range', { key: bytes(key), ...extra });
  del = (key: Bytes, extra: Msg = {}): Promise<Msg | null> => this.call('kv', 'DeleteRange', { key: bytes(key), ...extra });
  txn = (req: Msg, step?: string): Promise<Msg | null> => this.call('kv', 'Txn', req, step);

  /** Records an arbitrary value (normalized like responses). */
  record(step: string, value: unknown): void {
    this.log.push({ step, result: this.normalize(value) });
  }

  /** The real lease ID behind an alias such as "L1". */
  lease(alias: string): string {
    for (const [id, a] of this.leaseAliases) if (a === alias) return id;
    throw new Error(`unknown lease alias ${alias}`);
  }

  leaseAlias(id: string): string {
    if (id === '0') return '0';
    let alias = this.leaseAliases.get(id);
    if (alias === undefined) {
      alias = `L${this.leaseAliases.size + 1}`;
      this.leaseAliases.set(id, alias);
    }
    return alias;
  }

  /** Compact description of a request for step labels (lease IDs as aliases). */
  describe(req: Msg): string {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(req)) {
      if (Buffer.isBuffer(v)) parts.push(`${k}=${JSON.stringify(v.toString('latin1'))}`);
      else if (typeof v === 'string' && leaseIdFields.has(k)) parts.push(`${k}=${this.leaseAlias(v)}`);
      else if (typeof v !== 'object' || v === null) parts.push(`${k}=${String(v)}`);
      else parts.push(`${k}=…`);
    }
    return parts.join(' ');
  }

  normalize(value: unknown, field?: string): unknown {
    if (Buffer.isBuffer(value)) return value.toString('latin1');
    if (Array.isArray(value)) return value.map((v) => this.normalize(v, field));
    if (typeof value === 'string' && field !== undefined && leaseIdFields.has(field)) return this.leaseAlias(value);
    if (typeof value === 'string' && field !== undefined && volatileHeaderFields.has(field)) return value === '0' ? '0' : 'set';
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.normalize(v, k);
    return out;
  }

  /** Opens a Watch stream (with etcdctl's `hasleader` metadata). */
  watch(): RecordedStream {
    const md = new Metadata();
    md.set('hasleader', 'true');
    return this.openStream('watch', () => (this.raw.watch as unknown as { Watch: StreamFactory }).Watch(md));
  }

  /** Opens a LeaseKeepAlive stream. */
  keepAlive(): RecordedStream {
    return this.openStream('keepalive', (this.raw.lease as unknown as { LeaseKeepAlive: StreamFactory }).LeaseKeepAlive.bind(this.raw.lease));
  }

  private openStream(name: string, factory: StreamFactory): RecordedStream {
    const stream = factory();
    this.streams.push(stream);
    return new RecordedStream(this, name, stream);
  }

  close(): void {
    for (const s of this.streams) s.cancel();
    this.raw.close();
  }
}

/** A bidi stream whose incoming messages are queued and recorded when taken. */
export class RecordedStream {
  private readonly queue: Msg[] = [];
  private readonly waiters: (() => void)[] = [];
  private failure: string | null = null;

  constructor(
    private readonly c: DiffClient,
    private readonly name: string,
    private readonly stream: Duplex,
  ) {
    stream.on('data', (m: Msg) => this.push(m));
    stream.on('error', (e: Error) => {
      this.failure = isServiceError(e) ? `code ${e.code}: ${e.details}` : e.message;
      this.wake();
    });
  }

  private push(m: Msg): void {
    this.queue.push(m);
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  send(req: Msg): void {
    this.stream.write(req);
  }

  /** Takes the next message (bounded wait) and records it; returns the raw message. */
  async next(step = `${this.name} recv`, timeoutMs = 5_000): Promise<Msg> {
    const m = await this.nextRaw(step, timeoutMs);
    this.c.record(step, m);
    return m;
  }

  private async nextRaw(step: string, timeoutMs: number): Promise<Msg> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      if (this.failure !== null) throw new Error(`${this.name} stream failed: ${this.failure}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.name}: no message within ${timeoutMs} ms (${step})`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.queue.shift()!;
  }

  /** Takes messages until they hold `events` events in total (watch); records each message. */
  async nextEvents(events: number, step = `${this.name} events`, timeoutMs = 5_000): Promise<Msg[]> {
    const got: Msg[] = [];
    let n = 0;
    while (n < events) {
      const m = await this.next(step, timeoutMs);
      got.push(m);
      n += (m.events as Msg[] | undefined)?.length ?? 0;
    }
    return got;
  }

  /**
   * Takes `count` messages and records them as one entry, ordered by (header.revision, watch_id):
   * etcd delivers one revision's responses for different watchers of a stream in no fixed order.
   */
  async take(count: number, step = `${this.name} recv ${count}`, timeoutMs = 5_000): Promise<Msg[]> {
    const got: Msg[] = [];
    const deadline = Date.now() + timeoutMs;
    while (got.length < count) {
      got.push(await this.nextRaw(step, Math.max(1, deadline - Date.now())));
    }
    const key = (m: Msg): [bigint, bigint] => [BigInt((m.header as Msg | null)?.revision ?? '0'), BigInt(m.watch_id ?? '0')];
    got.sort((a, b) => {
      const [ra, wa] = key(a);
      const [rb, wb] = key(b);
      return ra !== rb ? (ra < rb ? -1 : 1) : wa === wb ? 0 : wa < wb ? -1 : 1;
    });
    this.c.record(step, got);
    return got;
  }

  /** Waits `ms` and records whatever arrived meanwhile (normally nothing). */
  async quiet(ms = 300, step = `${this.name} quiet`): Promise<void> {
    await sleep(ms);
    this.c.record(step, this.queue.splice(0));
  }

  end(): void {
    this.stream.end();
  }
}


/** Runs a scenario against a fresh server of the given flavor. */
export async function runScenario(flavor: EtcdFlavor, scenario: Scenario): Promise<unknown[]> {
  const server = await startEtcd(flavor);
  const client = new DiffClient(connect(server.endpoint), server);
  try {
    return await scenario(client);
  } catch (e) {
    // keep what was recorded so far: the comparison then shows where the runs diverged
    return [...client.log, { step: 'scenario threw', result: e instanceof Error ? e.message : String(e) }];
  } finally {
    client.close();
    await server.stop();
  }
}

/** Wraps a scenario body that only records through the client. */
export const steps =
  (body: (c: DiffClient) => Promise<void>): Scenario =>
  async (c) => {
    await body(c);
    return c.log;
  };

/** [reference, candidate] flavors to run, candidate null for "record only"; null when tools are missing. */
export function diffFlavors(): [EtcdFlavor, EtcdFlavor | null] | null {
  const wanted = (process.env.ETCD_DIFF_FLAVORS ?? 'etcd,etcd-lite').split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of wanted) if (f !== 'etcd' && f !== 'etcd-lite') throw new Error(`ETCD_DIFF_FLAVORS: unknown flavor ${f}`);
  const ok =
    (!wanted.includes('etcd') || requireTool('etcd', realEtcdAvailable())) &&
    (!wanted.includes('etcd-lite') || requireTool(`etcd-lite (${etcdLiteBin})`, existsSync(etcdLiteBin)));
  if (!ok || wanted.length === 0) return null;
  return [wanted[0] as EtcdFlavor, (wanted[1] as EtcdFlavor | undefined) ?? null];
}

function dump(name: string, flavor: string, recording: unknown[]): void {
  const dir = process.env.ETCD_DIFF_DUMP;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name.replace(/[^\w.-]+/g, '_')}.${flavor}.json`), JSON.stringify(recording, null, 2));
}

/** Declares one differential test: the candidate's recording must equal the reference's. */
export function diffTest(name: string, scenario: Scenario, timeoutMs = 30_000): void {
  const pair = diffFlavors();
  const [reference, candidate] = pair ?? ['etcd', null];
  test.skipIf(pair === null)(`${name}${candidate ? ` (${candidate} = ${reference})` : ` (${reference} only)`}`, async () => {
    if (candidate === null) {
      const rec = await runScenario(reference, scenario);
      dump(name, reference, rec);
      console.log(`${name}:\n${JSON.stringify(rec, null, 1)}`);
      return;
    }
    const [ref, cand] = await Promise.all([runScenario(reference, scenario), runScenario(candidate, scenario)]);
    dump(name, reference, ref);
    dump(name, `${candidate}${candidate === reference ? '-2' : ''}`, cand);
    // soft: report every differing step, not only the first one
    const n = Math.max(ref.length, cand.length);
    for (let i = 0; i < n; i++) {
      const step = (ref[i] as Entry | undefined)?.step ?? (cand[i] as Entry | undefined)?.step;
      expect.soft(cand[i], `${name} #${i}: ${step}`).toEqual(ref[i]);
    }
    expect(cand.length, `${name}: number of recorded steps`).toBe(ref.length);
  }, timeoutMs);
}
