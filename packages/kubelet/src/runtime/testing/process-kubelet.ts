// A stand-in kubelet for the process runtime's kill -9 test: it starts one container through a
// ProcessRuntime, prints the ids, and idles until it is killed.
//   node --import tsx process-kubelet.ts <stateDir> <logRoot>
import type { Logger } from '@kubelite/client';
import { ProcessRuntime } from '../process/process-runtime.js';
import { containerConfig, podRef, sandboxConfig } from './fixtures.js';

const [stateDir, logRoot] = process.argv.slice(2);
if (!stateDir || !logRoot) throw new Error('usage: process-kubelet <stateDir> <logRoot>');
// Run by plain node + tsx, where workspace packages resolve to possibly unbuilt dist/: no imports.
const noop = (): undefined => undefined;
const logger = { info: noop, warn: noop, error: noop, debug: noop } as unknown as Logger;
const runtime = new ProcessRuntime({ stateDir, nodeName: 'killed-node', logger });
const sbc = sandboxConfig(podRef('survivor'), logRoot, { hostNetwork: true });
const sandboxId = await runtime.runPodSandbox(sbc);
const cc = containerConfig(sbc, 'survivor', { command: ['sh', '-c', 'echo started; trap "exit 7" TERM; sleep 300 & wait'] });
const containerId = await runtime.createContainer(sandboxId, cc, sbc);
await runtime.startContainer(containerId);
process.stdout.write(JSON.stringify({ sandboxId, containerId }) + '\n');
setInterval(() => undefined, 60_000);
