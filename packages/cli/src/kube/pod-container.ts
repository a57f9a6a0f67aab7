// Which container of a pod logs/exec talk to: -c, else the default-container annotation, else
// the only (or first, with kubectl's "Defaulted container" note) container.
import type { Pod } from '@kubelite/api';
import { cliError } from './errors.js';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

export function chooseContainer(pod: Pod, requested: string | undefined, note: (line: string) => void): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const all = [...names, ...(pod.spec?.initContainers ?? []).map((c) => c.name), ...(pod.spec?.ephemeralContainers ?? []).map((c) => c.name)];
  const podName = pod.metadata.name ?? '';
  if (requested !== undefined) {
    if (!all.includes(requested)) throw cliError('NO_CONTAINER', podName, requested);
    return requested;
  }
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && names.includes(annotated)) return annotated;
  const first = names[0];
  if (first === undefined) throw cliError('NO_CONTAINER', podName, '<none>');
  if (names.length > 1) note(`Defaulted container "${first}" out of: ${names.join(', ')}`);
  return first;
}
