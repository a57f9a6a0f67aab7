import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

// A port handed to a child process is free when we check it, but the child binds it later. A port
// from the kernel's ephemeral range can be taken in between by any process's outgoing connection
// (CI saw etcd-lite fail with EADDRINUSE that way), so ports come from below that range and below
// the NodePort range, where only an explicit bind can take them. Each vitest worker draws from its
// own slice, so parallel test files never hand out the same port; a port in use is skipped.
const RANGE_START = 20_000; // above the fixed ports our components use (6443, 2379, 10250, …)
const NODE_PORT_START = 30_000; // kube-proxy binds Service NodePorts from here up
const SLICES = 16;
const ATTEMPTS = 200;

function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) ? low : 32_768;
  } catch {
    return 32_768;
  }
}

function slice(): { first: number; size: number } | null {
  const end = Math.min(ephemeralLow(), NODE_PORT_START);
  const size = Math.floor((end - RANGE_START) / SLICES);
  if (size < ATTEMPTS) return null;
  const worker = Number(process.env.VITEST_POOL_ID ?? process.pid);
  return { first: RANGE_START + (worker % SLICES) * size, size };
}

const range = slice();
// Vitest loads this module afresh for each test file; a random start keeps a file from reusing the
// ports the previous file in the same worker has just released.
let next = range === null ? 0 : Math.floor(Math.random() * range.size);

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
  if (range === null) {
    const port = await tryListen(0);
    if (port === null) throw new Error('no free loopback port');
    return port;
  }
  for (let i = 0; i < ATTEMPTS; i++) {
    const port = range.first + (next++ % range.size);
    if ((await tryListen(port)) !== null) return port;
  }
  throw new Error(`no free loopback port in ${range.first}-${range.first + range.size - 1} after ${ATTEMPTS} tries`);
}
