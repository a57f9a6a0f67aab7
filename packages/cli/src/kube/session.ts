// What every API verb starts from: the global flags (--kubeconfig, --context, -n) turned into a
// client, the namespace to use, and lazily fetched discovery.
import type { Command } from 'commander';
import { KubeClient, loadKubeconfig, resolveRestConfig } from '@kubelite/client';
import { Discovery } from './discovery.js';

export interface GlobalFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
}

export class Session {
  private discovery: Discovery | undefined;

  constructor(
    readonly client: KubeClient,
    /** -n, else the context's namespace, else "default" */
    readonly namespace: string,
    /** true when -n was given: kubectl then refuses manifests from another namespace */
    readonly explicitNamespace: boolean,
  ) {}

  get server(): string {
    return this.client.config.server;
  }

  /** The server's resource types, fetched once per invocation. */
  resources(): Discovery {
    this.discovery ??= new Discovery(this.client);
    return this.discovery;
  }

  close(): void {
    this.client.close();
  }
}

/** The server named by the kubeconfig, for error messages even when building the client failed. */
export function serverOf(flags: GlobalFlags): string | undefined {
  try {
    const config = resolveRestConfig(loadKubeconfig({ kubeconfig: flags.kubeconfig, context: flags.context }), flags.context);
    return config.server;
  } catch {
    return undefined;
  }
}

export function openSession(flags: GlobalFlags): Session {
  const config = resolveRestConfig(loadKubeconfig({ kubeconfig: flags.kubeconfig, context: flags.context }), flags.context);
  // An interactive CLI must fail fast when the server is gone rather than wait 30 s.
  const client = new KubeClient(config, { userAgent: 'klctl', connectTimeoutMs: 10_000, maxRetries: 1 });
  return new Session(client, flags.namespace ?? config.namespace, flags.namespace !== undefined);
}

/** The global flags as seen from any (sub)command. */
export function globalFlags(cmd: Command): GlobalFlags {
  const all = cmd.optsWithGlobals<GlobalFlags>();
  return { kubeconfig: all.kubeconfig, context: all.context, namespace: all.namespace };
}
