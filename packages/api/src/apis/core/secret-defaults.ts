// Secret defaulting: type Opaque, and `stringData` folded into `data` the way the v1 → internal
// conversion does on every write, so stringData is never stored or returned.
import { encodeBase64 } from './base64.js';
import type { Secret } from './config-types.js';

export function setDefaultsSecret(s: Secret): void {
  if (!s.type) s.type = 'Opaque';
  if (s.stringData) {
    const data = (s.data ??= {});
    for (const [k, v] of Object.entries(s.stringData)) data[k] = encodeBase64(v);
    delete s.stringData;
  }
}
