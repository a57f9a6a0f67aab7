// `klctl logs POD [-c C] [-f] [--tail N] [--previous] [--timestamps]`: pods/log as text; with -f
// the stream is copied out as it arrives until the server ends it (or Ctrl-C).
import { Command, InvalidArgumentError } from 'commander';
import type { Pod } from '@kubelite/api';
import { chooseContainer } from '../kube/pod-container.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';
import { openStream, urlFor } from '../kube/stream.js';
import { clientFor } from '../kube/targets.js';

interface LogsFlags {
  container?: string;
  follow?: boolean;
  tail?: number;
  previous?: boolean;
  timestamps?: boolean;
  sinceSeconds?: number;
}

const integer = (v: string): number => {
  if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError(`"${v}" is not an integer`);
  return Number(v);
};

function podName(ref: string): string {
  // `pod/x` and `pods/x` name the pod; a bare word is a pod name
  const m = /^(?:pods?|po)\/(.+)$/.exec(ref);
  return m?.[1] ?? ref;
}

async function logs(session: Session, ref: string, flags: LogsFlags): Promise<void> {
  const name = podName(ref);
  const pods = clientFor<Pod>(session, await session.resources().resolve('pods'));
  const pod = await pods.get(name);
  const container = chooseContainer(pod, flags.container, (l) => process.stderr.write(`${l}\n`));
  const url = urlFor(session, pods.path(session.namespace, name, 'log'), {
    container,
    follow: flags.follow ? true : undefined,
    tailLines: flags.tail !== undefined && flags.tail >= 0 ? flags.tail : undefined,
    previous: flags.previous ? true : undefined,
    timestamps: flags.timestamps ? true : undefined,
    sinceSeconds: flags.sinceSeconds,
  });
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  try {
    const res = await openStream(session, url, abort.signal);
    await new Promise<void>((done, fail) => {
      res.on('data', (chunk: Buffer) => process.stdout.write(chunk));
      res.on('end', done);
      res.on('close', done);
      res.on('error', (e) => (abort.signal.aborted ? done() : fail(e)));
    });
  } catch (e) {
    if (!abort.signal.aborted) throw e;
  } finally {
    process.off('SIGINT', stop);
  }
}

export function registerLogsCommand(program: Command): void {
  program
    .command('logs')
    .description("Print the logs of a container in a pod")
    .argument('<pod>', 'POD or pod/POD')
    .option('-c, --container <name>', 'the container (default: the only or first one)')
    .option('-f, --follow', 'stream the logs')
    .option('--tail <lines>', 'only the last N lines (-1: all)', integer)
    .option('-p, --previous', "the previous (terminated) instance's logs")
    .option('--timestamps', 'prefix each line with its timestamp')
    .option('--since-seconds <n>', 'only logs newer than this many seconds', integer)
    .action(verb(async (session, ref: string, flags: LogsFlags) => logs(session, ref, flags)));
}
