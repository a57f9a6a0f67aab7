// Kubernetes keeps at most ten `Update` entries per object: past that, the oldest are folded, per
// API version, into an "ancient-changes" entry (apimachinery's capManagersManager), so objects that
// many controllers touch do not grow without bound.
import { managerId, type Manager } from './manager.js';

export const MAX_UPDATE_MANAGERS = 10;
const BUCKET = 'ancient-changes';

const seconds = (m: Manager): number => (m.time ? Math.floor(Date.parse(m.time) / 1000) : 0);

export function capUpdateManagers(managers: readonly Manager[]): Manager[] {
  const updaters = managers
    .filter((m) => m.operation === 'Update')
    .sort((a, b) => seconds(a) - seconds(b) || (managerId(a) < managerId(b) ? -1 : 1));
  if (updaters.length <= MAX_UPDATE_MANAGERS) return [...managers];
  const out = [...managers];
  const firstOfVersion = new Map<string, Manager>();
  let count = updaters.length;
  for (const m of updaters) {
    if (count <= MAX_UPDATE_MANAGERS) break;
    const first = firstOfVersion.get(m.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(m.apiVersion, m);
      continue;
    }
    const bucketId = managerId({ manager: BUCKET, operation: 'Update', apiVersion: m.apiVersion });
    let bucket = out.find((x) => managerId(x) === bucketId);
    if (bucket === undefined) {
      // The first manager seen for this version becomes the bucket.
      bucket = { manager: BUCKET, operation: 'Update', apiVersion: m.apiVersion, set: first.set };
      out.splice(out.indexOf(first), 1, bucket);
    }
    bucket.set = bucket.set.union(m.set);
    if (m.time !== undefined) bucket.time = m.time;
    out.splice(out.indexOf(m), 1);
    count--;
  }
  return out;
}
