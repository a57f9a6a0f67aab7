// EnsureImageExists (reference §3.1): the pull policy decides between using the local image,
// pulling, or failing with ErrImageNeverPull; failed pulls back off per pod and image
// (ErrImagePull, then ImagePullBackOff until the window passes).
import type { Container, Pod } from '@kubelite/api';
import { ContainerStartError, KubeletProblems } from '../errors.js';
import type { ContainerRuntime } from '../runtime/types.js';
import { Backoff } from './backoff.js';

export type ImageEvent = (type: 'Normal' | 'Warning', reason: string, message: string) => void;

/** No tag and no digest means :latest, as Docker and upstream's parser read it. */
export function withDefaultTag(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  return image.slice(lastSlash + 1).includes(':') ? image : `${image}:latest`;
}

export class ImageManager {
  private readonly backoff = new Backoff();

  async ensure(runtime: ContainerRuntime, pod: Pod, c: Container, event: ImageEvent): Promise<string> {
    const image = withDefaultTag(c.image ?? '');
    const present = await runtime.imageStatus(image).catch((err: unknown) => {
      throw new ContainerStartError('ImageInspectError', `Failed to inspect image ${JSON.stringify(image)}: ${String(err)}`);
    });
    const policy = c.imagePullPolicy ?? (image.endsWith(':latest') ? 'Always' : 'IfNotPresent');
    if (present && policy !== 'Always') {
      event('Normal', 'Pulled', `Container image ${JSON.stringify(c.image)} already present on machine`);
      return image;
    }
    if (!present && policy === 'Never') {
      const msg = KubeletProblems.IMAGE_NEVER_PULL(c.image ?? '');
      event('Warning', 'ErrImageNeverPull', msg);
      throw new ContainerStartError('ErrImageNeverPull', msg);
    }
    const key = `${pod.metadata.uid}_${image}`;
    if (this.backoff.isInBackOffSinceUpdate(key)) {
      const msg = KubeletProblems.IMAGE_BACKOFF(c.image ?? '');
      event('Normal', 'BackOff', msg);
      throw new ContainerStartError('ImagePullBackOff', msg);
    }
    event('Normal', 'Pulling', `Pulling image ${JSON.stringify(c.image)}`);
    const started = Date.now();
    try {
      await runtime.pullImage(image);
    } catch (err) {
      this.backoff.next(key, Date.now());
      const msg = err instanceof Error ? err.message : String(err);
      event('Warning', 'Failed', `Failed to pull image ${JSON.stringify(c.image)}: ${msg}`);
      throw new ContainerStartError('ErrImagePull', msg);
    }
    event('Normal', 'Pulled', `Successfully pulled image ${JSON.stringify(c.image)} in ${Date.now() - started}ms`);
    return image;
  }
}
