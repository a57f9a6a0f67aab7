// kubectl port-forward's kubelet end: SPDY/3.1 sessions (raw or tunnelled in WebSocket) whose
// stream pairs are joined to TCP connections to the pod.
export { PortForwardServer, PORT_FORWARD_PROTOCOL, TUNNEL_PROTOCOL, podTarget, type PortForwardRequest } from './upgrade.js';
export { PortForwardError, PortForwardProblems, portForwardError, type PortForwardProblem } from './errors.js';
export { SpdySession, SpdyStream, type SpdySessionOptions, type SpdyTransport } from './session.js';
export { PortForwarder, StreamHeader, StreamType, type ForwardTarget } from './forwarder.js';
