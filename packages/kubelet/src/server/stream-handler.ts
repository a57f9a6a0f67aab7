// exec and attach: the request is checked in upstream's order (stream flags, pod, running
// container) so a refused request fails the same way whichever transport kubectl tries, and only
// then is the WebSocket handshake made (SPDY is refused with a message that says so).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Logger } from '@kubelite/client';
import type { ContainerStatus, StreamOptions, StreamSession } from '../runtime/types.js';
import { CHANNEL_PROTOCOLS, negotiateProtocol, nonZeroExitStatus, offeredProtocols, successStatus, type StreamStatus } from './channel.js';
import { serverError } from './errors.js';
import { serveRemoteCommand } from './remote-command.js';
import type { StreamKind } from './routes.js';
import { commandOf, parseStreamOptions } from './stream-options.js';
import type { KubeletPodProvider } from './types.js';

export interface StreamTarget {
  kind: StreamKind;
  namespace: string;
  pod: string;
  uid?: string;
  container: string;
}

export interface PreparedStream {
  start(): Promise<StreamSession>;
  outcome(exitCode: number): StreamStatus;
  failure(err: unknown): string;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export async function prepareStream(pods: KubeletPodProvider, t: StreamTarget, query: URLSearchParams): Promise<PreparedStream> {
  const streams: StreamOptions = parseStreamOptions(query);
  const pod = pods.getPod(t.namespace, t.pod);
  if (!pod) throw serverError('STREAM_POD_NOT_FOUND');
  const podFullName = `${pod.metadata.name ?? t.pod}_${pod.metadata.namespace ?? t.namespace}`;
  const notFound = () => (t.kind === 'exec' ? serverError('EXEC_CONTAINER_NOT_FOUND', t.container) : serverError('ATTACH_CONTAINER_NOT_FOUND', t.container, podFullName));
  const samePod = t.uid === undefined || pods.getPod(t.namespace, t.pod, t.uid) !== undefined;
  const running: ContainerStatus | undefined = samePod ? (await pods.containers(pod)).find((c) => c.name === t.container && c.state === 'running') : undefined;
  if (!running) throw notFound();
  const runtime = pods.runtimeFor(pod);
  if (t.kind === 'exec') {
    const command = commandOf(query);
    return {
      start: () => runtime.exec(running.id, command, streams),
      outcome: (code) => (code === 0 ? successStatus() : nonZeroExitStatus(command, code)),
      failure: (err) => `error executing command in container: ${messageOf(err)}`,
    };
  }
  const spec = pod.spec.containers.find((c) => c.name === t.container) ?? pod.spec.initContainers?.find((c) => c.name === t.container);
  if (!spec) throw notFound();
  // Whether the process has a terminal was fixed when it started: the spec decides, not the client.
  const tty = spec.tty === true;
  const attachStreams = { ...streams, tty, stderr: streams.stderr && !tty };
  return {
    start: () => runtime.attach(running.id, attachStreams),
    outcome: () => successStatus(),
    failure: (err) => `error attaching to container: ${messageOf(err)}`,
  };
}

/** Which transport an upgrade asks for. */
export function upgradeKind(req: IncomingMessage): 'websocket' | 'spdy' | 'none' {
  const upgrade = (req.headers.upgrade ?? '').toLowerCase();
  if (upgrade === 'websocket') return 'websocket';
  return upgrade.startsWith('spdy/') ? 'spdy' : 'none';
}

/** Checks the transport, then hands the socket to `ws` and runs the session over it. */
export function upgradeToStream(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, prepared: PreparedStream, log: Logger): void {
  const kind = upgradeKind(req);
  if (kind === 'spdy') throw serverError('SPDY_UNSUPPORTED');
  if (kind === 'none') throw serverError('UPGRADE_REQUIRED');
  const offered = offeredProtocols(req.headers['sec-websocket-protocol']);
  const negotiated = negotiateProtocol(offered);
  if (!negotiated) throw serverError('PROTOCOL_UNSUPPORTED', offered, CHANNEL_PROTOCOLS);
  wss.handleUpgrade(req, socket, head, (ws) => {
    serveRemoteCommand({ ws, protocol: negotiated.protocol, log, ...prepared }).catch((err: unknown) => {
      log.warn({ err: messageOf(err) }, 'stream session failed');
      ws.terminate();
    });
  });
}
