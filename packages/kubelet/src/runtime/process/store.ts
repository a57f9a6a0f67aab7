// The process runtime's state on disk, which is all a new kubelet needs to adopt running
// processes: one JSON file per sandbox, one directory per container holding what the runtime
// decided (config.json) and what the supervisor observed (state.json once the process runs,
// exit.json once it is gone). Writes go through a rename so a reader never sees half a file.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeError } from '../errors.js';
import type { PodRef, SandboxState } from '../types.js';

export interface SandboxRecord {
  id: string;
  pod: PodRef;
  attempt: number;
  hostname: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  logDirectory: string;
  createdAt: string;
  state: SandboxState;
}

export interface ContainerRecord {
  id: string;
  sandboxId: string;
  pod: PodRef;
  name: string;
  attempt: number;
  image: string;
  /** command + args: run directly, never through a shell. */
  argv: string[];
  /** Merged over the kubelet's environment when the process starts. */
  env: Record<string, string>;
  workingDir: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  logPath: string;
  createdAt: string;
}

/** Written by the supervisor once the process runs. */
export interface StartedRecord {
  shimPid: number;
  pid: number;
  /** /proc start time of `pid`, so a reused pid is not mistaken for it. */
  pidStartTime?: string;
  shimStartTime?: string;
  startedAt: string;
}

/** Written by the supervisor when the process is gone (or could not be started). */
export interface ExitRecord {
  exitCode: number;
  signal?: string;
  finishedAt?: string;
  /** Set when the command could not be executed at all (reference §3.3 ContainerCannotRun). */
  cannotRun?: boolean;
  message?: string;
}

export const newId = (): string => randomBytes(32).toString('hex');

export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  renameSync(tmp, path);
}

export function readJson<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw runtimeError('STATE_CORRUPT', path, String(err));
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw runtimeError('STATE_CORRUPT', path, String(err));
  }
}

export const CONFIG_FILE = 'config.json';
export const STARTED_FILE = 'state.json';
export const EXIT_FILE = 'exit.json';

export class ProcessStore {
  readonly sandboxDir: string;
  readonly containerRoot: string;

  constructor(readonly root: string) {
    this.sandboxDir = join(root, 'sandboxes');
    this.containerRoot = join(root, 'containers');
    mkdirSync(this.sandboxDir, { recursive: true });
    mkdirSync(this.containerRoot, { recursive: true });
  }

  containerDir(id: string): string {
    return join(this.containerRoot, id);
  }

  // ---- sandboxes ----

  saveSandbox(record: SandboxRecord): void {
    writeJsonAtomic(join(this.sandboxDir, `${record.id}.json`), record);
  }

  sandbox(id: string): SandboxRecord | undefined {
    return isId(id) ? readJson<SandboxRecord>(join(this.sandboxDir, `${id}.json`)) : undefined;
  }

  sandboxes(): SandboxRecord[] {
    return this.ids(this.sandboxDir, '.json')
      .map((id) => this.sandbox(id))
      .filter((r): r is SandboxRecord => r !== undefined);
  }

  deleteSandbox(id: string): void {
    if (isId(id)) rmSync(join(this.sandboxDir, `${id}.json`), { force: true });
  }

  // ---- containers ----

  saveContainer(record: ContainerRecord): void {
    mkdirSync(this.containerDir(record.id), { recursive: true });
    writeJsonAtomic(join(this.containerDir(record.id), CONFIG_FILE), record);
  }

  container(id: string): ContainerRecord | undefined {
    return isId(id) ? readJson<ContainerRecord>(join(this.containerDir(id), CONFIG_FILE)) : undefined;
  }

  containers(): ContainerRecord[] {
    return this.ids(this.containerRoot, '')
      .map((id) => this.container(id))
      .filter((r): r is ContainerRecord => r !== undefined);
  }

  started(id: string): StartedRecord | undefined {
    return readJson<StartedRecord>(join(this.containerDir(id), STARTED_FILE));
  }

  exit(id: string): ExitRecord | undefined {
    return readJson<ExitRecord>(join(this.containerDir(id), EXIT_FILE));
  }

  deleteContainer(id: string): void {
    if (isId(id)) rmSync(this.containerDir(id), { recursive: true, force: true });
  }

  private ids(dir: string, suffix: string): string[] {
    return readdirSync(dir)
      .filter((f) => f.endsWith(suffix))
      .map((f) => f.slice(0, f.length - suffix.length))
      .filter(isId);
  }
}

/** Ids are 64 hex digits; anything else (a caller's typo, a path) is simply not found. */
function isId(id: string): boolean {
  return /^[0-9a-f]{64}$/.test(id);
}
