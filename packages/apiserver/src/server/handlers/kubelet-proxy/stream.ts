// pods/exec, pods/attach and pods/portforward: checked like kube-apiserver's *Location functions,
// then a transparent upgrade proxy (upstream's UpgradeAwareHandler) to the kubelet: the client's
// handshake is replayed to the kubelet with the stream options rewritten as the kubelet expects
// them, and once the kubelet switches protocols both sockets are joined byte for byte. A kubelet
// that refuses has its answer relayed unchanged (kubectl shows "unable to upgrade connection: …").
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Pod } from '@kubelite/api';
import type { Registry } from '../../../registry/generic.js';
import type { Call } from '../crud.js';
import { boolParam, param, type Query } from '../request.js';
import type { KubeletClientConfig } from './config.js';
import { KubeletDialError, readBody, requestKubelet } from './dial.js';
import { KubeletProxyErrors } from './errors.js';
import { nodeAddressesFor, resolveContainer } from './target.js';
import { upgradeOf, type UpgradeSocket } from './upgrade.js';

export type StreamSubresource = 'exec' | 'attach' | 'portforward';

/** Handshake headers that must reach the kubelet for it to accept the same upgrade. */
const FORWARDED = ['upgrade', 'connection', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-protocol', 'sec-websocket-extensions', 'x-stream-protocol-version', 'user-agent'];

const all = (q: Query, name: string): string[] => {
  const v = q[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

/** The kubelet's query as streamParams builds it: "1" flags, one `command` per argv element, ports joined. */
function kubeletQuery(sub: StreamSubresource, q: Query): string {
  const out = new URLSearchParams();
  if (sub === 'portforward') {
    const ports = all(q, 'ports').flatMap((p) => p.split(',')).filter((p) => p !== '');
    if (ports.length > 0) out.set('port', ports.join(','));
  } else {
    for (const flag of ['stdin', 'stdout', 'stderr', 'tty']) if (boolParam(q, flag)) out.set(flag, '1');
    if (sub === 'exec') for (const c of all(q, 'command')) out.append('command', c);
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}

function forwardedHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  const h: OutgoingHttpHeaders = {};
  for (const name of FORWARDED) {
    const v = req.headers[name];
    if (v !== undefined) h[name] = v;
  }
  return h;
}

function headerBlock(statusLine: string, rawHeaders: readonly string[], skip: ReadonlySet<string> = new Set()): string {
  let out = `${statusLine}\r\n`;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (!skip.has((rawHeaders[i] as string).toLowerCase())) out += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`;
  }
  return `${out}\r\n`;
}

function join(client: UpgradeSocket, res: IncomingMessage, kubelet: Duplex, kubeletHead: Buffer): void {
  const c = client.socket as Socket;
  c.setTimeout(0);
  c.setNoDelay(true);
  c.write(headerBlock(`HTTP/1.1 101 ${res.statusMessage || 'Switching Protocols'}`, res.rawHeaders));
  if (kubeletHead.length > 0) c.write(kubeletHead);
  if (client.head.length > 0) kubelet.write(client.head);
  const close = (): void => {
    c.destroy();
    kubelet.destroy();
  };
  for (const s of [c, kubelet]) {
    s.once('close', close);
    s.on('error', close);
  }
  c.pipe(kubelet);
  kubelet.pipe(c);
}

/** A kubelet that did not switch protocols: its status, headers and body go back as they are. */
async function relayRefusal(client: UpgradeSocket, res: IncomingMessage): Promise<void> {
  const body = Buffer.from(await readBody(res));
  const skip = new Set(['content-length', 'transfer-encoding', 'connection']);
  const head = headerBlock(`HTTP/1.1 ${res.statusCode ?? 500} ${res.statusMessage ?? ''}`, res.rawHeaders, skip).replace(/\r\n$/, `content-length: ${body.length}\r\nconnection: close\r\n\r\n`);
  client.socket.end(Buffer.concat([Buffer.from(head), body]));
}

export function podStream(sub: StreamSubresource, config: KubeletClientConfig, nodes: () => Registry | undefined) {
  return async (c: Call): Promise<FastifyReply> => {
    const pod = (await c.reg.get(c.ctx, c.name)) as unknown as Pod;
    const container = sub === 'portforward' ? '' : resolveContainer(pod, param(c.query, 'container'));
    const addresses = await nodeAddressesFor(pod, nodes(), c.ctx, config);
    if (!addresses) throw KubeletProxyErrors.noHost(c.name);
    const client = upgradeOf(c.req.raw);
    if (!client) throw KubeletProxyErrors.upgradeRequired();
    const ns = encodeURIComponent(pod.metadata.namespace ?? '');
    const name = encodeURIComponent(c.name);
    const path = sub === 'portforward' ? `/portForward/${ns}/${name}` : `/${sub}/${ns}/${name}/${encodeURIComponent(container)}`;
    let answer;
    try {
      answer = await requestKubelet(config, addresses, { method: c.req.method, path: `${path}${kubeletQuery(sub, c.query)}`, headers: forwardedHeaders(c.req.raw) });
    } catch (err) {
      if (err instanceof KubeletDialError) throw KubeletProxyErrors.dialFailed(err.message);
      throw err;
    }
    c.reply.hijack();
    // The socket now belongs to the tunnel, not to the response Fastify was given.
    (c.reply.raw as ServerResponse).detachSocket(client.socket as Socket);
    if (answer.kind === 'upgrade') join(client, answer.res, answer.socket, answer.head);
    else await relayRefusal(client, answer.res);
    return c.reply;
  };
}
