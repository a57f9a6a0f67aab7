// A child AbortSignal that aborts with its parent but can be released. AbortSignal.any would do,
// except that loops making one per iteration against a long-lived parent (a leader renewing
// every 2 s for weeks) pile up dependants on it; this one detaches from the parent on dispose().
export interface ChildSignal {
  readonly signal: AbortSignal;
  abort(): void;
  /** stops following the parent; call it when the child is no longer needed */
  dispose(): void;
}

export function childSignal(parent: AbortSignal | undefined): ChildSignal {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  if (parent?.aborted) controller.abort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    dispose: () => parent?.removeEventListener('abort', onAbort),
  };
}
