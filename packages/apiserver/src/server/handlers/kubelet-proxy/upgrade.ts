// HTTP upgrades (exec, attach, port-forward) through the normal Fastify pipeline: Node hands an
// upgrade request to the 'upgrade' event, not to Fastify, so it is routed by hand with a response
// bound to its socket. Authentication, authorization and dispatch then run as for any request;
// a handler that tunnels takes the socket with `upgradeOf`, and any other answer closes it.
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';

export interface UpgradeSocket {
  socket: Duplex;
  /** Bytes the client sent after its request headers (already read off the socket). */
  head: Buffer;
}

const upgrades = new WeakMap<IncomingMessage, UpgradeSocket>();

/** The raw socket of a request that came in as an upgrade; undefined for ordinary requests. */
export const upgradeOf = (req: IncomingMessage): UpgradeSocket | undefined => upgrades.get(req);

export function routeUpgrades(app: FastifyInstance): void {
  const open = new Set<Duplex>();
  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrades.set(req, { socket, head });
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as Socket);
    // The client asked to leave HTTP: an answer that is not a tunnel is the connection's last.
    res.once('finish', () => socket.end());
    app.routing(req, res);
  });
  // Tunnels are not the HTTP server's connections any more: close them with the server.
  app.addHook('preClose', (done) => {
    for (const s of open) s.destroy();
    done();
  });
}
