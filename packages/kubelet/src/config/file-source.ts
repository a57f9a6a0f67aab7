// The static pod source: every file in --pod-manifest-path (dot-files ignored, no recursion) is
// one Pod in YAML or JSON. fs.watch makes changes apply at once; a rescan every
// fileCheckFrequency (20 s) catches what a watch can miss. It never needs the API server, which is
// how a kubelet starts the control plane that serves that API.
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Pod } from '@kubelite/api';
import type { Logger } from '@kubelite/client';
import { staticPodFromManifest } from './static-pod.js';

export interface FileSourceOptions {
  path: string;
  nodeName: string;
  rescanMs: number;
  logger: Logger;
  /** The complete set of static pods, called whenever it changes. */
  onChange(pods: Pod[]): void;
}

export class FileSource {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private debounce?: NodeJS.Timeout;
  private last = '';
  private readonly firstSeen = new Map<string, Date>();
  private scanning: Promise<void> = Promise.resolve();

  constructor(private readonly opts: FileSourceOptions) {}

  async start(): Promise<void> {
    await this.scan();
    this.timer = setInterval(() => this.rescan(), this.opts.rescanMs);
    try {
      this.watcher = watch(this.opts.path, () => {
        clearTimeout(this.debounce);
        this.debounce = setTimeout(() => this.rescan(), 100);
      });
      this.watcher.on('error', () => undefined);
    } catch {
      // A missing directory is an empty set; the periodic rescan notices when it appears.
    }
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    this.watcher?.close();
  }

  private rescan(): void {
    this.scanning = this.scanning.then(() => this.scan());
  }

  private async scan(): Promise<void> {
    const pods: Pod[] = [];
    for (const file of await this.manifestFiles()) {
      const pod = await this.load(file);
      if (pod) pods.push(pod);
    }
    // config.seen changes nothing about identity; compare without it so a rescan is silent.
    const key = pods.map((p) => p.metadata.uid).sort().join(',');
    if (key === this.last) return;
    this.last = key;
    this.opts.onChange(pods);
  }

  private async manifestFiles(): Promise<string[]> {
    try {
      const names = (await readdir(this.opts.path)).filter((n) => !n.startsWith('.')).sort();
      const files: string[] = [];
      for (const n of names) {
        const full = join(this.opts.path, n);
        if ((await stat(full).catch(() => undefined))?.isFile()) files.push(full);
      }
      return files;
    } catch {
      return [];
    }
  }

  private async load(file: string): Promise<Pod | undefined> {
    try {
      const text = await readFile(file, 'utf8');
      const raw: unknown = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
      const seen = this.firstSeen.get(file) ?? new Date();
      this.firstSeen.set(file, seen);
      return staticPodFromManifest(raw, file, this.opts.nodeName, seen);
    } catch (err) {
      this.opts.logger.warn({ file, err: err instanceof Error ? err.message : String(err) }, 'skipping static pod manifest');
      return undefined;
    }
  }
}
