import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { DockerImages } from './images.js';
import { DockerLister } from './lister.js';

interface FakeContainer {
  Id: string;
  State: string;
  labels: Record<string, string>;
}

/** Just enough of dockerode to count calls: the relist path must not inspect unchanged containers. */
function fakeDocker(containers: FakeContainer[]) {
  const calls = { list: 0, inspect: 0 };
  const docker = {
    listContainers: async () => {
      calls.list++;
      return containers.map((c) => ({ Id: c.Id, State: c.State, Labels: c.labels }));
    },
    getContainer: (id: string) => ({
      inspect: async () => {
        calls.inspect++;
        const c = containers.find((x) => x.Id === id)!;
        return {
          Id: c.Id,
          Name: `/k8s_app_p_ns_uid1_0`,
          Created: '2026-01-01T00:00:00.123456789Z',
          Image: 'sha256:img',
          State: { Status: c.State, Running: c.State === 'running', Paused: false, OOMKilled: false, ExitCode: c.State === 'exited' ? 1 : 0, Error: '', StartedAt: '2026-01-01T00:00:01Z', FinishedAt: c.State === 'exited' ? '2026-01-01T00:00:02Z' : '0001-01-01T00:00:00Z' },
          Config: { Labels: c.labels, Image: 'busybox:1', Tty: false },
          HostConfig: { NetworkMode: 'container:sb' },
          NetworkSettings: {},
        };
      },
    }),
  };
  return { docker: docker as unknown as Docker, calls };
}

const images = { imageRef: async (id: string) => `docker://${id}` } as unknown as DockerImages;
const labels = (node: string) => ({
  'io.kubelite.node.name': node,
  'io.kubernetes.docker.type': 'container',
  'io.kubernetes.pod.uid': 'uid1',
  'io.kubernetes.pod.name': 'p',
  'io.kubernetes.pod.namespace': 'ns',
  'io.kubernetes.container.name': 'app',
});

describe('DockerLister', () => {
  it('relists with one list call and inspects only containers whose state changed', async () => {
    const containers: FakeContainer[] = [
      { Id: 'a', State: 'running', labels: labels('n1') },
      { Id: 'b', State: 'running', labels: labels('n1') },
    ];
    const { docker, calls } = fakeDocker(containers);
    const lister = new DockerLister(docker, 'n1', images);
    expect((await lister.listContainers()).map((c) => c.state)).toEqual(['running', 'running']);
    expect(calls).toEqual({ list: 1, inspect: 2 });
    await lister.listContainers();
    await lister.listContainers();
    expect(calls).toEqual({ list: 3, inspect: 2 });
    containers[1]!.State = 'exited';
    const after = await lister.listContainers();
    expect(after[1]).toMatchObject({ state: 'exited', exitCode: 1, reason: 'Error' });
    expect(calls).toEqual({ list: 4, inspect: 3 });
    lister.changed('a');
    await lister.listContainers();
    expect(calls).toEqual({ list: 5, inspect: 4 });
  });

  it('treats containers of another node as absent', async () => {
    const { docker } = fakeDocker([{ Id: 'x', State: 'running', labels: labels('n2') }]);
    const lister = new DockerLister(docker, 'n1', images);
    expect(await lister.containerStatus('x')).toBeUndefined();
    await expect(lister.ownedOrThrow('x', 'container')).rejects.toThrow(/container "x" not found/);
  });
});
