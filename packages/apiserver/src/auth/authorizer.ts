// The authorization seam (k8s.io/apiserver/pkg/authorization/authorizer): the REST layer turns
// each request into Attributes, asks one Authorizer, and answers 403 unless the decision is allow.
// Today the modes are AlwaysAllow and AlwaysDeny; RBAC and Node plug in here later.
import type { Status } from '@kubelite/api';
import { SYSTEM_PRIVILEGED_GROUP, type UserInfo } from './user.js';

/**
 * Kubernetes' request attributes. For a resource request (`/api/v1/namespaces/default/pods/x`)
 * the resource fields are set and `path` is informational; for a non-resource request
 * (`/healthz`, `/version`, `/apis`) only user, verb (the lower-case HTTP method) and path count.
 */
export interface AuthorizationAttributes {
  user: UserInfo;
  /** get, list, watch, create, update, patch, delete, deletecollection; or an HTTP verb. */
  verb: string;
  /** Empty for cluster-scoped resources and for namespace objects themselves. */
  namespace: string;
  /** Empty for the core group. */
  apiGroup: string;
  apiVersion: string;
  /** Plural, lower-case: `pods`. */
  resource: string;
  /** `status`, `log`, `exec`, ... or empty. */
  subresource: string;
  /** Empty for list, watch and collection requests, and for create before defaulting. */
  name: string;
  /** The URL path, without query. */
  path: string;
  resourceRequest: boolean;
}

export type Decision = 'allow' | 'deny' | 'noOpinion';

export interface AuthorizationResult {
  decision: Decision;
  /** Why, for the client (it is appended to the 403 message) and the audit log. */
  reason: string;
  /** Evaluation trouble. It only matters when the decision is not allow: then the answer is 500. */
  error?: Error;
}

export interface Authorizer {
  authorize(attrs: AuthorizationAttributes): Promise<AuthorizationResult>;
}

/** Kubernetes' read-only verbs (used by some authorizers and by audit). */
export const isReadOnly = (attrs: Pick<AuthorizationAttributes, 'verb'>): boolean =>
  attrs.verb === 'get' || attrs.verb === 'list' || attrs.verb === 'watch';

/** --authorization-mode=AlwaysAllow: no check at all (the starting point, per DESIGN.md). */
export class AlwaysAllowAuthorizer implements Authorizer {
  async authorize(): Promise<AuthorizationResult> {
    return { decision: 'allow', reason: '' };
  }
}

/**
 * --authorization-mode=AlwaysDeny. As upstream it answers noOpinion, not deny: in a union a later
 * mode may still allow, and on its own noOpinion is forbidden anyway.
 */
export class AlwaysDenyAuthorizer implements Authorizer {
  async authorize(): Promise<AuthorizationResult> {
    return { decision: 'noOpinion', reason: 'Everything is forbidden.' };
  }
}

/**
 * Asks each authorizer in turn: the first allow or deny is final; if all have no opinion, the
 * result is noOpinion with the reasons joined by newlines and the errors combined.
 */
export class UnionAuthorizer implements Authorizer {
  constructor(private readonly authorizers: readonly Authorizer[]) {}

  async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationResult> {
    const reasons: string[] = [];
    const errors: Error[] = [];
    for (const a of this.authorizers) {
      let r: AuthorizationResult;
      try {
        r = await a.authorize(attrs);
      } catch (err) {
        r = { decision: 'noOpinion', reason: '', error: err instanceof Error ? err : new Error(String(err)) };
      }
      if (r.error) errors.push(r.error);
      if (r.reason !== '') reasons.push(r.reason);
      if (r.decision !== 'noOpinion') return r;
    }
    const result: AuthorizationResult = { decision: 'noOpinion', reason: reasons.join('\n') };
    if (errors.length === 1) result.error = errors[0] as Error;
    // utilerrors.Aggregate prints one error plainly and several as `[a, b]`.
    if (errors.length > 1) result.error = new Error(`[${errors.map((e) => e.message).join(', ')}]`);
    return result;
  }
}

/**
 * kube-apiserver puts this in front of every configured mode: members of system:masters are
 * always allowed, so an administrator (and health probes using admin credentials) cannot be
 * locked out by a policy mistake.
 */
export class PrivilegedGroupsAuthorizer implements Authorizer {
  constructor(private readonly groups: readonly string[] = [SYSTEM_PRIVILEGED_GROUP]) {}

  async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationResult> {
    return attrs.user.groups.some((g) => this.groups.includes(g)) ? { decision: 'allow', reason: '' } : { decision: 'noOpinion', reason: '' };
  }
}

/** Modes this apiserver implements; the others Kubernetes knows are refused with a clear message. */
export const AUTHORIZATION_MODES = ['AlwaysAllow', 'AlwaysDeny'] as const;
export type AuthorizationMode = (typeof AUTHORIZATION_MODES)[number];
const UPSTREAM_ONLY_MODES = ['ABAC', 'Webhook', 'RBAC', 'Node'];

/** Parses --authorization-mode (comma-separated, order significant, no repeats). */
export const parseAuthorizationModes = (flag: string): AuthorizationMode[] => {
  const modes = flag.split(',').map((m) => m.trim());
  if (modes.length === 0 || modes.some((m) => m === '')) {
    throw new Error(`--authorization-mode: empty mode in ${JSON.stringify(flag)}`);
  }
  const seen = new Set<string>();
  for (const m of modes) {
    if (seen.has(m)) throw new Error(`authorization-mode ${JSON.stringify(m)} has mode specified more than once`);
    seen.add(m);
    if (UPSTREAM_ONLY_MODES.includes(m)) throw new Error(`authorization-mode ${JSON.stringify(m)} is not supported yet`);
    if (!(AUTHORIZATION_MODES as readonly string[]).includes(m)) {
      throw new Error(`authorization-mode ${JSON.stringify(m)} is not a valid mode (${AUTHORIZATION_MODES.join(', ')})`);
    }
  }
  return modes as AuthorizationMode[];
};

/** One authorizer for the configured modes, in flag order. */
export const newAuthorizer = (modes: readonly AuthorizationMode[]): Authorizer => {
  const byMode: Record<AuthorizationMode, () => Authorizer> = {
    AlwaysAllow: () => new AlwaysAllowAuthorizer(),
    AlwaysDeny: () => new AlwaysDenyAuthorizer(),
  };
  return new UnionAuthorizer([new PrivilegedGroupsAuthorizer(), ...modes.map((m) => byMode[m]())]);
};

/** Upstream escapes these so that an error echoed into a browser cannot form HTML. Quotes stay. */
const sanitize = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Go's %q for the strings we print: JSON string escaping matches it for printable text. */
const q = (s: string): string => JSON.stringify(s);

/** The sentence after "is forbidden:", exactly as responsewriters.forbiddenMessage words it. */
export const forbiddenMessage = (attrs: AuthorizationAttributes): string => {
  const user = attrs.user.name;
  if (!attrs.resourceRequest) return `User ${q(user)} cannot ${attrs.verb} path ${q(attrs.path)}`;
  const resource = attrs.subresource !== '' ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const scope = attrs.namespace !== '' ? `in the namespace ${q(attrs.namespace)}` : 'at the cluster scope';
  return `User ${q(user)} cannot ${attrs.verb} resource ${q(resource)} in API group ${q(attrs.apiGroup)} ${scope}`;
};

/**
 * The 403 body Kubernetes sends (responsewriters.Forbidden + errors.NewForbidden): message
 * `<resource>[.<group>] ["<name>"] is forbidden: <forbiddenMessage>[: <reason>]`, or
 * `forbidden: ...` for non-resource paths; details.kind is the plural resource, as upstream.
 */
export const forbiddenStatus = (attrs: AuthorizationAttributes, reason: string): Status => {
  const msg = sanitize(forbiddenMessage(attrs));
  const err = reason === '' ? msg : `${msg}: ${reason}`;
  // Upstream builds the qualified resource from the attributes even for non-resource requests,
  // where they are empty; the subresource never appears in it.
  const group = attrs.apiGroup;
  const resource = attrs.resource;
  let message: string;
  if (group === '' && resource === '') message = `forbidden: ${err}`;
  else {
    const qualified = group === '' ? resource : `${resource}.${group}`;
    message = attrs.name === '' ? `${qualified} is forbidden: ${err}` : `${qualified} ${q(attrs.name)} is forbidden: ${err}`;
  }
  // Go omits empty detail fields, leaving `"details":{}` for non-resource paths.
  const details: NonNullable<Status['details']> = {};
  if (attrs.name !== '') details.name = attrs.name;
  if (group !== '') details.group = group;
  if (resource !== '') details.kind = resource;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403 };
};

/** Kubernetes' 500 for an authorizer that failed without allowing (errors.NewInternalError). */
export const authorizationErrorStatus = (error: Error): Status => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: `Internal error occurred: ${error.message}`,
  reason: 'InternalError',
  details: { causes: [{ message: error.message }] },
  code: 500,
});

/**
 * What the REST layer does with a decision, in upstream's order: allow wins even with an error
 * (RBAC may allow from one binding while another failed to evaluate); otherwise an error is a
 * 500; otherwise 403. Returns undefined when the request may proceed.
 */
export const statusForAuthorization = (attrs: AuthorizationAttributes, result: AuthorizationResult): Status | undefined => {
  if (result.decision === 'allow') return undefined;
  if (result.error) return authorizationErrorStatus(result.error);
  return forbiddenStatus(attrs, result.reason);
};
