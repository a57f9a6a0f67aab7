// Test helpers: kubectl's side of port-forward over our SpdySession (client mode), and a pod
// port played by a local HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { createLogger, type Logger } from '@kubelite/client';
import { SpdySession, type SpdyTransport } from './session.js';

export const silentLog: Logger = createLogger('portforward-test', 'json', 'silent');

function readAll(stream: Readable, timeoutMs: number, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${what} not finished after ${timeoutMs} ms (so far ${JSON.stringify(text)})`)), timeoutMs);
    stream.on('data', (d: Buffer) => (text += d.toString()));
    stream.once('end', () => {
      clearTimeout(timer);
      resolve(text);
    });
    stream.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

export interface ForwardResult {
  data: string;
  error: string;
}

/**
 * What kubectl does per local connection: an error stream (closed for writing at once), a data
 * stream carrying `send` then FIN; resolves with everything both streams delivered.
 */
export async function forwardOnce(client: SpdySession, port: number, requestId: number, send: string, timeoutMs = 5_000): Promise<ForwardResult> {
  const headers = { port: String(port), requestid: String(requestId) };
  const error = client.openStream({ ...headers, streamtype: 'error' }, { fin: true });
  const data = client.openStream({ ...headers, streamtype: 'data' });
  const errorText = readAll(error, timeoutMs, 'error stream');
  const dataText = readAll(data, timeoutMs, 'data stream');
  data.end(send);
  return { data: await dataText, error: await errorText };
}

/** Two sessions wired back to back in memory, as a transport would join them. */
export function sessionPair(onServerStream: ConstructorParameters<typeof SpdySession>[1]['onStream']): { client: SpdySession; server: SpdySession; wire: Buffer[] } {
  const wire: Buffer[] = [];
  let client: SpdySession | undefined;
  let server: SpdySession | undefined;
  const link = (to: () => SpdySession | undefined, record: boolean): SpdyTransport => ({
    send: async (bytes) => {
      if (record) wire.push(bytes);
      // Delivered byte by byte in odd slices, so frame reassembly is exercised too.
      setImmediate(() => {
        for (let at = 0; at < bytes.length; at += 7) to()?.receive(bytes.subarray(at, at + 7));
      });
    },
    close: () => setImmediate(() => to()?.close()),
  });
  client = new SpdySession(link(() => server, true), { server: false, log: silentLog });
  server = new SpdySession(link(() => client, false), { server: true, log: silentLog, ...(onServerStream ? { onStream: onServerStream } : {}) });
  return { client, server, wire };
}

/** An HTTP server on 127.0.0.1 answering `hello <path>`; counts connections. */
export async function startPodPort(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server: Server = createServer((req, res) => res.end(`hello ${req.url ?? ''}`));
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
