// The kubelet API server (port 10250): container logs, exec and attach over WebSocket, the pod
// lists, health and metrics.
export { startKubeletServer } from './server.js';
export { KubeletServerError, KubeletServerProblems, type KubeletServerProblem } from './errors.js';
export { CHANNEL_PROTOCOLS, Channel, type ChannelProtocol } from './channel.js';
export type { KubeletPodProvider, KubeletServer, KubeletServerOptions } from './types.js';
