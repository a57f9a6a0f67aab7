// Images on the Docker daemon: inspect, pull (following the progress stream, whose failures come
// as `{"error": …}` lines inside a 200 answer), list, and the imageID users see per container.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { runtimeError } from '../errors.js';
import type { ImageInfo } from '../types.js';
import { dockerError, dockerMessage, isNotFound } from './client.js';
import { LineSplitter } from '../lines.js';
import { imageRefOf, toImageInfo } from './status-mapping.js';

/** A reference with neither tag nor digest means `:latest` (Docker would pull every tag). */
export function withDefaultTag(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  return image.slice(lastSlash + 1).includes(':') ? image : `${image}:latest`;
}

interface PullProgress {
  error?: string;
  errorDetail?: { message?: string };
}

async function followPull(stream: Readable): Promise<void> {
  const lines = new LineSplitter();
  const check = (line: Buffer): void => {
    const text = line.toString('utf8').trim();
    if (!text) return;
    let progress: PullProgress;
    try {
      progress = JSON.parse(text) as PullProgress;
    } catch {
      return;
    }
    const failure = progress.errorDetail?.message ?? progress.error;
    if (failure) throw new Error(failure);
  };
  for await (const chunk of stream) for (const line of lines.push(chunk as Buffer)) check(line);
  const rest = lines.flush();
  if (rest) check(rest);
}

export class DockerImages {
  /** Image ids are content addresses: what an id resolves to never changes. */
  private readonly refById = new Map<string, string>();

  constructor(private readonly docker: Docker) {}

  async status(image: string): Promise<ImageInfo | undefined> {
    try {
      return toImageInfo(await this.docker.getImage(image).inspect());
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw dockerError(`inspect image ${image}`, err);
    }
  }

  async pull(image: string): Promise<ImageInfo> {
    const ref = withDefaultTag(image);
    try {
      await followPull((await this.docker.pull(ref)) as Readable);
    } catch (err) {
      throw runtimeError('IMAGE_PULL', image, dockerMessage(err));
    }
    const info = await this.status(ref);
    if (!info) throw runtimeError('IMAGE_PULL', image, 'the daemon reported success but the image is not present');
    return info;
  }

  async list(): Promise<ImageInfo[]> {
    try {
      const images = await this.docker.listImages();
      return images.map((i) => toImageInfo({ Id: i.Id, RepoTags: i.RepoTags ?? [], RepoDigests: i.RepoDigests ?? [], Size: i.Size }));
    } catch (err) {
      throw dockerError('list images', err);
    }
  }

  /** The API's imageID for a container running image `id` (cached: one inspect per image). */
  async imageRef(id: string): Promise<string> {
    const cached = this.refById.get(id);
    if (cached) return cached;
    try {
      const ref = imageRefOf(await this.docker.getImage(id).inspect());
      this.refById.set(id, ref);
      return ref;
    } catch (err) {
      // The image may be gone while its container lives on; the id alone still identifies it.
      if (isNotFound(err)) return `docker://${id}`;
      throw dockerError(`inspect image ${id}`, err);
    }
  }
}
