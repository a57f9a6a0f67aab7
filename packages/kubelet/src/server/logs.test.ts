import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningStatus } from './testing/fake-provider.js';
import { startHarness, type Harness } from './testing/harness.js';

let h: Harness;

async function waitFor(ok: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  h = await startHarness();
  const web = h.pods.addPod('web', ['app']);
  h.pods.runtime.appendLog('web-app-0', 'one\n', { time: new Date('2026-01-01T00:00:01.000Z') });
  h.pods.runtime.appendLog('web-app-0', 'two\n', { time: new Date('2026-01-01T00:00:02.500Z'), stream: 'stderr' });
  h.pods.runtime.appendLog('web-app-0', 'three\n', { time: new Date('2026-01-01T00:00:03.000Z') });
  // A restarted container: instance 0 died, instance 1 runs.
  const crash = h.pods.addPod('crash', ['app']);
  h.pods.runtime.stop('crash-app-0', 1);
  h.pods.runtime.appendLog('crash-app-0', 'first life\n');
  h.pods.runtime.addContainer({ id: 'crash-app-1', pod: { uid: crash.metadata.uid ?? '', name: 'crash', namespace: 'default' }, name: 'app', attempt: 1 });
  h.pods.runtime.appendLog('crash-app-1', 'second life\n');
  h.pods.setStatus(crash, { ...runningStatus('app', 'crash-app-1', 1), lastState: { terminated: { exitCode: 1, reason: 'Error', containerID: 'docker://crash-app-0' } } });
  h.pods.setStatus(web, runningStatus('app', 'web-app-0'));
});

afterAll(async () => h.close());

describe('GET /containerLogs', () => {
  it('streams stdout and stderr interleaved as chunked text/plain', async () => {
    const r = await h.get('/containerLogs/default/web/app');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.headers['transfer-encoding']).toBe('chunked');
    expect(r.body).toBe('one\ntwo\nthree\n');
  });

  it('applies tailLines, legacy tail, timestamps, sinceTime and limitBytes', async () => {
    expect((await h.get('/containerLogs/default/web/app?tailLines=1')).body).toBe('three\n');
    expect((await h.get('/containerLogs/default/web/app?tail=2')).body).toBe('two\nthree\n');
    expect((await h.get('/containerLogs/default/web/app?tail=all')).body).toBe('one\ntwo\nthree\n');
    expect((await h.get('/containerLogs/default/web/app?tailLines=1&timestamps=true')).body).toBe('2026-01-01T00:00:03.000000000Z three\n');
    expect((await h.get('/containerLogs/default/web/app?sinceTime=2026-01-01T00:00:02Z')).body).toBe('two\nthree\n');
    expect((await h.get('/containerLogs/default/web/app?limitBytes=6')).body).toBe('one\ntw');
    expect((await h.get('/containerLogs/default/web/app?timestamps=1&limitBytes=10')).body).toBe('2026-01-01');
  });

  it('reads the previous instance with previous=true', async () => {
    expect((await h.get('/containerLogs/default/crash/app')).body).toBe('second life\n');
    expect((await h.get('/containerLogs/default/crash/app?previous=true')).body).toBe('first life\n');
  });

  it('follows a running container until it stops', async () => {
    const pod = h.pods.addPod('follow', ['app']);
    h.pods.runtime.appendLog('follow-app-0', 'before\n');
    const res = await h.open('/containerLogs/default/follow/app?follow=true');
    expect(res.statusCode).toBe(200);
    let body = '';
    res.setEncoding('utf8');
    const ended = new Promise<void>((resolve) => res.on('end', resolve));
    const seen = (text: string): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => void (body.includes(text) && (res.off('data', onData), resolve()));
        const onData = (d: string): void => void ((body += d), check());
        res.on('data', onData);
        check();
      });
    await seen('before\n');
    h.pods.runtime.appendLog('follow-app-0', 'after\n');
    await seen('after\n');
    res.on('data', (d: string) => (body += d));
    h.pods.runtime.stop('follow-app-0');
    await ended;
    expect(body).toBe('before\nafter\n');
    expect(pod.metadata.name).toBe('follow');
  });

  it('stops reading the container when a follower goes away', async () => {
    h.pods.addPod('quiet', ['app']);
    const res = await h.open('/containerLogs/default/quiet/app?follow=true');
    expect(res.statusCode).toBe(200);
    await waitFor(() => h.pods.runtime.followers('quiet-app-0') === 1);
    res.destroy();
    await waitFor(() => h.pods.runtime.followers('quiet-app-0') === 0);
  });

  it('answers upstream errors for missing pods, containers and instances', async () => {
    expect(await h.get('/containerLogs/default/nope/app')).toMatchObject({ status: 404, body: 'pod "nope" does not exist' });
    expect(await h.get('/containerLogs/default/web/db')).toMatchObject({ status: 404, body: 'container "db" not found in pod "web"' });
    expect(await h.get('/containerLogs/default/web/app?previous=true')).toMatchObject({ status: 400, body: 'previous terminated container "app" in pod "web" not found' });
    expect(await h.get('/containerLogs/default/web/')).toMatchObject({ status: 400, body: '{"message": "Missing container name."}' });
    expect(await h.get('/containerLogs/default/web/app?tailLines=x')).toMatchObject({ status: 400, body: '{"message": "Unable to decode query."}' });
    expect(await h.get('/containerLogs/default/web/app?limitBytes=0')).toMatchObject({ status: 422, body: '{"message": "Invalid request."}' });
    expect(await h.get('/containerLogs/default/web/app?sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z')).toMatchObject({ status: 422 });
  });

  it('says why a container has no logs yet', async () => {
    const pod = h.pods.addPod('pending', ['app', 'pull', 'back', 'done']);
    h.pods.setStatus(pod, { name: 'app', state: { waiting: { reason: 'ContainerCreating' } }, ready: false, restartCount: 0, image: '', imageID: '' });
    h.pods.setStatus(pod, { name: 'pull', state: { waiting: { reason: 'ErrImagePull' } }, ready: false, restartCount: 0, image: '', imageID: '' });
    h.pods.setStatus(pod, { name: 'back', state: { waiting: { reason: 'ImagePullBackOff' } }, ready: false, restartCount: 0, image: '', imageID: '' });
    h.pods.setStatus(pod, { name: 'done', state: { terminated: { exitCode: 0 } }, ready: false, restartCount: 0, image: '', imageID: '' });
    expect(await h.get('/containerLogs/default/pending/app')).toMatchObject({ status: 400, body: 'container "app" in pod "pending" is waiting to start: ContainerCreating' });
    expect((await h.get('/containerLogs/default/pending/pull')).body).toBe(`container "pull" in pod "pending" is waiting to start: image can't be pulled`);
    expect((await h.get('/containerLogs/default/pending/back')).body).toBe('container "back" in pod "pending" is waiting to start: trying and failing to pull image');
    expect((await h.get('/containerLogs/default/pending/done')).body).toBe('container "done" in pod "pending" is terminated');
  });
});
