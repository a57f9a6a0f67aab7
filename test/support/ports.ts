import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

// A port handed to a child process is free when we check it, but the child binds it later. A port
// from the kernel's ephemeral range can be taken in between by any process's outgoing connection
// (CI saw etcd-lite fail with EADDRINUSE that way), so ports come from below that range and below
// the NodePort range, where only an explicit bind can take them. A port in use is skipped.
const RANGE_START = 20_000; // above the fixed ports our components use (6443, 2379, 10250, …)
const NODE_PORT_START = 30_000; // kube-proxy binds Service NodePorts from here up
const ATTEMPTS = 200;

function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** How many ports [RANGE_START, …) offers; 0 when the ephemeral range leaves no room. */
const rangeSize = Math.max(0, Math.min(ephemeralLow(), NODE_PORT_START) - RANGE_START);
// Vitest loads this module afresh for each test file; a random start keeps a file from reusing the
// ports the previous file has just released.
let next = Math.floor(Math.random() * rangeSize);

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(null));
    srv.listen(port, '127.0.0.1', () => {
      const addr = srv.address();
      const bound = addr !== null && typeof addr !== 'string' ? addr.port : null;
      srv.close(() => resolve(bound));
    });
  });
}

/** A loopback port that is free now and that no outgoing connection can take before it is bound. */
export async function freePort(): Promise<number> {
  // Without room below the ephemeral range, fall back to the kernel's choice.
  if (rangeSize < ATTEMPTS) {
    const port = await tryListen(0);
    if (port === null) throw new Error('no free loopback port');
    return port;
  }
  for (let i = 0; i < ATTEMPTS; i++) {
    const port = RANGE_START + (next++ % rangeSize);
    if ((await tryListen(port)) !== null) return port;
  }
  throw new Error(`no free loopback port in ${RANGE_START}-${RANGE_START + rangeSize - 1} after ${ATTEMPTS} tries`);
}
