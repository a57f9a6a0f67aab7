// component-helpers' nodeaffinity: NodeSelectorTerms (ORed; each term's requirements ANDed),
// operators In/NotIn/Exists/DoesNotExist/Gt/Lt on labels and In/NotIn on metadata.name, and the
// RequiredNodeAffinity a pod carries (spec.nodeSelector AND required node affinity).
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '@kubelite/api';

const INT = /^-?\d+$/;

function requirementMatches(r: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(v!);
    case 'NotIn':
      return !has || !values.includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      // Both sides must be integers; anything else never matches (as upstream).
      if (!has || values.length !== 1 || !INT.test(v!) || !INT.test(values[0]!)) return false;
      const a = BigInt(v!);
      const b = BigInt(values[0]!);
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

function fieldMatches(r: NodeSelectorRequirement, node: Node): boolean {
  if (r.key !== 'metadata.name') return false;
  const name = node.metadata.name ?? '';
  const values = r.values ?? [];
  if (r.operator === 'In') return values.length === 1 ? values[0] === name : values.includes(name);
  if (r.operator === 'NotIn') return !values.includes(name);
  return false;
}

/** An empty term (no expressions, no fields) matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) if (!requirementMatches(r, labels)) return false;
  for (const r of fields) if (!fieldMatches(r, node)) return false;
  return true;
}

export function termsMatch(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  for (const t of terms) if (termMatches(t, node)) return true;
  return false;
}

/** RequiredNodeAffinity: nodeSelector labels and required terms, as one predicate. */
export class RequiredNodeAffinity {
  private readonly selector: [string, string][];
  private readonly terms: readonly NodeSelectorTerm[] | undefined;

  constructor(pod: Pod) {
    this.selector = Object.entries(pod.spec.nodeSelector ?? {});
    this.terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  }

  get empty(): boolean {
    return this.selector.length === 0 && this.terms === undefined;
  }

  match(node: Node): boolean {
    const labels = node.metadata.labels ?? {};
    for (const [k, v] of this.selector) if (labels[k] !== v) return false;
    return this.terms === undefined || termsMatch(this.terms, node);
  }
}
