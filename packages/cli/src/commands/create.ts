// `klctl create -f …`: POST each object; AlreadyExists and other refusals are reported per
// object like kubectl ("error when creating …") and make the exit code 1.
import { Command } from 'commander';
import { bindManifest } from '../kube/bind.js';
import { qualifiedName } from '../kube/discovery.js';
import { serverErrorLine } from '../kube/errors.js';
import { readManifests, readStdin } from '../kube/manifests.js';
import { stdout } from '../kube/output.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';
import { collect } from './apply.js';

interface CreateFlags {
  filename: string[];
  dryRun?: string;
}

async function create(session: Session, flags: CreateFlags): Promise<void> {
  const manifests = readManifests(flags.filename, readStdin);
  const bound = await Promise.all(manifests.map((m) => bindManifest(session, m)));
  for (const b of bound) {
    try {
      const made = await b.rc.create(b.obj, { fieldManager: 'klctl-create', fieldValidation: 'Strict', dryRun: flags.dryRun === 'server' });
      stdout().write(`${qualifiedName(b.info)}/${made.metadata.name ?? b.name} created${flags.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    } catch (e) {
      const line = serverErrorLine(e);
      if (!line) throw e;
      // kubectl's wording: the Status message with where it came from inserted
      process.stderr.write(`${line.replace('): ', `): error when creating "${b.source}": `)}\n`);
      process.exitCode = 1;
    }
  }
}

export function registerCreateCommand(program: Command): void {
  program
    .command('create')
    .description('Create resources from files, a directory, or stdin (-f -)')
    .option('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .option('--dry-run <mode>', 'server: ask the server to validate without persisting')
    .action(verb(async (session, flags: CreateFlags) => create(session, flags)));
}
