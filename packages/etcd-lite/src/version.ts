/**
 * The etcd version etcd-lite answers as (Status, /version). Kubernetes reads it to decide whether
 * watch progress requests may be used (>= 3.4.31 on the 3.4 line); etcd-lite implements them.
 */
export const ETCD_VERSION = '3.4.34';
export const ETCD_CLUSTER_VERSION = '3.4.0';
export const ETCD_LITE_VERSION = '0.1.0';
