// SchedulingGates (PreEnqueue): a pod with spec.schedulingGates never enters the active queue;
// removing the last gate (a pod update) lets it in.
import type { Pod } from '@kubelite/api';
import type { EnqueueExtensions, PreEnqueuePlugin } from '../framework/interface.js';
import { Code, Status } from '../framework/status.js';
import { Action } from '../queue/cluster-event.js';

export const SCHEDULING_GATES = 'SchedulingGates';

export function newSchedulingGates(): PreEnqueuePlugin & EnqueueExtensions {
  return {
    name: SCHEDULING_GATES,
    preEnqueue(pod: Pod): Status | null {
      const gates = pod.spec.schedulingGates ?? [];
      if (gates.length === 0) return null;
      return new Status(Code.UnschedulableAndUnresolvable, [`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`]);
    },
    eventsToRegister: () => [{ event: { resource: 'Pod', actionType: Action.UpdatePodSchedulingGatesEliminated } }],
  };
}
