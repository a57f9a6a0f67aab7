// The pod subresources served by the pod's kubelet: logs streamed from /containerLogs, exec,
// attach and port-forward tunnelled to it.
import type { Registry } from '../../../registry/generic.js';
import type { SubresourceHandler } from '../subresources.js';
import type { KubeletClientConfig } from './config.js';
import { podLog } from './log.js';
import { podStream } from './stream.js';

export {
  DEFAULT_KUBELET_TIMEOUT_MS,
  NODE_ADDRESS_TYPES,
  defaultKubeletClientConfig,
  loadKubeletClientConfig,
  parseAddressTypes,
  type KubeletClientConfig,
  type KubeletClientFiles,
} from './config.js';
export { routeUpgrades, upgradeOf } from './upgrade.js';

export function kubeletSubresources(config: KubeletClientConfig, nodes: () => Registry | undefined): Record<'log' | 'exec' | 'attach' | 'portforward', SubresourceHandler> {
  return {
    log: podLog(config, nodes),
    exec: podStream('exec', config, nodes),
    attach: podStream('attach', config, nodes),
    portforward: podStream('portforward', config, nodes),
  };
}
