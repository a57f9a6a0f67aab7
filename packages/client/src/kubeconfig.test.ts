import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeconfigError } from './errors.js';
import { loadKubeconfig, loadRestConfig } from './kubeconfig.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a file under the temp dir (creating parents) and returns its absolute path. */
function put(rel: string, text: string | Buffer): string {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

/** A one-context kubeconfig (cluster c, user u, context ctx); lines go under the cluster and the user. */
interface SimpleOptions {
  cluster?: string[];
  user?: string[];
  server?: string;
  current?: string;
  namespace?: string;
}

function simple(opts: SimpleOptions = {}): string {
  const server = opts.server ?? 'https://127.0.0.1:6443';
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: c',
    '  cluster:',
    `    server: ${server}`,
    ...(opts.cluster ?? []).map((l) => `    ${l}`),
    'users:',
    '- name: u',
    '  user:',
    ...(opts.user ?? ['token: abc']).map((l) => `    ${l}`),
    'contexts:',
    '- name: ctx',
    '  context:',
    '    cluster: c',
    '    user: u',
    ...(opts.namespace ? [`    namespace: ${opts.namespace}`] : []),
    `current-context: ${opts.current ?? 'ctx'}`,
    '',
  ].join('\n');
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KubeconfigError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected an error');
}

describe('loading and choosing files', () => {
  it('reads --kubeconfig and resolves the current context', () => {
    const file = put('config', simple({ namespace: 'team-a' }));
    expect(loadRestConfig({ kubeconfig: file, env: {} })).toEqual({
      server: 'https://127.0.0.1:6443',
      token: 'abc',
      insecureSkipTlsVerify: false,
      namespace: 'team-a',
    });
  });

  it('defaults the namespace to "default"', () => {
    const file = put('config', simple());
    expect(loadRestConfig({ kubeconfig: file, env: {} }).namespace).toBe('default');
  });

  it('fails when the --kubeconfig file does not exist, even if KUBECONFIG has one', () => {
    const other = put('other', simple());
    const missing = join(dir, 'nope');
    expect(errorOf(() => loadRestConfig({ kubeconfig: missing, env: { KUBECONFIG: other } }))).toBe(
      `kubeconfig ${missing}: file not found`,
    );
  });

  it('prefers --kubeconfig over KUBECONFIG', () => {
    const explicit = put('explicit', simple({ server: 'https://explicit:1' }));
    const env = put('env', simple({ server: 'https://env:1' }));
    expect(loadRestConfig({ kubeconfig: explicit, env: { KUBECONFIG: env } }).server).toBe('https://explicit:1');
  });

  it('falls back to $HOME/.kube/config when KUBECONFIG is unset or empty', () => {
    put('.kube/config', simple({ server: 'https://home:1' }));
    expect(loadRestConfig({ env: { HOME: dir } }).server).toBe('https://home:1');
    expect(loadRestConfig({ env: { HOME: dir, KUBECONFIG: '' } }).server).toBe('https://home:1');
  });

  it('says where it looked when no file exists', () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    expect(errorOf(() => loadRestConfig({ env: { KUBECONFIG: `${a}:${b}` } }))).toBe(
      `kubeconfig ${a}:${b}: no configuration found`,
    );
    expect(errorOf(() => loadRestConfig({ env: { HOME: dir } }))).toBe(
      `kubeconfig ${join(dir, '.kube', 'config')}: no configuration found`,
    );
  });

  it('treats an empty file as no configuration', () => {
    const file = put('empty', '');
    expect(errorOf(() => loadRestConfig({ kubeconfig: file, env: {} }))).toBe(`kubeconfig ${file}: no configuration found`);
  });
});

describe('merging KUBECONFIG (first wins)', () => {
  const first = [
    'clusters:',
    '- name: shared',
    '  cluster: { server: "https://first:1" }',
    'users:',
    '- name: u',
    '  user: { token: first-token }',
    'contexts:',
    '- name: a',
    '  context: { cluster: shared, user: u }',
    '',
  ].join('\n');
  const second = [
    'current-context: b',
    'clusters:',
    '- name: shared',
    '  cluster: { server: "https://second:1", insecure-skip-tls-verify: true }',
    '- name: only-second',
    '  cluster: { server: "https://only-second:1" }',
    'contexts:',
    '- name: a',
    '  context: { cluster: only-second, namespace: ignored }',
    '- name: b',
    '  context: { cluster: shared, user: u, namespace: from-b }',
    '',
  ].join('\n');

  it('takes whole entries from the first file that names them, current-context from the first that sets it', () => {
    const a = put('one/config', first);
    const b = put('two/config', second);
    const missing = join(dir, 'missing');
    const rest = loadRestConfig({ env: { KUBECONFIG: `${missing}::${a}:${b}:${a}` } });
    // context b (only in the second file) points at "shared", which the first file owns
    // entirely: its server, and not the second file's insecure-skip-tls-verify
    expect(rest).toEqual({
      server: 'https://first:1',
      token: 'first-token',
      insecureSkipTlsVerify: false,
      namespace: 'from-b',
    });
    const merged = loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` } });
    expect(merged.contexts.get('a')).toEqual({ value: { cluster: 'shared', user: 'u' }, file: a });
    expect(merged.clusters.get('only-second')?.file).toBe(b);
  });

  it('reverses when the order of the files does', () => {
    const a = put('one/config', first);
    const b = put('two/config', second);
    const rest = loadRestConfig({ env: { KUBECONFIG: `${b}:${a}` }, context: 'b' });
    expect(rest.server).toBe('https://second:1');
    expect(rest.insecureSkipTlsVerify).toBe(true);
  });

  it('lets the first file that sets current-context decide it', () => {
    const a = put('a', simple({ current: 'ctx' }));
    const b = put('b', simple({ current: 'other' }));
    expect(loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` } }).currentContext).toBe('ctx');
    expect(loadKubeconfig({ env: { KUBECONFIG: `${b}:${a}` } }).currentContext).toBe('other');
  });
});

describe('contexts', () => {
  it('uses a named context instead of current-context', () => {
    const second = '- name: second\n  context: { cluster: c, user: u, namespace: two }\n';
    const file = put('config', simple().replace('contexts:\n', `contexts:\n${second}`));
    expect(loadRestConfig({ kubeconfig: file, env: {} }).namespace).toBe('default');
    expect(loadRestConfig({ kubeconfig: file, context: 'second', env: {} }).namespace).toBe('two');
  });

  it('names the missing context and the file', () => {
    const file = put('x/config', simple());
    expect(errorOf(() => loadRestConfig({ kubeconfig: file, context: 'dev', env: {} }))).toBe(
      `kubeconfig ${file}: context "dev" not found`,
    );
  });

  it('reports a missing current-context', () => {
    const file = put('config', simple().replace('current-context: ctx\n', ''));
    expect(errorOf(() => loadRestConfig({ kubeconfig: file, env: {} }))).toBe(
      `kubeconfig ${file}: no context chosen: current-context is not set and no context was given`,
    );
  });

  it('reports a context pointing at a cluster or user that does not exist', () => {
    const noCluster = put('a', simple().replace('    cluster: c\n', '    cluster: gone\n'));
    expect(errorOf(() => loadRestConfig({ kubeconfig: noCluster, env: {} }))).toBe(
      `kubeconfig ${noCluster}: cluster "gone" (context "ctx") not found`,
    );
    const noUser = put('b', simple().replace('    user: u\n', '    user: nobody\n'));
    expect(errorOf(() => loadRestConfig({ kubeconfig: noUser, env: {} }))).toBe(
      `kubeconfig ${noUser}: user "nobody" (context "ctx") not found`,
    );
  });

  it('treats a context without a user as anonymous', () => {
    const file = put('config', simple().replace('    user: u\n', ''));
    expect(loadRestConfig({ kubeconfig: file, env: {} })).toEqual({
      server: 'https://127.0.0.1:6443',
      insecureSkipTlsVerify: false,
      namespace: 'default',
    });
  });
});

describe('credentials and TLS material', () => {
  const load = (o: SimpleOptions): ReturnType<typeof loadRestConfig> =>
    loadRestConfig({ kubeconfig: put('config', simple(o)), env: {} });

  it('decodes the -data fields', () => {
    const rest = load({
      cluster: [`certificate-authority-data: ${b64('CA PEM')}`],
      user: [`client-certificate-data: ${b64('CERT PEM')}`, `client-key-data: ${b64('KEY PEM')}`],
    });
    expect(rest.ca?.toString()).toBe('CA PEM');
    expect(rest.cert?.toString()).toBe('CERT PEM');
    expect(rest.key?.toString()).toBe('KEY PEM');
    expect(rest.token).toBeUndefined();
  });

  it('reads file fields relative to the kubeconfig file, not the working directory', () => {
    put('kube/pki/ca.crt', 'CA FILE');
    put('kube/pki/admin.crt', 'CERT FILE');
    put('kube/pki/admin.key', 'KEY FILE');
    put('kube/token', '  tok-from-file\n');
    const text = simple({
      cluster: ['certificate-authority: pki/ca.crt'],
      user: ['client-certificate: pki/admin.crt', `client-key: ${join(dir, 'kube/pki/admin.key')}`, 'tokenFile: ./token'],
    });
    const rest = loadRestConfig({ kubeconfig: put('kube/config', text), env: {} });
    expect(rest.ca?.toString()).toBe('CA FILE');
    expect(rest.cert?.toString()).toBe('CERT FILE');
    expect(rest.key?.toString()).toBe('KEY FILE'); // absolute paths stay as they are
    expect(rest.token).toBe('tok-from-file');
  });

  it('resolves each merged entry against the file it came from', () => {
    put('one/ca.crt', 'CA ONE');
    put('two/ca.crt', 'CA TWO');
    const a = put('one/config', 'current-context: ctx\n');
    const b = put('two/config', simple({ cluster: ['certificate-authority: ca.crt'] }));
    expect(loadRestConfig({ env: { KUBECONFIG: `${a}:${b}` } }).ca?.toString()).toBe('CA TWO');
  });

  it('prefers an inline token over tokenFile, as client-go does', () => {
    put('token', 'from-file');
    expect(load({ user: ['token: inline', 'tokenFile: token'] }).token).toBe('inline');
  });

  it('carries insecure-skip-tls-verify', () => {
    expect(load({ cluster: ['insecure-skip-tls-verify: true'] }).insecureSkipTlsVerify).toBe(true);
  });

  it('rejects conflicting or incomplete credentials with one line naming file and entry', () => {
    const file = join(dir, 'config');
    const cases: Array<[SimpleOptions, string]> = [
      [
        { cluster: ['certificate-authority: ca.crt', `certificate-authority-data: ${b64('x')}`] },
        'cluster "c": both certificate-authority and certificate-authority-data are set',
      ],
      [
        { cluster: ['insecure-skip-tls-verify: true', `certificate-authority-data: ${b64('x')}`] },
        'cluster "c": insecure-skip-tls-verify cannot be combined with a certificate authority',
      ],
      [{ user: [`client-certificate-data: ${b64('x')}`] }, 'user "u": client certificate given without a client key'],
      [{ user: [`client-key-data: ${b64('x')}`] }, 'user "u": client key given without a client certificate'],
      [{ user: ['client-certificate-data: "not base64!"'] }, 'user "u": client-certificate-data is not valid base64'],
      [
        { cluster: ['certificate-authority: missing.crt'] },
        `cluster "c": cannot read certificate-authority ${join(dir, 'missing.crt')}: ENOENT`,
      ],
      [{ user: ['tokenFile: empty'] }, `user "u": tokenFile ${join(dir, 'empty')} is empty`],
      [{ server: '' }, 'cluster "c" has no server'],
      [{ server: 'localhost:6443' }, 'cluster "c": server "localhost:6443" is not an http(s) URL'],
    ];
    put('empty', '\n');
    for (const [opts, detail] of cases) {
      expect(errorOf(() => load(opts))).toBe(`kubeconfig ${file}: ${detail}`);
    }
  });
});

describe('malformed files', () => {
  it('reports YAML syntax errors on one line with the position', () => {
    const file = put('config', 'clusters: [\nusers: 1\n');
    expect(errorOf(() => loadRestConfig({ kubeconfig: file, env: {} }))).toMatch(
      new RegExp(`^kubeconfig ${file}: invalid YAML: .* at line \\d+, column \\d+$`),
    );
  });

  it('names the field that has the wrong type', () => {
    const file = put('config', simple().replace('server: https://127.0.0.1:6443', 'server: [a]'));
    expect(errorOf(() => loadRestConfig({ kubeconfig: file, env: {} }))).toBe(
      `kubeconfig ${file}: clusters[0].cluster.server must be a string`,
    );
    const notList = put('b', 'clusters: {}\n');
    expect(errorOf(() => loadRestConfig({ kubeconfig: notList, env: {} }))).toBe(`kubeconfig ${notList}: clusters must be a list`);
    const noName = put('c', 'contexts:\n- context: {}\n');
    expect(errorOf(() => loadRestConfig({ kubeconfig: noName, env: {} }))).toBe(
      `kubeconfig ${noName}: contexts[0].name must be a non-empty string`,
    );
  });

  it('rejects an entry named twice in one file', () => {
    const file = put('config', simple().replace('users:\n', 'users:\n- name: u\n  user: {}\n'));
    expect(errorOf(() => loadRestConfig({ kubeconfig: file, env: {} }))).toBe(`kubeconfig ${file}: duplicate user name "u"`);
  });
});
