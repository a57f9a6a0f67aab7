import type { Deployment } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import { deploymentRollout } from './rollout-state.js';

const deploy = (status: Deployment['status'], generation = 2, replicas = 3): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', generation },
  spec: { replicas, template: { spec: { containers: [] } } },
  status,
});

describe('deploymentRollout', () => {
  it('waits for the controller to observe the spec', () => {
    expect(deploymentRollout(deploy({ observedGeneration: 1 })).message).toBe('Waiting for deployment spec update to be observed...');
  });
  it('reports updated, old and available replicas like kubectl', () => {
    expect(deploymentRollout(deploy({ observedGeneration: 2, updatedReplicas: 1, replicas: 3 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    );
    expect(deploymentRollout(deploy({ observedGeneration: 2, updatedReplicas: 3, replicas: 4 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    );
    expect(deploymentRollout(deploy({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 1 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...',
    );
  });
  it('is done when every replica is updated and available', () => {
    const r = deploymentRollout(deploy({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }));
    expect(r).toEqual({ done: true, message: 'deployment "web" successfully rolled out' });
  });
});
