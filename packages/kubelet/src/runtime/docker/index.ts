// The Docker runtime handler and the helpers its callers need.
export { DockerRuntime, resolvConf, type DockerRuntimeOptions } from './docker-runtime.js';
export { DEFAULT_DOCKER_SOCKET, dockerSocketPath } from './client.js';
export { withDefaultTag } from './images.js';
