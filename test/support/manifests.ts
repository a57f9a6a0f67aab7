// Objects tests create, spelled as kubectl would send them.

/** What `kubectl create deployment NAME --image=IMAGE --replicas=N` creates. */
export function deploymentManifest(name: string, image: string, replicas: number): string {
  const container = image.split(':')[0]!.split('/').at(-1)!;
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: container, image }] } },
    },
  });
}
