// Strategies by `<group>/<resource>` (core group: `/pods`). A served resource without an entry
// gets the empty strategy: metadata rules only, default table.
import type { Strategy } from '../strategy.js';
import { CORE_STRATEGIES } from './core/index.js';
import { GROUP_STRATEGIES } from './groups/index.js';

const ALL: Readonly<Record<string, Strategy>> = { ...CORE_STRATEGIES, ...GROUP_STRATEGIES };

export function strategyFor(group: string, resource: string): Strategy {
  return ALL[`${group}/${resource}`] ?? {};
}
