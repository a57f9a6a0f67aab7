#!/usr/bin/env node
// kube-apiserver: flags named like the real one's; everything else lives in ApiServer.
import { Command, InvalidArgumentError, Option } from 'commander';
import { createLogger, type LogFormat } from '@kubelite/client';
import { ApiServer } from './apiserver.js';
import { parseCorsOrigins } from './server/cors.js';
import { NODE_ADDRESS_TYPES, parseAddressTypes } from './server/handlers/kubelet-proxy/index.js';

process.title = 'kube-apiserver';

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0-65535)`);
  return n;
};

const nonNegativeInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a non-negative integer`);
  return n;
};

const duration = (value: string): number => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`"${value}" is not a duration (e.g. 5m, 30s)`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
};

const addressTypes = (value: string): string[] => {
  try {
    return parseAddressTypes(value);
  } catch (err) {
    throw new InvalidArgumentError(err instanceof Error ? err.message : String(err));
  }
};

const bool = (value: string): boolean => {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidArgumentError(`"${value}" is not true or false`);
};

interface Flags {
  etcdServers: string;
  bindAddress: string;
  securePort: number;
  advertiseAddress?: string;
  tlsCertFile?: string;
  tlsPrivateKeyFile?: string;
  certDir: string;
  clientCaFile?: string;
  tokenAuthFile?: string;
  anonymousAuth: boolean;
  authorizationMode: string;
  serviceClusterIpRange: string;
  serviceNodePortRange: string;
  corsAllowedOrigins?: string;
  maxRequestsInflight: number;
  maxMutatingRequestsInflight: number;
  watchCache: boolean;
  etcdCompactionInterval: number;
  kubeletClientCertificate?: string;
  kubeletClientKey?: string;
  kubeletCertificateAuthority?: string;
  kubeletPreferredAddressTypes: string[];
  kubeletTimeout: number;
  logFormat: LogFormat;
}

const program = new Command('kube-apiserver')
  .description('The Kubernetes API server: validates and stores API objects in etcd and serves the REST API over HTTPS')
  .requiredOption('--etcd-servers <urls>', 'comma-separated etcd server URLs (http://host:port)')
  .option('--bind-address <ip>', 'the IP address to serve HTTPS on', '0.0.0.0')
  .option('--secure-port <port>', 'the port to serve HTTPS on', port, 6443)
  .option('--advertise-address <ip>', 'the IP address other components reach this apiserver on')
  .option('--tls-cert-file <file>', 'serving certificate (PEM, may include intermediates)')
  .option('--tls-private-key-file <file>', 'private key for --tls-cert-file')
  .option('--cert-dir <dir>', 'where a self-signed serving certificate is kept when none is given', '/var/run/kubernetes')
  .option('--client-ca-file <file>', 'CA bundle that signs client certificates (CN = user, O = groups)')
  .option('--token-auth-file <file>', 'static bearer tokens, CSV: token,user,uid,"group1,group2"')
  .addOption(new Option('--anonymous-auth <bool>', 'allow unauthenticated requests as system:anonymous').argParser(bool).default(true))
  .option('--authorization-mode <modes>', 'comma-separated authorizers: AlwaysAllow, AlwaysDeny', 'AlwaysAllow')
  .option('--service-cluster-ip-range <cidr>', 'the IPv4 range Service ClusterIPs are allocated from', '10.96.0.0/12')
  .option('--service-node-port-range <range>', 'the port range NodePorts are allocated from', '30000-32767')
  .option('--cors-allowed-origins <regexps>', 'comma-separated regular expressions of allowed CORS origins')
  .option('--max-requests-inflight <n>', 'maximum concurrent non-mutating requests (0: no limit)', nonNegativeInt, 400)
  .option('--max-mutating-requests-inflight <n>', 'maximum concurrent mutating requests (0: no limit)', nonNegativeInt, 200)
  .addOption(new Option('--watch-cache <bool>', 'serve watches and resourceVersion=0 lists from memory').argParser(bool).default(true))
  .addOption(new Option('--etcd-compaction-interval <duration>', 'how often to compact etcd history (0s: never)').argParser(duration).default(300_000, '5m'))
  .option('--kubelet-client-certificate <file>', 'client certificate (PEM) presented to kubelets for logs, exec and attach')
  .option('--kubelet-client-key <file>', 'private key for --kubelet-client-certificate')
  .option('--kubelet-certificate-authority <file>', 'CA bundle that signs kubelet serving certificates (unset: not verified)')
  .addOption(
    new Option('--kubelet-preferred-address-types <types>', 'node address types to reach kubelets by, most preferred first')
      .argParser(addressTypes)
      .default([...NODE_ADDRESS_TYPES], NODE_ADDRESS_TYPES.join(',')),
  )
  .addOption(new Option('--kubelet-timeout <duration>', 'how long to wait for a kubelet to answer').argParser(duration).default(5_000, '5s'))
  .addOption(new Option('--log-format <format>', 'log format').choices(['json', 'text']).default('json'))
  .action(async (f: Flags) => {
    const logger = createLogger('kube-apiserver', f.logFormat);
    let server: ApiServer;
    try {
      server = await ApiServer.start({
        etcdServers: f.etcdServers,
        bindAddress: f.bindAddress,
        securePort: f.securePort,
        ...(f.advertiseAddress ? { advertiseAddress: f.advertiseAddress } : {}),
        ...(f.tlsCertFile ? { tlsCertFile: f.tlsCertFile } : {}),
        ...(f.tlsPrivateKeyFile ? { tlsPrivateKeyFile: f.tlsPrivateKeyFile } : {}),
        certDir: f.certDir,
        ...(f.clientCaFile ? { clientCAFile: f.clientCaFile } : {}),
        ...(f.tokenAuthFile ? { tokenAuthFile: f.tokenAuthFile } : {}),
        anonymousAuth: f.anonymousAuth,
        authorizationMode: f.authorizationMode,
        serviceClusterIPRange: f.serviceClusterIpRange,
        serviceNodePortRange: f.serviceNodePortRange,
        corsAllowedOrigins: parseCorsOrigins(f.corsAllowedOrigins),
        maxRequestsInflight: f.maxRequestsInflight,
        maxMutatingRequestsInflight: f.maxMutatingRequestsInflight,
        watchCache: f.watchCache,
        etcdCompactionIntervalMs: f.etcdCompactionInterval,
        ...(f.kubeletClientCertificate ? { kubeletClientCertificate: f.kubeletClientCertificate } : {}),
        ...(f.kubeletClientKey ? { kubeletClientKey: f.kubeletClientKey } : {}),
        ...(f.kubeletCertificateAuthority ? { kubeletCertificateAuthority: f.kubeletCertificateAuthority } : {}),
        kubeletPreferredAddressTypes: f.kubeletPreferredAddressTypes,
        kubeletTimeoutMs: f.kubeletTimeout,
        logger,
      });
    } catch (err) {
      logger.fatal({ err: err instanceof Error ? err.message : String(err) }, 'kube-apiserver failed to start');
      process.exit(1);
    }
    const shutdown = (signal: string): void => {
      logger.info({ signal }, 'shutting down');
      server.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'unclean shutdown');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });

await program.parseAsync();
