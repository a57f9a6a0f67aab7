// Starting a container's supervisor: a detached node process running shim.js (from dist) or
// shim.ts (from src under vitest, through tsx's loader). Detached means its own session, so
// neither a kill -9 of the kubelet nor a signal to the kubelet's process group reaches it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ShimCommand {
  file: string;
  args: string[];
}

export function shimCommand(): ShimCommand {
  const here = dirname(fileURLToPath(import.meta.url));
  const js = join(here, 'shim.js');
  if (existsSync(js)) return { file: process.execPath, args: [js] };
  const ts = join(here, 'shim.ts');
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return { file: process.execPath, args: ['--import', pathToFileURL(tsx).href, ts] };
}

/** Spawns the supervisor for the container whose state lives in `containerDir`. */
export function spawnShim(containerDir: string, command: ShimCommand = shimCommand()): number | undefined {
  const child = spawn(command.file, [...command.args, containerDir], {
    cwd: containerDir,
    detached: true,
    stdio: 'ignore',
    env: process.env,
  });
  child.on('error', () => undefined); // reported through the missing state files
  child.unref();
  return child.pid;
}
