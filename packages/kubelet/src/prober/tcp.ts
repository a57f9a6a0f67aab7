// tcpSocket probes: success is a TCP connection accepted within the timeout (upstream DoTCPProbe).
import { connect } from 'node:net';
import { dialErrorText, dialTimeoutText } from './dial-errors.js';
import { joinHostPort } from './ports.js';
import type { HandlerOutcome } from './types.js';

export function probeTcp(host: string, port: number, timeoutMs: number): Promise<HandlerOutcome> {
  const hostPort = joinHostPort(host, port);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (outcome: HandlerOutcome): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ result: 'failure', output: dialTimeoutText(hostPort) }), timeoutMs);
    socket.once('connect', () => finish({ result: 'success', output: '' }));
    socket.on('error', (err) => finish({ result: 'failure', output: dialErrorText(err, hostPort) }));
  });
}
