// Every error the PKI code raises, declared once, in the style of ../errors.ts: a message is one
// line naming the file (or the input) at fault, because klctl and the apiserver print it as the
// single line before exiting.

const q = (s: string): string => JSON.stringify(s);

export const PkiProblems = {
  INVALID_CERTIFICATE: (reason: string) => `not a valid X.509 certificate: ${reason}`,
  INVALID_KEY: (reason: string) => `not a valid private key: ${reason}`,
  UNSUPPORTED_KEY: (kind: string) => `unsupported key type ${q(kind)} (want ECDSA P-256/P-384/P-521 or RSA)`,
  KEY_MISMATCH: (what: string) => `${what}: the private key does not belong to the certificate`,
  NOT_A_CA: () => 'certificate is not a CA (basicConstraints CA:true is missing)',
  CA_EXPIRED: (notAfter: string) => `the CA certificate expired at ${notAfter}; it is never replaced automatically`,
  CA_INCOMPLETE: (present: string, missing: string) =>
    `${present} exists but ${missing} does not; refusing to create a new CA over part of an existing one`,
  INCOMPLETE_PAIR: (present: string, missing: string) => `${present} exists but ${missing} does not`,
  INVALID_NAME: (field: string, value: string, expected: string) => `${field} ${q(value)} is not ${expected}`,
  UNREADABLE: (reason: string) => `cannot read: ${reason}`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type PkiProblem = keyof typeof PkiProblems;

export class PkiError extends Error {
  constructor(
    readonly problem: PkiProblem,
    /** the file (or directory) at fault, or '' when the problem is in a value passed in */
    readonly location: string,
    detail: string,
  ) {
    super(location ? `pki ${location}: ${detail}` : `pki: ${detail}`);
    this.name = 'PkiError';
  }
}

/** Builds a PkiError; the arguments are checked against the problem's message. */
export function pkiError<P extends PkiProblem>(
  problem: P,
  location: string,
  ...args: Parameters<(typeof PkiProblems)[P]>
): PkiError {
  const render = PkiProblems[problem] as (...a: Parameters<(typeof PkiProblems)[P]>) => string;
  return new PkiError(problem, location, render(...args));
}

export const isPkiError = (e: unknown): e is PkiError => e instanceof PkiError;
