// Private keys: generating new ones and loading existing ones for signing.
//
// New keys are ECDSA P-256: generation takes well under a millisecond (an RSA 2048 key takes
// ~50-100 ms, and `cluster up` makes half a dozen), and P-256 with SHA-256 is supported by Go's
// crypto/tls and crypto/x509 (kubectl, client-go), by OpenSSL and by Node. There is no
// compatibility reason for RSA here: RSA only matters for service-account token signing keys
// (kubeadm's sa.key), which are not certificates and not made here.
//
// Existing keys (a CA made by kubeadm is RSA 2048 in PKCS#1 "RSA PRIVATE KEY" form; openssl makes
// SEC1 "EC PRIVATE KEY") are read with node:crypto, which understands every PEM form, and handed
// to WebCrypto as PKCS#8, the one form WebCrypto imports.
import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto, type KeyObject } from 'node:crypto';
import { pkiError } from './errors.js';

/** A new key pair: the private key as PKCS#8 PEM and the public key as SPKI DER. */
export interface GeneratedKey {
  /** "-----BEGIN PRIVATE KEY-----" (PKCS#8), which Go's tls.X509KeyPair and Node both accept */
  readonly keyPem: string;
  readonly spki: Uint8Array;
}

/** A private key ready to sign certificates with, and the algorithm to sign with. */
export interface SigningKey {
  readonly key: webcrypto.CryptoKey;
  /** WebCrypto sign parameters: the key's algorithm plus the hash that fits its size */
  readonly algorithm: { readonly name: string; readonly hash: string };
  /** the matching public key, to compare with a certificate's */
  readonly publicKey: KeyObject;
}

/** Generates an ECDSA P-256 key pair (see the file comment for why P-256). */
export function generateKey(): GeneratedKey {
  // synchronous on purpose: EC key generation is cheap and this keeps callers simple
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
  };
}

// Node names curves by their OpenSSL names; WebCrypto by NIST names. The hash follows the curve
// size, as Go's x509.CreateCertificate chooses it.
const EC_CURVES: Readonly<Record<string, { namedCurve: string; hash: string }>> = {
  prime256v1: { namedCurve: 'P-256', hash: 'SHA-256' },
  secp384r1: { namedCurve: 'P-384', hash: 'SHA-384' },
  secp521r1: { namedCurve: 'P-521', hash: 'SHA-512' },
};

function parsePrivateKey(pem: string | Uint8Array, location: string): KeyObject {
  try {
    return createPrivateKey(typeof pem === 'string' ? pem : Buffer.from(pem));
  } catch (e) {
    throw pkiError('INVALID_KEY', location, e instanceof Error ? e.message : String(e));
  }
}

/**
 * Loads a PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC) for signing. `location` names the
 * file in error messages ('' for a value passed in).
 */
export async function loadSigningKey(pem: string | Uint8Array, location = ''): Promise<SigningKey> {
  const key = parsePrivateKey(pem, location);
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  const publicKey = createPublicKey(key);
  if (key.asymmetricKeyType === 'ec') {
    const curve = EC_CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (!curve) throw pkiError('UNSUPPORTED_KEY', location, `ec ${key.asymmetricKeyDetails?.namedCurve ?? '?'}`);
    const imported = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: curve.namedCurve }, false, [
      'sign',
    ]);
    return { key: imported, algorithm: { name: 'ECDSA', hash: curve.hash }, publicKey };
  }
  if (key.asymmetricKeyType === 'rsa') {
    // PKCS#1 v1.5 with SHA-256 is what kubeadm's RSA CA signs with; every TLS stack verifies it
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const imported = await webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
    return { key: imported, algorithm, publicKey };
  }
  throw pkiError('UNSUPPORTED_KEY', location, key.asymmetricKeyType ?? 'unknown');
}

/** Whether the private key (PEM) and the public key (SPKI DER, e.g. from a certificate) are a pair. */
export function keyMatchesPublicKey(keyPem: string | Uint8Array, spki: Uint8Array, location = ''): boolean {
  const own = createPublicKey(parsePrivateKey(keyPem, location));
  let other: KeyObject;
  try {
    other = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    return false;
  }
  // KeyObject.equals compares the keys, not their encodings, so equivalent DER forms still match
  return own.equals(other);
}
