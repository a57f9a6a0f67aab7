// Errors the informer machinery raises, declared once. They are programming errors (asking for an
// index that was never registered, registering one twice) or a watch that ended too soon, which
// the reflector reports through its onError hook before it lists again.
const q = (s: string): string => JSON.stringify(s);

export const InformerProblems = {
  UNKNOWN_INDEX: (name: string) => `index with name ${q(name)} does not exist`,
  INDEX_EXISTS: (name: string) => `indexer conflict: index ${q(name)} is already registered`,
  NO_KEY: () => 'object has no metadata.name: cannot compute its store key',
  VERY_SHORT_WATCH: (what: string, ms: number) => `${what}: very short watch: ended after ${Math.round(ms)} ms with no events`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type InformerProblem = keyof typeof InformerProblems;

export class InformerError extends Error {
  constructor(
    readonly problem: InformerProblem,
    message: string,
  ) {
    super(message);
    this.name = 'InformerError';
  }
}

export function informerError<P extends InformerProblem>(
  problem: P,
  ...args: Parameters<(typeof InformerProblems)[P]>
): InformerError {
  const render = InformerProblems[problem] as (...a: Parameters<(typeof InformerProblems)[P]>) => string;
  return new InformerError(problem, render(...args));
}

export const isInformerError = (e: unknown): e is InformerError => e instanceof InformerError;
