import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubelite/api';
import { FakeClock } from '../clock.js';
import { KubeClient } from '../rest/kube-client.js';
import type { ResourceClient } from '../rest/resource.js';
import { FakeApiServer } from '../rest/testing/fake-apiserver.js';
import { ExponentialBackoff } from './backoff.js';
import { waitForCacheSync } from './cache-sync.js';
import { SharedIndexInformer, type ResourceEventHandler } from './shared-informer.js';
import { DeletedFinalStateUnknown } from './store.js';

const cm = (name: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
});

let server: FakeApiServer;
let client: KubeClient;
let cms: ResourceClient;
let ac: AbortController;

beforeEach(async () => {
  server = new FakeApiServer();
  client = new KubeClient({ server: await server.start(), insecureSkipTlsVerify: false, namespace: 'default' }, { qps: -1 });
  cms = client.resource('', 'v1', 'configmaps');
  ac = new AbortController();
});

afterEach(async () => {
  ac.abort();
  client.close();
  await server.stop();
});

/** A handler that logs what it is told as short strings. */
function recorder(log: string[], tag = ''): ResourceEventHandler<KubeObject> {
  return {
    onAdd: (o, initial) => log.push(`${tag}add ${o.metadata.name}${initial ? ' (initial)' : ''}`),
    onUpdate: (o, n) => log.push(`${tag}update ${o.metadata.name} ${o.metadata.resourceVersion}->${n.metadata.resourceVersion}`),
    onDelete: (o) =>
      log.push(o instanceof DeletedFinalStateUnknown ? `${tag}tombstone ${o.key}` : `${tag}delete ${o.metadata.name}`),
  };
}

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('SharedIndexInformer', () => {
  it('delivers the initial list as initial adds, then adds, updates and deletes; hasSynced after the list', async () => {
    server.put('v1/configmaps', cm('a'));
    const informer = new SharedIndexInformer(cms);
    const log: string[] = [];
    const reg = informer.addEventHandler(recorder(log));
    expect([informer.hasSynced(), reg.hasSynced()]).toEqual([false, false]);
    informer.start(ac.signal);
    expect(await waitForCacheSync(AbortSignal.timeout(3000), [() => informer.hasSynced()])).toBe(true);
    expect(reg.hasSynced()).toBe(true);
    await waitFor(() => server.openWatches === 1);

    const a = server.getObject('v1/configmaps', 'default', 'a')!;
    server.put('v1/configmaps', cm('b'));
    server.put('v1/configmaps', cm('a', { v: '2' }));
    server.remove('v1/configmaps', 'default', 'b');
    await waitFor(() => log.length === 4);
    expect(log).toEqual(['add a (initial)', 'add b', `update a ${a.metadata.resourceVersion}->4`, 'delete b']);
    expect(informer.getIndexer().listKeys()).toEqual(['default/a']);
    expect(informer.getIndexer().byIndex('namespace', 'default')).toHaveLength(1);
    expect(informer.lastSyncResourceVersion).toBe(server.resourceVersion);
  });

  it('reports a deletion missed across a re-list as a DeletedFinalStateUnknown tombstone', async () => {
    server.put('v1/configmaps', cm('keep'));
    server.put('v1/configmaps', cm('doomed'));
    const informer = new SharedIndexInformer(cms, { backoff: new ExponentialBackoff({ initialMs: 5, random: () => 0 }) });
    const log: string[] = [];
    informer.addEventHandler(recorder(log));
    informer.start(ac.signal);
    await waitFor(() => server.openWatches === 1);
    server.put('v1/configmaps', cm('keep', { touched: 'yes' }));
    await waitFor(() => log.length === 3);
    // The watch drops; meanwhile 'doomed' is deleted and the history that said so is compacted.
    server.closeWatches();
    server.remove('v1/configmaps', 'default', 'doomed');
    server.compact();
    await waitFor(() => log.length === 5);
    expect(log.slice(3)).toEqual([expect.stringMatching(/^update keep (\d+)->\1$/), 'tombstone default/doomed']);
    expect(informer.getIndexer().listKeys()).toEqual(['default/keep']);
  });

  it('replays the cache to a handler added late, and isolates a throwing handler', async () => {
    server.put('v1/configmaps', cm('a'));
    server.put('v1/configmaps', cm('b'));
    const errors: string[] = [];
    const informer = new SharedIndexInformer(cms, { onError: (_e, where) => errors.push(where) });
    informer.addEventHandler({
      onAdd: () => {
        throw new Error('controller bug');
      },
    });
    informer.start(ac.signal);
    await waitFor(() => informer.hasSynced());
    const late: string[] = [];
    const reg = informer.addEventHandler(recorder(late));
    expect(reg.hasSynced()).toBe(true);
    expect(late.sort()).toEqual(['add a (initial)', 'add b (initial)']);
    expect(errors).toEqual(['informer onAdd handler', 'informer onAdd handler']);

    informer.removeEventHandler(reg);
    server.put('v1/configmaps', cm('c'));
    await waitFor(() => informer.getIndexer().size === 3);
    expect(late).toHaveLength(2);
  });

  it('resyncs each handler on its own period with onUpdate(obj, obj)', async () => {
    const clock = new FakeClock();
    server.put('v1/configmaps', cm('a'));
    server.put('v1/configmaps', cm('b'));
    const informer = new SharedIndexInformer(cms, { clock, resyncPeriodMs: 5000 });
    const fast: string[] = [];
    const slow: string[] = [];
    const never: string[] = [];
    informer.addEventHandler(recorder(fast), 1000);
    informer.addEventHandler(recorder(slow));
    informer.addEventHandler(recorder(never), 0);
    informer.start(ac.signal);
    await waitFor(() => informer.hasSynced());
    clock.advance(1000);
    expect(fast.filter((l) => l.startsWith('update')).length).toBe(2);
    expect(slow.filter((l) => l.startsWith('update')).length).toBe(0);
    clock.advance(4000);
    expect(fast.filter((l) => l.startsWith('update')).length).toBe(10);
    expect(slow.filter((l) => l.startsWith('update'))).toEqual([expect.stringMatching(/^update a (\d+)->\1$/), expect.stringMatching(/^update b (\d+)->\1$/)]);
    expect(never.filter((l) => l.startsWith('update'))).toEqual([]);
  });

  it('stop() ends the run and closes the watch; waitForCacheSync gives up on abort', async () => {
    const informer = new SharedIndexInformer(cms);
    const running = informer.run(ac.signal);
    await waitFor(() => server.openWatches === 1);
    await informer.stop();
    await running;
    expect(informer.isStopped).toBe(true);
    await waitFor(() => server.openWatches === 0);
    expect(await waitForCacheSync(AbortSignal.timeout(50), [() => false])).toBe(false);
  });
});
