import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildKubeconfig, writeKubeconfig, type KubeconfigSpec } from './kubeconfig-write.js';
import { loadRestConfig } from './kubeconfig.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeconfig-write-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const admin: KubeconfigSpec = {
  clusterName: 'kubelite',
  server: 'https://127.0.0.1:6443',
  caData: Buffer.from('-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n'),
  userName: 'kubernetes-admin',
  certData: Buffer.from('CERT'.repeat(100)),
  keyData: Buffer.from('KEY'),
};

describe('buildKubeconfig', () => {
  it('produces the kubectl layout with kubeadm-style context naming', () => {
    const doc: unknown = parse(buildKubeconfig(admin));
    expect(doc).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'kubelite', cluster: { server: admin.server, 'certificate-authority-data': admin.caData?.toString('base64') } },
      ],
      users: [
        {
          name: 'kubernetes-admin',
          user: {
            'client-certificate-data': admin.certData?.toString('base64'),
            'client-key-data': admin.keyData?.toString('base64'),
          },
        },
      ],
      contexts: [{ name: 'kubernetes-admin@kubelite', context: { cluster: 'kubelite', user: 'kubernetes-admin' } }],
      'current-context': 'kubernetes-admin@kubelite',
      preferences: {},
    });
  });

  it('keeps long base64 values on one line', () => {
    const line = buildKubeconfig(admin)
      .split('\n')
      .find((l) => l.includes('client-certificate-data'));
    expect(line).toContain(admin.certData?.toString('base64'));
  });

  it('refuses a spec the loader would reject', () => {
    expect(() => buildKubeconfig({ ...admin, keyData: undefined })).toThrow(
      'kubeconfig: user "kubernetes-admin": client certificate given without a client key',
    );
    expect(() => buildKubeconfig({ ...admin, server: '127.0.0.1:6443' })).toThrow(
      'kubeconfig: cluster "kubelite": server "127.0.0.1:6443" is not an http(s) URL',
    );
    expect(() => buildKubeconfig({ ...admin, caFile: 'ca.crt' })).toThrow(
      'kubeconfig: cluster "kubelite": both certificate-authority and certificate-authority-data are set',
    );
  });
});

describe('writeKubeconfig', () => {
  it('writes a file the loader reads back to the same credentials, readable by its owner only', () => {
    const path = join(dir, 'nested', 'admin.conf');
    writeKubeconfig(path, { ...admin, namespace: 'kube-system' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadRestConfig({ kubeconfig: path, env: {} })).toEqual({
      server: admin.server,
      ca: admin.caData,
      cert: admin.certData,
      key: admin.keyData,
      insecureSkipTlsVerify: false,
      namespace: 'kube-system',
    });
  });

  it('writes relative file references that resolve beside the kubeconfig', () => {
    writeFileSync(join(dir, 'ca.crt'), 'CA');
    writeFileSync(join(dir, 'token'), 'secret\n');
    const path = join(dir, 'scheduler.conf');
    writeKubeconfig(path, {
      clusterName: 'kubelite',
      server: 'https://127.0.0.1:6443',
      caFile: 'ca.crt',
      userName: 'system:kube-scheduler',
      tokenFile: 'token',
      contextName: 'default',
    });
    const rest = loadRestConfig({ kubeconfig: path, env: {} });
    expect(rest.ca?.toString()).toBe('CA');
    expect(rest.token).toBe('secret');
  });

  it('replaces an existing file whole and leaves no temporary file behind', () => {
    const path = join(dir, 'admin.conf');
    writeFileSync(path, 'old');
    writeKubeconfig(path, admin);
    expect(readFileSync(path, 'utf8')).toBe(buildKubeconfig(admin));
    expect(readdirSync(dir)).toEqual(['admin.conf']);
  });

  it('writes nothing when the spec is invalid', () => {
    const path = join(dir, 'bad.conf');
    expect(() => writeKubeconfig(path, { ...admin, userName: '' })).toThrow('kubeconfig: userName must be a non-empty string');
    expect(readdirSync(dir)).toEqual([]);
  });
});
