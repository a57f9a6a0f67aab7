// The API server's side of the kubelet connection without a cluster: address preference and
// fallback, certificate checks, and the container a request defaults to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node, Pod } from '@kubelite/api';
import { createCa } from '@kubelite/client';
import { parseAddressTypes, defaultKubeletClientConfig, type KubeletClientConfig } from '../../packages/apiserver/src/server/handlers/kubelet-proxy/config.js';
import { KubeletDialError, readBody, requestKubelet } from '../../packages/apiserver/src/server/handlers/kubelet-proxy/dial.js';
import { kubeletAddresses, resolveContainer } from '../../packages/apiserver/src/server/handlers/kubelet-proxy/target.js';
import { startHarness, type Harness } from '../../packages/kubelet/src/server/testing/harness.js';
import { freePort } from '../support/ports.js';

let h: Harness;
let config: KubeletClientConfig;

beforeAll(async () => {
  h = await startHarness();
  h.pods.addPod('web', ['app']);
  h.pods.runtime.appendLog('web-app-0', 'hi\n');
  config = { ...defaultKubeletClientConfig(), cert: h.client.cert, key: h.client.key, ca: h.ca, timeoutMs: 2_000 };
});

afterAll(async () => h?.close());

const logsPath = '/containerLogs/default/web/app';

describe('requestKubelet', () => {
  it('falls back to the next address when one refuses the connection', async () => {
    const closed = await freePort();
    const answer = await requestKubelet(config, [{ host: '127.0.0.1', port: closed }, { host: '127.0.0.1', port: h.server.port }], { method: 'GET', path: logsPath, headers: {} });
    expect(answer.kind).toBe('response');
    expect(answer.res.statusCode).toBe(200);
    expect(await readBody(answer.res)).toBe('hi\n');
  });

  it("says what failed in Go's words", async () => {
    const closed = await freePort();
    const err = await requestKubelet(config, [{ host: '127.0.0.1', port: closed }], { method: 'GET', path: logsPath, headers: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeletDialError);
    expect(err).toMatchObject({ message: `dial tcp 127.0.0.1:${closed}: connect: connection refused`, url: `https://127.0.0.1:${closed}${logsPath}` });
  });

  it('checks the kubelet certificate only against --kubelet-certificate-authority', async () => {
    const other = await createCa({ commonName: 'someone-else' });
    const wrongCa = { ...config, ca: other.cert };
    const err = await requestKubelet(wrongCa, [{ host: '127.0.0.1', port: h.server.port }], { method: 'GET', path: logsPath, headers: {} }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^tls: failed to verify certificate: x509: /);
    const { ca: _ignored, ...unverified } = wrongCa;
    const ok = await requestKubelet(unverified, [{ host: '127.0.0.1', port: h.server.port }], { method: 'GET', path: logsPath, headers: {} });
    expect(ok.res.statusCode).toBe(200);
    ok.res.resume();
    // Not presenting the client certificate: the kubelet refuses.
    const anonymous = await requestKubelet({ ...defaultKubeletClientConfig(), ca: h.ca }, [{ host: '127.0.0.1', port: h.server.port }], { method: 'GET', path: logsPath, headers: {} });
    expect(anonymous.res.statusCode).toBe(401);
    anonymous.res.resume();
  });
});

describe('kubelet addresses and containers', () => {
  const node = (addresses: { type: string; address: string }[], port?: number): Node =>
    ({ metadata: { name: 'n' }, status: { addresses, ...(port ? { daemonEndpoints: { kubeletEndpoint: { Port: port } } } : {}) } }) as Node;

  it('orders addresses by the preferred types and uses the reported port (default 10250)', () => {
    const n = node([{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1' }], 12345);
    expect(kubeletAddresses(n, defaultKubeletClientConfig())).toEqual([{ host: 'n1', port: 12345 }, { host: '10.0.0.1', port: 12345 }]);
    const internal = { ...defaultKubeletClientConfig(), preferredAddressTypes: parseAddressTypes('InternalIP') };
    expect(kubeletAddresses(node([{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.1' }]), internal)).toEqual([{ host: '10.0.0.1', port: 10250 }]);
    expect(() => kubeletAddresses(node([{ type: 'Hostname', address: 'n1' }]), internal)).toThrow('no preferred addresses found; known addresses: [{Hostname n1}]');
    expect(() => parseAddressTypes('InternalIP,Bogus')).toThrow('unsupported address type "Bogus"');
  });

  it('defaults the container and words the refusals as upstream', () => {
    const pod = (containers: string[], init: string[] = []): Pod =>
      ({ metadata: { name: 'p' }, spec: { containers: containers.map((name) => ({ name })), initContainers: init.map((name) => ({ name })) } }) as Pod;
    expect(resolveContainer(pod(['only']), undefined)).toBe('only');
    expect(resolveContainer(pod(['a', 'b'], ['setup']), 'setup')).toBe('setup');
    expect(() => resolveContainer(pod(['a', 'b'], ['setup']), undefined)).toThrow('a container name must be specified for pod p, choose one of: [a b] or one of the init containers: [setup]');
    expect(() => resolveContainer(pod(['a']), 'z')).toThrow('container z is not valid for pod p');
  });
});
