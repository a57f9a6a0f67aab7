import { describe, expect, it } from 'vitest';
import { containerName, parseName, sandboxName } from './naming.js';

const pod = { uid: '3f2a-uid', name: 'web-0', namespace: 'prod' };

describe('container names', () => {
  it('builds dockershim names', () => {
    expect(sandboxName(pod, 2)).toBe('k8s_POD_web-0_prod_3f2a-uid_2');
    expect(containerName('nginx', pod, 0)).toBe('k8s_nginx_web-0_prod_3f2a-uid_0');
  });

  it('parses them back, with Docker slash and random suffix', () => {
    expect(parseName('/k8s_nginx_web-0_prod_3f2a-uid_4')).toEqual({
      containerName: 'nginx', podName: 'web-0', namespace: 'prod', uid: '3f2a-uid', attempt: 4,
    });
    expect(parseName('k8s_POD_web-0_prod_3f2a-uid_1_0badf00d')?.attempt).toBe(1);
  });

  it('rejects names that are not ours', () => {
    expect(parseName('/nginx')).toBeUndefined();
    expect(parseName('x8s_a_b_c_d_1')).toBeUndefined();
    expect(parseName('k8s_a_b_c_d_one')).toBeUndefined();
  });
});
