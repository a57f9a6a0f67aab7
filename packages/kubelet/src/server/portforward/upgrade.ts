// The /portForward/{ns}/{pod} upgrade. kubectl 1.30+ first asks for a WebSocket with subprotocol
// `SPDY/3.1+portforward.k8s.io` (SPDY frames carried in binary messages), and on any non-101
// answer retries with a plain `Upgrade: SPDY/3.1` (X-Stream-Protocol-Version: portforward.k8s.io).
// Both end in the same SPDY session, whose streams the PortForwarder serves.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Pod } from '@kubelite/api';
import type { Logger } from '@kubelite/client';
import { offeredProtocols } from '../channel.js';
import type { KubeletPodProvider } from '../types.js';
import { portForwardError } from './errors.js';
import { PortForwarder, type ForwardTarget } from './forwarder.js';
import { SpdySession, type SpdyTransport } from './session.js';

export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
export const TUNNEL_PROTOCOL = `SPDY/3.1+${PORT_FORWARD_PROTOCOL}`;

export interface PortForwardRequest {
  namespace: string;
  pod: string;
  uid?: string;
}

/** The pod's address: its IP, or loopback when it shares the node's network. */
export function podTarget(pods: KubeletPodProvider, namespace: string, name: string): ForwardTarget {
  const current = (): Pod | undefined => pods.getPod(namespace, name);
  const pod = current();
  const podFullName = `${pod?.metadata.name ?? name}_${pod?.metadata.namespace ?? namespace}`;
  return {
    podFullName,
    uid: pod?.metadata.uid ?? '',
    host: () => {
      const now = current();
      if (now?.spec.hostNetwork) return '127.0.0.1';
      const ip = now?.status?.podIP;
      if (!ip) throw portForwardError('NO_POD_IP', podFullName);
      return ip;
    },
  };
}

function wsTransport(ws: WebSocket): SpdyTransport {
  return {
    send: (bytes) => new Promise((resolve, reject) => ws.send(bytes, { binary: true }, (err) => (err ? reject(err) : resolve()))),
    close: () => ws.close(),
  };
}

function socketTransport(socket: Duplex): SpdyTransport {
  return {
    send: (bytes) => new Promise((resolve, reject) => socket.write(bytes, (err) => (err ? reject(err) : resolve()))),
    close: () => socket.destroy(),
  };
}

export class PortForwardServer {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly sessions = new Set<SpdySession>();

  constructor(
    private readonly pods: KubeletPodProvider,
    private readonly log: Logger,
  ) {
    // `ws` refuses subprotocols that are not RFC 7230 tokens, and ours has a '/': the header is
    // taken off the request before `ws` reads it (see upgradeWebSocket) and answered here.
    this.wss.on('headers', (headers: string[]) => headers.push(`Sec-WebSocket-Protocol: ${TUNNEL_PROTOCOL}`));
  }

  /** Throws a PortForwardError (nothing written yet) when the request cannot be served. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, r: PortForwardRequest): void {
    if (!this.pods.getPod(r.namespace, r.pod, r.uid)) throw portForwardError('POD_NOT_FOUND');
    const target = podTarget(this.pods, r.namespace, r.pod);
    const upgrade = (req.headers.upgrade ?? '').toLowerCase();
    if (upgrade === 'websocket') return this.upgradeWebSocket(req, socket, head, target);
    if (upgrade.startsWith('spdy/3.1')) return this.upgradeSpdy(req, socket, head, target);
    throw portForwardError('UPGRADE_REQUIRED');
  }

  close(): void {
    for (const s of this.sessions) s.close();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private upgradeWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer, target: ForwardTarget): void {
    const offered = offeredProtocols(req.headers['sec-websocket-protocol']);
    if (!offered.includes(TUNNEL_PROTOCOL)) throw portForwardError('PROTOCOL_UNSUPPORTED', offered, [TUNNEL_PROTOCOL]);
    delete req.headers['sec-websocket-protocol'];
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const session = this.serve(wsTransport(ws), target);
      ws.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? session.receive(data) : undefined));
      ws.on('close', () => session.close());
      ws.on('error', (err) => this.log.debug({ err: err.message }, 'port-forward websocket error'));
    });
  }

  private upgradeSpdy(req: IncomingMessage, socket: Duplex, head: Buffer, target: ForwardTarget): void {
    const offered = offeredProtocols(req.headers['x-stream-protocol-version']);
    // A client that names no protocol gets the only one there is (upstream's handshake does the same).
    if (offered.length > 0 && !offered.includes(PORT_FORWARD_PROTOCOL)) throw portForwardError('PROTOCOL_UNSUPPORTED', offered, [PORT_FORWARD_PROTOCOL]);
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${PORT_FORWARD_PROTOCOL}\r\n\r\n`);
    (socket as Socket).setNoDelay?.(true);
    (socket as Socket).setTimeout?.(0);
    const session = this.serve(socketTransport(socket), target);
    socket.on('data', (chunk: Buffer) => session.receive(chunk));
    socket.once('close', () => session.close());
    if (head.length > 0) session.receive(head);
  }

  private serve(transport: SpdyTransport, target: ForwardTarget): SpdySession {
    const log = this.log.child({ pod: target.podFullName });
    const forwarder = new PortForwarder(target, { log });
    const session = new SpdySession(
      {
        send: transport.send,
        close: () => {
          forwarder.close();
          this.sessions.delete(session);
          transport.close();
        },
      },
      { server: true, log, onStream: (s) => forwarder.onStream(s) },
    );
    this.sessions.add(session);
    log.debug('port-forward session started');
    return session;
  }
}
