// Docker tests: present → run; absent → skip locally, but FAIL under CI=true (CI installs and
// starts dockerd, so a missing daemon there is a broken run, not a reason to skip).
import { describe } from 'vitest';
import { dockerAvailable } from './docker.js';

/** describe() when Docker answers or CI is set (where its absence must fail the run); else describe.skip. */
export function describeDocker(name: string, fn: () => void): void {
  (dockerAvailable() || process.env.CI ? describe : describe.skip)(name, fn);
}

