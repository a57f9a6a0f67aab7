// `klctl rollout status|history|undo|restart deployment/NAME`, kubectl's messages and requests:
// status watches the Deployment until it has rolled out (spinner on a terminal, one line per
// change elsewhere); history and undo read the owned ReplicaSets' revision annotations; restart
// stamps the pod template with kubectl.kubernetes.io/restartedAt.
import { Command, Option } from 'commander';
import type { Deployment } from '@kubelite/api';
import type { ResourceClient } from '@kubelite/client';
import ora from 'ora';
import { durationFlag } from '../kube/duration.js';
import { cliError } from '../kube/errors.js';
import { revisionsOf, templateOf } from '../kube/history.js';
import { bold, stdout } from '../kube/output.js';
import { deploymentRollout, type RolloutState } from '../kube/rollout-state.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';
import { renderColumns } from '../kube/table.js';
import { clientFor, resolveOne } from '../kube/targets.js';

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
const DEFAULT_STATUS_TIMEOUT_MS = 10 * 60_000;
const WATCH_SECONDS = 30;

async function deploymentRef(session: Session, args: string[]): Promise<{ rc: ResourceClient<Deployment>; name: string; label: string }> {
  const { info, name } = await resolveOne(session, args);
  if (info.kind !== 'Deployment') throw cliError('NOT_DEPLOYMENT', args.join(' '));
  return { rc: clientFor<Deployment>(session, info), name, label: `deployment.apps/${name}` };
}

/** Shows each new state: a spinner on a terminal, otherwise a line per distinct message. */
function stateReporter(): { show: (s: RolloutState) => void; end: (s: RolloutState) => void } {
  const out = stdout();
  const spinner = out.tty ? ora({ stream: process.stdout }) : undefined;
  let last = '';
  return {
    show: (s) => {
      if (s.message === last) return;
      last = s.message;
      if (spinner) {
        spinner.text = s.message;
        if (!spinner.isSpinning) spinner.start();
      } else out.write(`${s.message}\n`);
    },
    end: (s) => {
      if (spinner) {
        if (s.done) spinner.succeed(s.message);
        else spinner.stop();
      } else if (s.message !== last) out.write(`${s.message}\n`);
    },
  };
}

async function status(session: Session, args: string[], flags: { timeout: number; watch: string }): Promise<void> {
  const { rc, name } = await deploymentRef(session, args);
  const deadline = Date.now() + (flags.timeout > 0 ? flags.timeout : DEFAULT_STATUS_TIMEOUT_MS);
  const report = stateReporter();
  let d = await rc.get(name);
  let state = deploymentRollout(d);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), Math.max(0, deadline - Date.now()));
  try {
    for (let round = 0; !state.done && !state.failed && flags.watch !== 'false' && round < 10_000; round++) {
      report.show(state);
      const watch = await rc.watch({ fieldSelector: `metadata.name=${name}`, resourceVersion: d.metadata.resourceVersion, timeoutSeconds: WATCH_SECONDS, signal: abort.signal });
      abort.signal.addEventListener('abort', () => watch.close(), { once: true });
      for await (const ev of watch) {
        if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') continue;
        d = ev.object;
        state = deploymentRollout(d);
        if (state.done || state.failed) break;
        report.show(state);
      }
      if (abort.signal.aborted) break;
      if (!state.done) d = await rc.get(name);
      state = deploymentRollout(d);
    }
  } finally {
    clearTimeout(timer);
  }
  report.end(state);
  if (state.failed) throw new Error(state.message);
  if (!state.done && flags.watch !== 'false') throw cliError('TIMED_OUT', 'rollout to finish');
}

async function history(session: Session, args: string[], flags: { revision?: string }): Promise<void> {
  const { rc, name, label } = await deploymentRef(session, args);
  const revisions = await revisionsOf(session, await rc.get(name));
  const out = stdout();
  if (flags.revision !== undefined) {
    const wanted = revisions.find((r) => r.revision === Number(flags.revision));
    if (!wanted) throw cliError('NO_REVISION', Number(flags.revision));
    out.write(`${label} with revision #${wanted.revision}\n${JSON.stringify(templateOf(wanted.rs), null, 2)}\n`);
    return;
  }
  out.write(`${label} \n`);
  const rows = revisions.map((r) => [String(r.revision), r.changeCause ?? '<none>']);
  out.write(renderColumns([['REVISION', 'CHANGE-CAUSE'], ...rows], (l) => bold(out, l)));
  out.write('\n');
}

async function undo(session: Session, args: string[], flags: { toRevision: string }): Promise<void> {
  const { rc, name, label } = await deploymentRef(session, args);
  const d = await rc.get(name);
  const revisions = await revisionsOf(session, d);
  const wantedRev = Number(flags.toRevision);
  // 0 means the revision before the newest one
  const target = wantedRev > 0 ? revisions.find((r) => r.revision === wantedRev) : revisions[revisions.length - 2];
  if (!target) throw wantedRev > 0 ? cliError('NO_REVISION', wantedRev) : cliError('NO_ROLLBACK');
  const template = templateOf(target.rs);
  if (JSON.stringify(template) === JSON.stringify(d.spec.template)) {
    stdout().write(`${label} skipped rollback (current template already matches revision ${target.revision})\n`);
    return;
  }
  await rc.patch(name, 'json', [{ op: 'replace', path: '/spec/template', value: template }], { fieldManager: 'kubectl-rollout' });
  stdout().write(`${label} rolled back\n`);
}

async function restart(session: Session, args: string[]): Promise<void> {
  const { rc, name, label } = await deploymentRef(session, args);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const patch = { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: now } } } } };
  await rc.patch(name, 'strategic', patch, { fieldManager: 'kubectl-rollout' });
  stdout().write(`${label} restarted\n`);
}

export function registerRolloutCommand(program: Command): void {
  const rollout = program.command('rollout').description('Manage the rollout of a deployment');
  rollout
    .command('status')
    .description('Watch the rollout until it is done')
    .argument('<ref...>', 'deployment/NAME or deployment NAME')
    .addOption(new Option('--timeout <duration>', 'give up after this long (0: 10m)').argParser(durationFlag('--timeout')).default(0))
    .addOption(new Option('-w, --watch [bool]', 'watch until done (false: report once)').default('true').preset('true'))
    .action(verb(async (session, args: string[], flags: { timeout: number; watch: string }) => status(session, args, flags)));
  rollout
    .command('history')
    .description('Show the revisions of a deployment')
    .argument('<ref...>', 'deployment/NAME or deployment NAME')
    .option('--revision <n>', 'show the pod template of this revision')
    .action(verb(async (session, args: string[], flags: { revision?: string }) => history(session, args, flags)));
  rollout
    .command('undo')
    .description('Roll back to a previous revision')
    .argument('<ref...>', 'deployment/NAME or deployment NAME')
    .option('--to-revision <n>', 'the revision to roll back to (0: the previous one)', '0')
    .action(verb(async (session, args: string[], flags: { toRevision: string }) => undo(session, args, flags)));
  rollout
    .command('restart')
    .description('Restart every pod of a deployment through a rollout')
    .argument('<ref...>', 'deployment/NAME or deployment NAME')
    .action(verb(async (session, args: string[]) => restart(session, args)));
}
