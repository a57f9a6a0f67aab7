import { describe, expect, it } from 'vitest';
import { KUBELITE_GIT_VERSION, buildVersionInfo, goPlatform } from './version.js';

describe('/version', () => {
  it('reports 1.32 so the kubectl dispatcher runs kubectl 1.32', () => {
    const v = buildVersionInfo({ platform: 'linux/amd64', goVersion: 'node v20.11.1' });
    expect(v.major).toBe('1');
    expect(v.minor).toBe('32');
    expect(v.gitVersion).toBe(KUBELITE_GIT_VERSION);
    expect(v.gitVersion).toMatch(/^v1\.32\.\d+\+kubelite$/);
    expect(v.platform).toBe('linux/amd64');
    expect(v.goVersion).toBe('node v20.11.1');
    expect(Object.keys(v).sort()).toEqual(
      ['buildDate', 'compiler', 'gitCommit', 'gitTreeState', 'gitVersion', 'goVersion', 'major', 'minor', 'platform'],
    );
  });

  it('passes through build facts', () => {
    const v = buildVersionInfo({ platform: 'linux/arm64', gitCommit: 'abc', gitTreeState: 'dirty', buildDate: '2025-01-01T00:00:00Z' });
    expect(v).toMatchObject({ gitCommit: 'abc', gitTreeState: 'dirty', buildDate: '2025-01-01T00:00:00Z' });
  });

  it.each([
    ['linux', 'x64', 'linux/amd64'],
    ['linux', 'arm64', 'linux/arm64'],
    ['darwin', 'arm64', 'darwin/arm64'],
    ['win32', 'x64', 'windows/amd64'],
    ['linux', 'ia32', 'linux/386'],
    ['linux', 's390x', 'linux/s390x'],
  ])('maps %s/%s to Go spelling %s', (os, arch, want) => {
    expect(goPlatform(os, arch)).toBe(want);
  });
});
