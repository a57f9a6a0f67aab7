// The identity every authenticator produces and every authorizer consumes: Kubernetes' user.Info
// (k8s.io/apiserver/pkg/authentication/user), as plain data so it can be logged and compared.

/** Who made a request, as established by authentication. */
export interface UserInfo {
  /** Unique among active users (the certificate CN, the token file's user column, ...). */
  name: string;
  /** Stable across renames when the source has one; often empty (certificates carry none). */
  uid: string;
  /** Group names; authorization (RBAC bindings) is usually granted to groups. */
  groups: string[];
  /** Authenticator-specific facts for authorizers and audit (keys are lower-case, URL-like). */
  extra: Record<string, string[]>;
}

// Well-known names, spelled as Kubernetes spells them: RBAC bindings written for real clusters
// (for example cluster-admin → system:masters) must keep working here unchanged.

/** Added to every user that an authenticator (not the anonymous fallback) recognised. */
export const ALL_AUTHENTICATED = 'system:authenticated';
/** The one group of the anonymous user. */
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
/** The user name given to requests without credentials when anonymous auth is on. */
export const ANONYMOUS = 'system:anonymous';
/** Members are superusers: the default cluster-admin binding targets this group. */
export const SYSTEM_PRIVILEGED_GROUP = 'system:masters';
/** Kubelets authenticate as `system:node:<nodeName>` in this group (the Node authorizer uses both). */
export const NODES_GROUP = 'system:nodes';
export const NODE_USER_PREFIX = 'system:node:';
/** The apiserver's own loopback identity. */
export const APISERVER_USER = 'system:apiserver';
export const KUBE_PROXY = 'system:kube-proxy';
export const KUBE_CONTROLLER_MANAGER = 'system:kube-controller-manager';
export const KUBE_SCHEDULER = 'system:kube-scheduler';

/** Builds a UserInfo with empty defaults, copying arrays so callers cannot alias our state. */
export const newUserInfo = (
  name: string,
  opts: { uid?: string; groups?: readonly string[]; extra?: Readonly<Record<string, readonly string[]>> } = {},
): UserInfo => ({
  name,
  uid: opts.uid ?? '',
  groups: [...(opts.groups ?? [])],
  extra: Object.fromEntries(Object.entries(opts.extra ?? {}).map(([k, v]) => [k, [...v]])),
});

/** The identity Kubernetes' anonymous authenticator assigns. */
export const anonymousUser = (): UserInfo => newUserInfo(ANONYMOUS, { groups: [ALL_UNAUTHENTICATED] });

/**
 * Kubernetes' AuthenticatedGroupAdder: append `system:authenticated` unless the user is anonymous
 * or already carries either of the all-users groups (so an authenticator can opt a user out).
 */
export const withAuthenticatedGroup = (user: UserInfo): UserInfo => {
  if (user.name === ANONYMOUS) return user;
  if (user.groups.some((g) => g === ALL_AUTHENTICATED || g === ALL_UNAUTHENTICATED)) return user;
  return { ...user, groups: [...user.groups, ALL_AUTHENTICATED] };
};
