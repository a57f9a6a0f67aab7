// List continue tokens in Kubernetes' format (storage.EncodeContinue/DecodeContinue): base64url
// (no padding) of {"v":"meta.k8s.io/v1","rv":<list revision>,"start":"<next key minus prefix>"}.
// Same format so tokens look familiar and a token of ours round-trips through any client.
import { posix } from 'node:path';
import { StorageError } from './errors.js';

const API_VERSION = 'meta.k8s.io/v1';

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

/** `rv: -1` asks to continue at the latest revision (offered when the original one was compacted). */
export function encodeContinue(nextKey: string, keyPrefix: string, rv: number): string {
  if (!nextKey.startsWith(keyPrefix)) {
    throw new Error('unable to encode next field: the key and key prefix do not match');
  }
  const token: ContinueToken = { v: API_VERSION, rv, start: nextKey.slice(keyPrefix.length) };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

const invalid = (why: string): StorageError => new StorageError('InvalidContinue', `invalid continue token: ${why}`);

/** Returns the full key to resume at and the revision to read at (-1 = latest). */
export function decodeContinue(token: string, keyPrefix: string): { key: string; rv: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid('continue key is not valid: not base64-encoded JSON');
  }
  const c = parsed as Partial<ContinueToken> | null;
  if (!c || typeof c !== 'object' || c.v !== API_VERSION) {
    throw invalid(`continue key is not valid: incorrect encoded start resourceVersion (version ${API_VERSION})`);
  }
  if (typeof c.rv !== 'number' || !Number.isSafeInteger(c.rv) || c.rv === 0 || c.rv < -1) {
    throw invalid(`continue key is not valid: incorrect encoded start resourceVersion (version ${API_VERSION})`);
  }
  if (typeof c.start !== 'string' || c.start.length === 0) {
    throw invalid('continue key is not valid: encoded start key empty');
  }
  // Defend against path traversal: a cleaned key cannot climb above keyPrefix, so the resumed
  // range never covers more than the prefix the caller is allowed to list.
  const key = c.start.startsWith('/') ? c.start : `/${c.start}`;
  if (posix.normalize(key) !== key) {
    throw invalid(`continue key is not valid: ${c.start}`);
  }
  return { key: keyPrefix + key.slice(1), rv: c.rv };
}
