// The `/version` body. Its `minor` decides which kubectl the Google Cloud SDK dispatcher runs
// (reference/kubectl-wire.md G1): "32" gets the bundled kubectl 1.32, which is what kubelite is
// tested against. No I/O here: the caller passes in what it knows about the running process.

/** Kubernetes' version.Info as 1.32 serves it (the emulation fields arrived only in 1.33). */
export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export const KUBE_MAJOR = '1';
export const KUBE_MINOR = '32';
/**
 * Semver build metadata (`+kubelite`), the convention of distributions such as k3s
 * (`v1.32.1+k3s1`): kubectl's version-skew check still reads it as 1.32, and unlike a `-suffix`
 * it does not make the version a pre-release.
 */
export const KUBELITE_GIT_VERSION = `v${KUBE_MAJOR}.${KUBE_MINOR}.0+kubelite`;

export interface VersionInfoOptions {
  /** Go-style `os/arch`, e.g. from goPlatform(process.platform, process.arch). */
  platform: string;
  /** What runs the server; kubelite is not Go, so e.g. `node v20.11.1`. */
  goVersion?: string;
  gitCommit?: string;
  gitTreeState?: 'clean' | 'dirty' | '';
  /** RFC 3339, second precision (`2025-01-15T10:00:00Z`). */
  buildDate?: string;
}

export function buildVersionInfo(opts: VersionInfoOptions): VersionInfo {
  return {
    major: KUBE_MAJOR,
    minor: KUBE_MINOR,
    gitVersion: KUBELITE_GIT_VERSION,
    gitCommit: opts.gitCommit ?? '',
    gitTreeState: opts.gitTreeState ?? '',
    buildDate: opts.buildDate ?? '1970-01-01T00:00:00Z',
    goVersion: opts.goVersion ?? '',
    // Upstream says `gc` (the Go compiler); we name the runtime we actually have.
    compiler: 'node',
    platform: opts.platform,
  };
}

const GO_OS: Readonly<Record<string, string>> = { win32: 'windows', sunos: 'solaris' };
const GO_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le', loong64: 'loong64' };

/**
 * Maps Node's `process.platform`/`process.arch` onto Go's GOOS/GOARCH spelling, which is what
 * Kubernetes clients expect in `platform` (`linux/amd64`, not `linux/x64`). Node reports
 * `ppc64` for little-endian POWER too, the only POWER Linux that Kubernetes ships for.
 */
export function goPlatform(platform: string, arch: string): string {
  return `${GO_OS[platform] ?? platform}/${GO_ARCH[arch] ?? arch}`;
}
