// `klctl version`: the client's version, then the server's from /version (kubectl's layout).
import { Command } from 'commander';
import { KUBELITE_GIT_VERSION, type VersionInfo } from '@kubelite/api';
import { stdout } from '../kube/output.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';

interface VersionFlags {
  client?: boolean;
  output?: string;
}

async function version(session: Session, flags: VersionFlags): Promise<void> {
  const out = stdout();
  const client = { gitVersion: KUBELITE_GIT_VERSION, platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}` };
  if (flags.client) {
    out.write(flags.output === 'json' ? `${JSON.stringify({ clientVersion: client }, null, 2)}\n` : `Client Version: ${client.gitVersion}\n`);
    return;
  }
  if (flags.output !== 'json') out.write(`Client Version: ${client.gitVersion}\n`);
  const server = await session.client.request<VersionInfo>({ method: 'GET', path: '/version' });
  if (flags.output === 'json') out.write(`${JSON.stringify({ clientVersion: client, serverVersion: server }, null, 2)}\n`);
  else out.write(`Server Version: ${server.gitVersion}\n`);
}

export function registerVersionCommand(program: Command): void {
  program
    .command('version')
    .description('Print the client and server version information')
    .option('--client', 'client version only (no server needed)')
    .option('-o, --output <format>', 'json')
    .action(verb(async (session, flags: VersionFlags) => version(session, flags)));
}
