// Limits both runtimes apply to execSync (probes and hooks).
/** Output kept per stream; probes read far less (upstream keeps 10 KiB). */
export const EXEC_SYNC_MAX_OUTPUT = 1024 * 1024;
/** Exit code reported for a timed-out execSync: no real exit status is known. */
export const TIMED_OUT_EXIT_CODE = -1;
