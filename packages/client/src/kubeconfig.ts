// Kubeconfig files, loaded the way kubectl loads them, turned into what a REST client needs.
//
// Where from: --kubeconfig (that one file, which must exist), else every file in KUBECONFIG
// (':'-separated; missing ones skipped), else ~/.kube/config. Files merge first-wins: the first
// file to name a cluster, user or context owns that whole entry, and the first file that sets
// current-context decides it. Paths inside a file are relative to that file's directory, so each
// entry remembers the file it came from — also so an error can name the file at fault.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { kubeconfigError } from './errors.js';

/** What a REST client needs to reach and authenticate to an API server. */
export interface RestConfig {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
  insecureSkipTlsVerify: boolean;
  /** the context's namespace, else "default" */
  namespace: string;
}

/** A cluster entry with paths already absolute. */
export interface KubeconfigCluster {
  server?: string;
  certificateAuthority?: string;
  certificateAuthorityData?: string;
  insecureSkipTlsVerify?: boolean;
}

/** A user entry with paths already absolute. */
export interface KubeconfigUser {
  clientCertificate?: string;
  clientCertificateData?: string;
  clientKey?: string;
  clientKeyData?: string;
  token?: string;
  tokenFile?: string;
}

export interface KubeconfigContext {
  cluster?: string;
  user?: string;
  namespace?: string;
}

/** An entry and the file it was read from. */
export interface Located<T> {
  readonly value: T;
  readonly file: string;
}

/** The merged view of one or more kubeconfig files. */
export interface Kubeconfig {
  /** the files searched, in precedence order (for error messages) */
  readonly searched: readonly string[];
  readonly currentContext?: string;
  readonly clusters: ReadonlyMap<string, Located<KubeconfigCluster>>;
  readonly users: ReadonlyMap<string, Located<KubeconfigUser>>;
  readonly contexts: ReadonlyMap<string, Located<KubeconfigContext>>;
}

export interface LoadKubeconfigOptions {
  /** --kubeconfig: this file only; it must exist */
  kubeconfig?: string;
  /** --context: use this context instead of current-context */
  context?: string;
  /** where KUBECONFIG and HOME are read; defaults to process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

// ---- reading one file ------------------------------------------------------------------------

type Fields = Record<string, unknown>;

interface ParsedFile {
  currentContext?: string;
  clusters: Array<[string, KubeconfigCluster]>;
  users: Array<[string, KubeconfigUser]>;
  contexts: Array<[string, KubeconfigContext]>;
}

/** Typed access to a YAML mapping; every complaint names the field's path and the file. */
class Reader {
  constructor(
    private readonly file: string,
    private readonly fields: Fields,
    private readonly at: string,
  ) {}

  static mapping(file: string, value: unknown, at: string): Reader {
    if (value === null || value === undefined) return new Reader(file, {}, at);
    if (typeof value !== 'object' || Array.isArray(value)) throw kubeconfigError('INVALID_FIELD', file, at, 'a mapping');
    return new Reader(file, value as Fields, at);
  }

  private path(key: string): string {
    return this.at ? `${this.at}.${key}` : key;
  }

  string(key: string): string | undefined {
    const v = this.fields[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw kubeconfigError('INVALID_FIELD', this.file, this.path(key), 'a string');
    return v === '' ? undefined : v;
  }

  boolean(key: string): boolean | undefined {
    const v = this.fields[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw kubeconfigError('INVALID_FIELD', this.file, this.path(key), 'true or false');
    return v;
  }

  /** A path field, made absolute against the kubeconfig file's directory. */
  filePath(key: string): string | undefined {
    const p = this.string(key);
    return p === undefined || isAbsolute(p) ? p : resolve(dirname(this.file), p);
  }

  /** A list of `{ name, <body> }` entries, as clusters/users/contexts are written. */
  namedList<T>(key: string, body: string, read: (r: Reader) => T): Array<[string, T]> {
    const list = this.fields[key];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) throw kubeconfigError('INVALID_FIELD', this.file, key, 'a list');
    const seen = new Set<string>();
    return list.map((item: unknown, i): [string, T] => {
      const entry = Reader.mapping(this.file, item, `${key}[${i}]`);
      const name = entry.string('name');
      if (name === undefined) throw kubeconfigError('INVALID_FIELD', this.file, `${key}[${i}].name`, 'a non-empty string');
      // kubectl refuses a file that names the same entry twice rather than picking one
      if (seen.has(name)) throw kubeconfigError('DUPLICATE_NAME', this.file, body, name);
      seen.add(name);
      return [name, read(Reader.mapping(this.file, entry.fields[body], `${key}[${i}].${body}`))];
    });
  }
}

function readCluster(r: Reader): KubeconfigCluster {
  return {
    server: r.string('server'),
    certificateAuthority: r.filePath('certificate-authority'),
    certificateAuthorityData: r.string('certificate-authority-data'),
    insecureSkipTlsVerify: r.boolean('insecure-skip-tls-verify'),
  };
}

function readUser(r: Reader): KubeconfigUser {
  return {
    clientCertificate: r.filePath('client-certificate'),
    clientCertificateData: r.string('client-certificate-data'),
    clientKey: r.filePath('client-key'),
    clientKeyData: r.string('client-key-data'),
    token: r.string('token'),
    tokenFile: r.filePath('tokenFile'),
  };
}

function readContext(r: Reader): KubeconfigContext {
  return { cluster: r.string('cluster'), user: r.string('user'), namespace: r.string('namespace') };
}

/** Parses one file's text; `file` must be absolute (relative paths inside resolve against it). */
function parseKubeconfig(file: string, text: string): ParsedFile {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    // the yaml package appends a multi-line excerpt; the first line has message and position
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw kubeconfigError('INVALID_YAML', file, first.replace(/:$/, ''));
  }
  const top = Reader.mapping(file, doc, '');
  return {
    currentContext: top.string('current-context'),
    clusters: top.namedList('clusters', 'cluster', readCluster),
    users: top.namedList('users', 'user', readUser),
    contexts: top.namedList('contexts', 'context', readContext),
  };
}

// ---- finding and merging files ---------------------------------------------------------------

function errnoCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** The file's text, or undefined when it does not exist. */
function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw kubeconfigError('UNREADABLE', file, e instanceof Error ? e.message : String(e));
  }
}

/** The files kubectl would consult, in precedence order, and whether the first must exist. */
function candidateFiles(options: LoadKubeconfigOptions): { files: string[]; explicit: boolean } {
  const env = options.env ?? process.env;
  if (options.kubeconfig) return { files: [resolve(options.kubeconfig)], explicit: true };
  const list = env.KUBECONFIG ?? '';
  if (list !== '') {
    const files = list.split(delimiter).filter((f) => f !== '').map((f) => resolve(f));
    return { files: [...new Set(files)], explicit: false };
  }
  return { files: [join(env.HOME || homedir(), '.kube', 'config')], explicit: false };
}

function mergeFirstWins<T>(into: Map<string, Located<T>>, file: string, entries: Array<[string, T]>): void {
  for (const [name, value] of entries) if (!into.has(name)) into.set(name, { value, file });
}

/** Reads and merges the kubeconfig files kubectl would read, without resolving a context. */
export function loadKubeconfig(options: LoadKubeconfigOptions = {}): Kubeconfig {
  const { files, explicit } = candidateFiles(options);
  const searched = files.join(delimiter);
  let currentContext: string | undefined;
  const clusters = new Map<string, Located<KubeconfigCluster>>();
  const users = new Map<string, Located<KubeconfigUser>>();
  const contexts = new Map<string, Located<KubeconfigContext>>();
  for (const file of files) {
    const text = readIfExists(file);
    if (text === undefined) {
      if (explicit) throw kubeconfigError('NOT_FOUND', file);
      continue;
    }
    const parsed = parseKubeconfig(file, text);
    currentContext ??= parsed.currentContext;
    mergeFirstWins(clusters, file, parsed.clusters);
    mergeFirstWins(users, file, parsed.users);
    mergeFirstWins(contexts, file, parsed.contexts);
  }
  if (currentContext === undefined && clusters.size + users.size + contexts.size === 0) {
    throw kubeconfigError('NO_CONFIG', searched);
  }
  return { searched: files, currentContext, clusters, users, contexts };
}

// ---- from a context to a RestConfig ----------------------------------------------------------

const quote = (s: string): string => JSON.stringify(s);

/** Decodes a *-data field strictly: Buffer.from would silently drop characters that are not base64. */
function decodeBase64(data: string, file: string, owner: string, field: string): Buffer {
  const compact = data.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw kubeconfigError('BAD_BASE64', file, owner, field);
  }
  return Buffer.from(compact, 'base64');
}

function readReferenced(path: string, file: string, owner: string, field: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw kubeconfigError('FILE_UNREADABLE', file, owner, field, path, errnoCode(e) ?? String(e));
  }
}

/** One credential given either inline (base64 `<field>-data`) or as a file (`<field>`). */
function material(
  at: Located<unknown>,
  owner: string,
  field: string,
  path: string | undefined,
  data: string | undefined,
): Buffer | undefined {
  // kubectl rejects both rather than silently preferring one
  if (path !== undefined && data !== undefined) throw kubeconfigError('BOTH_SET', at.file, owner, field, `${field}-data`);
  if (data !== undefined) return decodeBase64(data, at.file, owner, `${field}-data`);
  if (path !== undefined) return readReferenced(path, at.file, owner, field);
  return undefined;
}

function clusterConfig(name: string, at: Located<KubeconfigCluster>): Pick<RestConfig, 'server' | 'ca' | 'insecureSkipTlsVerify'> {
  const c = at.value;
  if (c.server === undefined) throw kubeconfigError('NO_SERVER', at.file, name);
  if (!/^https?:\/\/[^/]/.test(c.server) || !URL.canParse(c.server)) throw kubeconfigError('BAD_SERVER', at.file, name, c.server);
  const owner = `cluster ${quote(name)}`;
  const ca = material(at, owner, 'certificate-authority', c.certificateAuthority, c.certificateAuthorityData);
  const insecureSkipTlsVerify = c.insecureSkipTlsVerify ?? false;
  // client-go refuses this pair: a CA the client would then ignore is a configuration mistake
  if (insecureSkipTlsVerify && ca) throw kubeconfigError('INSECURE_WITH_CA', at.file, name);
  return { server: c.server, ca, insecureSkipTlsVerify };
}

function userConfig(name: string, at: Located<KubeconfigUser>): Pick<RestConfig, 'cert' | 'key' | 'token'> {
  const u = at.value;
  const owner = `user ${quote(name)}`;
  const cert = material(at, owner, 'client-certificate', u.clientCertificate, u.clientCertificateData);
  const key = material(at, owner, 'client-key', u.clientKey, u.clientKeyData);
  if (cert && !key) throw kubeconfigError('CERT_WITHOUT_KEY', at.file, name);
  if (key && !cert) throw kubeconfigError('KEY_WITHOUT_CERT', at.file, name);
  return { cert, key, token: u.token ?? tokenFromFile(name, at) };
}

/** client-go reads tokenFile only when no inline token is set; whitespace would corrupt the header. */
function tokenFromFile(name: string, at: Located<KubeconfigUser>): string | undefined {
  const path = at.value.tokenFile;
  if (path === undefined) return undefined;
  const token = readReferenced(path, at.file, `user ${quote(name)}`, 'tokenFile').toString('utf8').trim();
  if (token === '') throw kubeconfigError('EMPTY_TOKEN_FILE', at.file, name, path);
  return token;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The RestConfig for a context (default: current-context). A context without a user is
 * anonymous: the config carries no credentials.
 */
export function resolveRestConfig(config: Kubeconfig, contextName?: string): RestConfig {
  const searched = config.searched.join(delimiter);
  const name = contextName || config.currentContext;
  if (!name) throw kubeconfigError('NO_CONTEXT', searched);
  const ctx = config.contexts.get(name);
  if (!ctx) throw kubeconfigError('CONTEXT_NOT_FOUND', searched, name);
  const { cluster: clusterName, user: userName, namespace } = ctx.value;
  if (!clusterName) throw kubeconfigError('CONTEXT_INCOMPLETE', ctx.file, name, 'cluster');
  const cluster = config.clusters.get(clusterName);
  if (!cluster) throw kubeconfigError('CLUSTER_NOT_FOUND', ctx.file, clusterName, name);
  const user = userName === undefined ? undefined : config.users.get(userName);
  if (userName !== undefined && !user) throw kubeconfigError('USER_NOT_FOUND', ctx.file, userName, name);
  return dropUndefined({
    ...clusterConfig(clusterName, cluster),
    ...(user && userName !== undefined ? userConfig(userName, user) : {}),
    namespace: namespace ?? 'default',
  });
}

/** loadKubeconfig + resolveRestConfig for options.context: what a component does at start-up. */
export function loadRestConfig(options: LoadKubeconfigOptions = {}): RestConfig {
  return resolveRestConfig(loadKubeconfig(options), options.context);
}
