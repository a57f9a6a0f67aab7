// The wrapper every API verb's action goes through: opens the session, runs the verb, and turns
// any failure into kubectl's one line on stderr and exit code.
import type { Command } from 'commander';
import { describeFailure } from './errors.js';
import { globalFlags, openSession, serverOf, type Session } from './session.js';

export type VerbAction<A extends unknown[]> = (session: Session, ...args: A) => Promise<void>;

/** Wraps a verb for commander: `.action(verb(async (s, name, opts) => …))`. */
export function verb<A extends unknown[]>(action: VerbAction<A>): (...args: [...A, Command]) => Promise<void> {
  return async (...args) => {
    const cmd = args[args.length - 1] as Command;
    const flags = globalFlags(cmd);
    let session: Session | undefined;
    try {
      session = openSession(flags);
      await action(session, ...(args.slice(0, -1) as A));
    } catch (e) {
      const { line, code } = describeFailure(e, session?.server ?? serverOf(flags));
      process.stderr.write(`${line}\n`);
      process.exitCode = code;
    } finally {
      session?.close();
    }
  };
}
