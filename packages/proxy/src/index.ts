// @kubelite/proxy: the library the kube-proxy binary wraps.
export { KubeProxy, FAILED_NODEPORT_REASON, PROXY_LABEL_SELECTOR, type KubeProxyHooks } from './proxier.js';
export { defaultOptions, nodeName, parseDuration, parseHostPort, parseIPFlag, parseNonNegative, type HostPort, type ProxyOptions } from './options.js';
export { ProxyError, ProxyProblems, isProxyError, proxyError, type ProxyProblem } from './errors.js';
export { RoundRobinBalancer, endpointId, type BalancerEndpoint } from './load-balancer.js';
export { EndpointsTracker, usableEndpoints, type ProxyEndpoint } from './endpoints-tracker.js';
export { ServiceTracker, nodePortsOf, servicePortId, type NodePortServicePort } from './service-tracker.js';
export { listenAddresses, parseNodePortAddresses, type NodePortCidr } from './node-addresses.js';
export { ProxierHealth, goTime } from './health.js';
export { ProxyMetrics } from './metrics.js';
export type { OpenSocket } from './nodeport-sockets.js';
