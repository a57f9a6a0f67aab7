#!/usr/bin/env node
// docker-compose healthcheck: `compose-healthcheck.mjs <url> [<pki identity>]` exits 0 when the
// URL answers 200 within 3 s, 1 otherwise. Node does it, not wget, because the HTTPS health
// ports need either a client certificate (kube-apiserver runs with --anonymous-auth=false) or
// no verification (scheduler and controller-manager serve self-signed certificates), and
// because an official Node base image carries no wget.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';

const TIMEOUT_MS = 3_000;
const [url, identity] = process.argv.slice(2);
if (!url) {
  process.stderr.write('usage: compose-healthcheck.mjs <url> [<pki identity, e.g. admin>]\n');
  process.exit(2);
}

function tlsOptions() {
  if (!identity) return { rejectUnauthorized: false };
  const pki = join(process.env.KUBELITE_COMPOSE_DIR ?? '/kubelite', 'pki');
  return {
    ca: readFileSync(join(pki, 'ca.crt')),
    cert: readFileSync(join(pki, `${identity}.crt`)),
    key: readFileSync(join(pki, `${identity}.key`)),
  };
}

const target = new URL(url);
const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
const req = request(target, { timeout: TIMEOUT_MS, ...(target.protocol === 'https:' ? tlsOptions() : {}) }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
req.on('error', (err) => {
  process.stderr.write(`${url}: ${err.message}\n`);
  process.exit(1);
});
req.end();
