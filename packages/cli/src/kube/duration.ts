// Go-style duration flags (30s, 2m, 1h30m) as commander argument parsers.
import { InvalidArgumentError } from 'commander';
import { parseGoDuration } from '@kubelite/api';
import { CliProblems } from './errors.js';

/** `--timeout 30s` → 30000; `0` allowed when `zeroOk` (kubectl's "no limit" / "default"). */
export const durationFlag = (flag: string, zeroOk = true) => (v: string): number => {
  const ms = v === '0' ? 0 : parseGoDuration(v);
  if (ms === undefined || ms < 0 || (!zeroOk && ms === 0)) throw new InvalidArgumentError(CliProblems.BAD_DURATION(flag, v));
  return ms;
};
