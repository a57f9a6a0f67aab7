import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultExecHandler } from './testing/fake-runtime.js';
import { collect, startHarness, type Harness } from './testing/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  h.pods.addPod('web', ['app']);
  h.pods.addPod('term', ['app'], { tty: true });
});

afterAll(async () => h.close());

const exec = (cmd: string[], streams = 'stdout=1&stderr=1', pod = 'web'): string =>
  `/exec/default/${pod}/app?${cmd.map((c) => `command=${encodeURIComponent(c)}`).join('&')}&${streams}`;

describe('exec over WebSocket', () => {
  it('negotiates v5 and sends stdout then a Success status and a normal close', async () => {
    const r = await collect(h.ws(exec(['echo', 'hello', 'world'])));
    expect(r).toMatchObject({ protocol: 'v5.channel.k8s.io', stdout: 'hello world\n', stderr: '', closeCode: 1000 });
    expect(r.errors).toEqual(['{"metadata":{},"status":"Success"}']);
  });

  it('prefers v5 among several offers and still speaks v4', async () => {
    expect((await collect(h.ws(exec(['echo', 'x']), ['channel.k8s.io', 'v4.channel.k8s.io', 'v5.channel.k8s.io']))).protocol).toBe('v5.channel.k8s.io');
    const v4 = await collect(h.ws(exec(['echo', 'x']), ['v4.channel.k8s.io']));
    expect(v4).toMatchObject({ protocol: 'v4.channel.k8s.io', stdout: 'x\n' });
    expect(JSON.parse(v4.errors[0] ?? '{}')).toEqual({ metadata: {}, status: 'Success' });
  });

  it('reports a non-zero exit code the way kubectl reads it', async () => {
    const r = await collect(h.ws(exec(['sh', '-c', 'exit 3'])));
    expect(r.closeCode).toBe(1000);
    expect(JSON.parse(r.errors[0] ?? '{}')).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('carries stderr on channel 2', async () => {
    const r = await collect(h.ws(exec(['sh', '-c', 'echo oops >&2'])));
    expect(r).toMatchObject({ stdout: '', stderr: 'oops\n' });
  });

  it('feeds stdin and ends it on the v5 close signal', async () => {
    const r = await collect(h.ws(exec(['cat'], 'stdin=1&stdout=1&stderr=1')), (ws) => {
      ws.send(Buffer.concat([Buffer.of(0), Buffer.from('line 1\n')]));
      ws.send(Buffer.concat([Buffer.of(0), Buffer.from('line 2\n')]));
      ws.send(Buffer.of(255, 0));
    });
    expect(r.stdout).toBe('line 1\nline 2\n');
    expect(r.errors).toEqual(['{"metadata":{},"status":"Success"}']);
  });

  it('closes the runtime session when the client goes away', async () => {
    let ended = false;
    h.pods.runtime.onExec = async (_cmd, io) => {
      for await (const _chunk of io.stdin) void _chunk;
      ended = true;
      return 0;
    };
    try {
      const ws = h.ws(exec(['cat'], 'stdin=1&stdout=1'));
      await new Promise((r) => ws.once('open', r));
      ws.send(Buffer.concat([Buffer.of(0), Buffer.from('x')]));
      await new Promise((r) => setTimeout(r, 50));
      expect(ended).toBe(false);
      ws.terminate();
      const deadline = Date.now() + 3_000;
      while (!ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(ended).toBe(true);
    } finally {
      h.pods.runtime.onExec = defaultExecHandler;
    }
  });

  it('drops stderr with a tty and passes the streams to the runtime', async () => {
    await collect(h.ws(exec(['echo', 'tty'], 'stdout=1&stderr=1&tty=1')));
    expect(h.pods.runtime.execs.at(-1)).toMatchObject({ id: 'web-app-0', command: ['echo', 'tty'], options: { stdin: false, stdout: true, stderr: false, tty: true } });
  });

  it('refuses requests that cannot work before upgrading, with upstream texts', async () => {
    await expect(collect(h.ws('/exec/default/web/app?command=ls'))).rejects.toMatchObject({ status: 400, body: 'you must specify at least 1 of stdin, stdout, stderr' });
    await expect(collect(h.ws('/exec/default/nope/app?command=ls&stdout=1'))).rejects.toMatchObject({ status: 404, body: 'pod does not exist' });
    await expect(collect(h.ws('/exec/default/web/db?command=ls&stdout=1'))).rejects.toMatchObject({ status: 500, body: 'container not found ("db")' });
    await expect(collect(h.ws(exec(['ls']), ['base64.channel.k8s.io']))).rejects.toMatchObject({ status: 400 });
  });

  it('answers plain and SPDY requests with 400 and the reason', async () => {
    expect(await h.get(exec(['ls']))).toMatchObject({ status: 400, body: 'unable to upgrade: missing upgrade headers in request' });
    const spdy = await h.get(exec(['ls']), { method: 'POST', headers: { connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'v4.channel.k8s.io' } });
    expect(spdy.status).toBe(400);
    expect(spdy.body).toContain('SPDY/3.1 streaming is not supported');
  });

  it('matches the pod uid in the /{uid}/ form', async () => {
    const uid = h.pods.getPod('default', 'web')?.metadata.uid ?? '';
    expect((await collect(h.ws(`/exec/default/web/${uid}/app?command=echo&command=ok&stdout=1`))).stdout).toBe('ok\n');
    await expect(collect(h.ws('/exec/default/web/other-uid/app?command=echo&stdout=1'))).rejects.toMatchObject({ status: 500 });
  });
});

describe('attach over WebSocket', () => {
  it('streams the container output from now on and ends with Success when it stops', async () => {
    const ws = h.ws('/attach/default/term/app?stdin=1&stdout=1&stderr=1');
    const done = collect(ws, (socket) => {
      socket.send(Buffer.concat([Buffer.of(0), Buffer.from('typed\n')]));
      setTimeout(() => h.pods.runtime.stop('term-app-0'), 100);
    });
    const r = await done;
    expect(r.stdout).toBe('typed\n');
    expect(r.errors).toEqual(['{"metadata":{},"status":"Success"}']);
    await expect(collect(h.ws('/attach/default/term/app?stdout=1'))).rejects.toMatchObject({ status: 500, body: 'container app not found in pod term_default' });
  });
});
