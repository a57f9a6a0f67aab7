// Starts the kubelet API on 127.0.0.1:0 over a FakePodProvider with a fresh CA, and speaks to it
// the way the API server does: HTTPS with a client certificate, WebSocket with a channel protocol.
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { WebSocket } from 'ws';
import { createCa, createLogger, issueClientCert, issueServingCert, type CertKeyPair } from '@kubelite/client';
import { startKubeletServer } from '../server.js';
import type { KubeletServer } from '../types.js';
import { FakePodProvider } from './fake-provider.js';

export interface Harness {
  server: KubeletServer;
  pods: FakePodProvider;
  base: string;
  ca: string;
  client: CertKeyPair;
  get(path: string, opts?: { cert?: CertKeyPair | null; method?: string; headers?: Record<string, string> }): Promise<{ status: number; body: string; headers: IncomingMessage['headers'] }>;
  open(path: string, opts?: { cert?: CertKeyPair | null }): Promise<IncomingMessage>;
  ws(path: string, protocols?: string[]): WebSocket;
  close(): Promise<void>;
}

export async function startHarness(opts: { requireClientCert?: boolean } = {}): Promise<Harness> {
  const ca = await createCa({ commonName: 'kubelet-test-ca' });
  const serving = await issueServingCert(ca, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const client = await issueClientCert(ca, { user: 'kube-apiserver-kubelet-client', groups: ['kubeadm:cluster-admins'] });
  const pods = new FakePodProvider();
  const server = await startKubeletServer({
    address: '127.0.0.1',
    port: 0,
    tls: serving,
    clientCaPem: opts.requireClientCert === false ? undefined : ca.cert,
    pods,
    logger: createLogger('kubelet-test', 'json', 'silent'),
  });
  const base = `https://127.0.0.1:${server.port}`;
  const tlsFor = (cert: CertKeyPair | null | undefined) => ({ ca: ca.cert, ...(cert === null ? {} : { cert: (cert ?? client).cert, key: (cert ?? client).key }) });
  const open: Harness['open'] = (path, o = {}) =>
    new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { ...tlsFor(o.cert) }, resolve);
      req.on('error', reject);
      req.end();
    });
  return {
    server,
    pods,
    base,
    ca: ca.cert,
    client,
    open,
    get: (path, o = {}) =>
      new Promise((resolve, reject) => {
        const req = request(`${base}${path}`, { method: o.method ?? 'GET', headers: o.headers ?? {}, ...tlsFor(o.cert) }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        });
        req.on('error', reject);
        req.end();
      }),
    ws: (path, protocols = ['v5.channel.k8s.io']) => new WebSocket(`wss://127.0.0.1:${server.port}${path}`, protocols, { ...tlsFor(undefined) }),
    close: () => server.close(),
  };
}

export interface WsResult {
  protocol: string;
  stdout: string;
  stderr: string;
  /** Raw error-channel messages. */
  errors: string[];
  closeCode: number;
}

/** Collects one session's channels until the server closes; `onOpen` may send stdin/resize. */
export function collect(ws: WebSocket, onOpen: (ws: WebSocket) => void = () => undefined, timeoutMs = 5_000): Promise<WsResult> {
  const r: WsResult = { protocol: '', stdout: '', stderr: '', errors: [], closeCode: 0 };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`session not closed after ${timeoutMs} ms: ${JSON.stringify(r)}`));
    }, timeoutMs);
    ws.on('open', () => {
      r.protocol = ws.protocol;
      onOpen(ws);
    });
    ws.on('message', (data: Buffer) => {
      const text = data.subarray(1).toString('utf8');
      if (data[0] === 1) r.stdout += text;
      else if (data[0] === 2) r.stderr += text;
      else if (data[0] === 3) r.errors.push(text);
    });
    ws.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}: ${body}`), { status: res.statusCode, body })));
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      r.closeCode = code;
      resolve(r);
    });
  });
}
