// helper.DefaultNormalizeScore: scale to [0, maxPriority] by the highest score; reverse flips it
// (fewer is better). All-zero scores become 0, or maxPriority when reversed.
import { MAX_NODE_SCORE } from '../../framework/interface.js';

export function defaultNormalizeScore(scores: number[], reverse: boolean, maxPriority = MAX_NODE_SCORE): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) {
      scores[i] = reverse ? maxPriority : 0;
      continue;
    }
    let s = Math.trunc((maxPriority * scores[i]!) / max);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}
