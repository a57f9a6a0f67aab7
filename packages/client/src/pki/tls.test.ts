// The certificates do their job in a real TLS handshake: a Node https server with the serving
// certificate, requiring client certificates from the CA, and clients that trust only the CA.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateIdentity, createCa, issueClientCert, issueServingCert, type CertKeyPair } from './certificates.js';
import { writeKubeconfig } from '../kubeconfig-write.js';
import { apiserverSans } from './sans.js';

interface Seen {
  authorized: boolean;
  CN?: string | string[];
  O?: string | string[];
  identity?: { user: string; groups: string[] };
}

let ca: CertKeyPair;
let server: Server;
let port: number;

beforeAll(async () => {
  ca = await createCa();
  const serving = await issueServingCert(ca, apiserverSans({ nodeName: 'node-1', serviceIP: '10.96.0.1' }));
  // requestCert without rejectUnauthorized: like the apiserver, which also serves anonymous and
  // token requests, the handler decides; `authorized` says whether the chain verified
  server = createServer({ ...serving, ca: ca.cert, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    const seen: Seen = { authorized: socket.authorized };
    if (peer.raw) {
      seen.CN = peer.subject.CN;
      seen.O = peer.subject.O;
      seen.identity = certificateIdentity(peer.raw);
    }
    res.end(JSON.stringify(seen));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
});

function get(opts: { client?: CertKeyPair; servername?: string; trust?: string }): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        ca: opts.trust ?? ca.cert,
        ...(opts.client ?? {}),
        ...(opts.servername ? { servername: opts.servername, headers: { host: opts.servername } } : {}),
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(JSON.parse(body) as Seen));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('TLS with the issued certificates', () => {
  it('completes a mutual TLS handshake on 127.0.0.1 and the server sees CN and O', async () => {
    const client = await issueClientCert(ca, { user: 'kubernetes-admin', groups: ['system:masters'] });
    expect(await get({ client })).toEqual({
      authorized: true,
      CN: 'kubernetes-admin',
      O: 'system:masters',
      identity: { user: 'kubernetes-admin', groups: ['system:masters'] },
    });
  });

  it('passes several groups through', async () => {
    const client = await issueClientCert(ca, { user: 'system:node:node-1', groups: ['system:nodes', 'extra'] });
    const seen = await get({ client });
    expect(seen.authorized).toBe(true);
    expect(seen.identity).toEqual({ user: 'system:node:node-1', groups: ['system:nodes', 'extra'] });
  });

  it('matches the DNS SANs a client may use', async () => {
    for (const name of ['localhost', 'kubernetes.default.svc', 'node-1']) {
      expect((await get({ servername: name })).authorized).toBe(false); // no client cert: anonymous
    }
  });

  it('fails hostname verification for a name not in the certificate', async () => {
    await expect(get({ servername: 'elsewhere.example' })).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('the client refuses the server when it trusts another CA', async () => {
    const other = await createCa();
    await expect(get({ trust: other.cert })).rejects.toThrow(/unable to verify|self.signed|certificate/i);
  });

  it('the server does not authorize a client certificate from another CA', async () => {
    const other = await createCa();
    const client = await issueClientCert(other, { user: 'mallory', groups: ['system:masters'] });
    expect((await get({ client })).authorized).toBe(false);
  });
});

// kubectl is Go: its crypto/x509 and crypto/tls are stricter than OpenSSL's and Node's (string
// types in names, serial encoding, PKCS#8 EC keys), and they are what real clients use.
const kubectl = process.env.PATH?.split(':').some((d) => {
  try {
    return statSync(join(d, 'kubectl')).isFile();
  } catch {
    return false;
  }
});

// kubectl is preinstalled where CI runs: there a missing kubectl fails the test instead of skipping it
describe.skipIf(!kubectl && !process.env.CI)('kubectl (Go TLS) with the issued certificates', () => {
  it('trusts the serving certificate and presents the client certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pki-kubectl-test-'));
    try {
      const client = await issueClientCert(ca, { user: 'kubernetes-admin', groups: ['system:masters', 'sys:other'] });
      const kubeconfig = join(dir, 'admin.conf');
      for (const host of ['127.0.0.1', 'localhost']) {
        writeKubeconfig(kubeconfig, {
          clusterName: 'kubelite',
          server: `https://${host}:${port}`,
          caData: Buffer.from(ca.cert),
          userName: 'kubernetes-admin',
          certData: Buffer.from(client.cert),
          keyData: Buffer.from(client.key),
        });
        const { stdout } = await promisify(execFile)('kubectl', ['--kubeconfig', kubeconfig, 'get', '--raw', '/'], { encoding: 'utf8' });
        expect(JSON.parse(stdout)).toMatchObject({
          authorized: true,
          identity: { user: 'kubernetes-admin', groups: ['system:masters', 'sys:other'] },
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
