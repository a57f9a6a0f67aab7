// @kubelite/cli as a library: the `klctl cluster` bootstrap, for tests and tools that drive it
// without the binary.
export { clusterUp, nextSteps, UP_TIMEOUT_MS, type UpOptions, type UpResult } from './cluster/up.js';
export { clusterDown, DOWN_TIMEOUT_MS, type DownOptions, type DownResult } from './cluster/down.js';
export { clusterStatus, formatStatus, type ClusterStatus } from './cluster/status.js';
export { superviseForeground, type ForegroundOptions } from './cluster/foreground.js';
export { ClusterError, ClusterProblems, clusterError, isClusterError, type ClusterProblem } from './cluster/errors.js';
export { clusterLayout, DEFAULT_DATA_DIR, type ClusterLayout, type KubeconfigName } from './cluster/layout.js';
export {
  DEFAULT_PORTS,
  DEFAULT_RUNTIME_ENDPOINT,
  LISTENING_PORTS,
  loadSettings,
  resolvePorts,
  resolveSettings,
  saveSettings,
  type ClusterPorts,
  type ClusterSettings,
  type SettingsFlags,
} from './cluster/settings.js';
export { readStaticPod, renderManifests, renderTemplate, staticPodNames, templateFiles, templateValues, type RenderedManifest, type TemplateValues } from './cluster/render.js';
export { checkDocker, checkPorts, pingDocker, preflight, probePort } from './cluster/preflight.js';
export { CLUSTER_DIR_ENV, clusterProcesses, isAlive, runningKubelet } from './cluster/processes.js';
export { kubeletArgs, kubeletEnv, resolveKubelet } from './cluster/kubelet-process.js';
export { Progress, silentProgress, type ProgressStream } from './cluster/progress.js';
export { templatesDir, workspaceRoot } from './cluster/workspace.js';
