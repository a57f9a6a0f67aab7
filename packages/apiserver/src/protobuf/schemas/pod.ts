// k8s.io.api.core.v1 pod family: PodSpec (every field of the 1.32 table), its volumes, the pod
// security context, scheduling constraints, and Pod / PodTemplateSpec around it.
import { message, opaque, type FieldRow } from '../schema.js';
import { CONTAINER, APP_ARMOR_PROFILE, RESOURCE_REQUIREMENTS, SECCOMP_PROFILE, SE_LINUX_OPTIONS, WINDOWS_OPTIONS } from './container.js';
import { LOCAL_OBJECT_REFERENCE } from './core.js';
import { LABEL_SELECTOR, OBJECT_META } from './meta.js';

const KEY_TO_PATH = message('KeyToPath', [
  [1, 'key', 'string', 'required'],
  [2, 'path', 'string', 'required'],
  [3, 'mode', 'int32', 'optional'],
]);

/** Volume sources with a field table in the reference; the rest are opaque (see below). */
const DESCRIBED_SOURCES: readonly FieldRow[] = [
  [
    1,
    'hostPath',
    message('HostPathVolumeSource', [
      [1, 'path', 'string', 'required'],
      [2, 'type', 'string', 'optional'],
    ]),
    'optional',
  ],
  [
    2,
    'emptyDir',
    message('EmptyDirVolumeSource', [
      [1, 'medium', 'string'],
      [2, 'sizeLimit', 'quantity', 'optional'],
    ]),
    'optional',
  ],
  [
    6,
    'secret',
    message('SecretVolumeSource', [
      [1, 'secretName', 'string'],
      [2, 'items', KEY_TO_PATH, 'list'],
      [3, 'defaultMode', 'int32', 'optional'],
      [4, 'optional', 'bool', 'optional'],
    ]),
    'optional',
  ],
  [
    10,
    'persistentVolumeClaim',
    message('PersistentVolumeClaimVolumeSource', [
      [1, 'claimName', 'string', 'required'],
      [2, 'readOnly', 'bool'],
    ]),
    'optional',
  ],
  [
    19,
    'configMap',
    message('ConfigMapVolumeSource', [
      [1, 'localObjectReference', LOCAL_OBJECT_REFERENCE, 'inline'],
      [2, 'items', KEY_TO_PATH, 'list'],
      [3, 'defaultMode', 'int32', 'optional'],
      [4, 'optional', 'bool', 'optional'],
    ]),
    'optional',
  ],
];

const OPAQUE_SOURCES: ReadonlyArray<readonly [number, string, string]> = [
  [3, 'gcePersistentDisk', 'GCEPersistentDiskVolumeSource'],
  [4, 'awsElasticBlockStore', 'AWSElasticBlockStoreVolumeSource'],
  [5, 'gitRepo', 'GitRepoVolumeSource'],
  [7, 'nfs', 'NFSVolumeSource'],
  [8, 'iscsi', 'ISCSIVolumeSource'],
  [9, 'glusterfs', 'GlusterfsVolumeSource'],
  [11, 'rbd', 'RBDVolumeSource'],
  [12, 'flexVolume', 'FlexVolumeSource'],
  [13, 'cinder', 'CinderVolumeSource'],
  [14, 'cephfs', 'CephFSVolumeSource'],
  [15, 'flocker', 'FlockerVolumeSource'],
  [16, 'downwardAPI', 'DownwardAPIVolumeSource'],
  [17, 'fc', 'FCVolumeSource'],
  [18, 'azureFile', 'AzureFileVolumeSource'],
  [20, 'vsphereVolume', 'VsphereVirtualDiskVolumeSource'],
  [21, 'quobyte', 'QuobyteVolumeSource'],
  [22, 'azureDisk', 'AzureDiskVolumeSource'],
  [23, 'photonPersistentDisk', 'PhotonPersistentDiskVolumeSource'],
  [24, 'portworxVolume', 'PortworxVolumeSource'],
  [25, 'scaleIO', 'ScaleIOVolumeSource'],
  [26, 'projected', 'ProjectedVolumeSource'],
  [27, 'storageos', 'StorageOSVolumeSource'],
  [28, 'csi', 'CSIVolumeSource'],
  [29, 'ephemeral', 'EphemeralVolumeSource'],
  [30, 'image', 'ImageVolumeSource'],
];

const VOLUME_SOURCE = message('VolumeSource', [
  ...DESCRIBED_SOURCES,
  ...OPAQUE_SOURCES.map(([no, key, type]): FieldRow => [no, key, opaque(type), 'optional']),
]);

const VOLUME = message('Volume', [
  [1, 'name', 'string', 'required'],
  [2, 'volumeSource', VOLUME_SOURCE, 'inline'],
]);

const POD_SECURITY_CONTEXT = message('PodSecurityContext', [
  [1, 'seLinuxOptions', SE_LINUX_OPTIONS, 'optional'],
  [2, 'runAsUser', 'int64', 'optional'],
  [3, 'runAsNonRoot', 'bool', 'optional'],
  [4, 'supplementalGroups', 'int64', 'list'],
  [5, 'fsGroup', 'int64', 'optional'],
  [6, 'runAsGroup', 'int64', 'optional'],
  [7, 'sysctls', opaque('Sysctl'), 'list'],
  [8, 'windowsOptions', WINDOWS_OPTIONS, 'optional'],
  [9, 'fsGroupChangePolicy', 'string', 'optional'],
  [10, 'seccompProfile', SECCOMP_PROFILE, 'optional'],
  [11, 'appArmorProfile', APP_ARMOR_PROFILE, 'optional'],
  [12, 'supplementalGroupsPolicy', 'string', 'optional'],
  [13, 'seLinuxChangePolicy', 'string', 'optional'],
]);

const TOLERATION = message('Toleration', [
  [1, 'key', 'string'],
  [2, 'operator', 'string'],
  [3, 'value', 'string'],
  [4, 'effect', 'string'],
  [5, 'tolerationSeconds', 'int64', 'optional'],
]);

const HOST_ALIAS = message('HostAlias', [
  [1, 'ip', 'string', 'required'],
  [2, 'hostnames', 'string', 'list'],
]);

const POD_DNS_CONFIG = message('PodDNSConfig', [
  [1, 'nameservers', 'string', 'list'],
  [2, 'searches', 'string', 'list'],
  [
    3,
    'options',
    message('PodDNSConfigOption', [
      [1, 'name', 'string'],
      [2, 'value', 'string', 'optional'],
    ]),
    'list',
  ],
]);

const TOPOLOGY_SPREAD_CONSTRAINT = message('TopologySpreadConstraint', [
  [1, 'maxSkew', 'int32', 'required'],
  [2, 'topologyKey', 'string', 'required'],
  [3, 'whenUnsatisfiable', 'string', 'required'],
  [4, 'labelSelector', LABEL_SELECTOR, 'optional'],
  [5, 'minDomains', 'int32', 'optional'],
  [6, 'nodeAffinityPolicy', 'string', 'optional'],
  [7, 'nodeTaintsPolicy', 'string', 'optional'],
  [8, 'matchLabelKeys', 'string', 'list'],
]);

const AFFINITY = message('Affinity', [
  [1, 'nodeAffinity', opaque('NodeAffinity'), 'optional'],
  [2, 'podAffinity', opaque('PodAffinity'), 'optional'],
  [3, 'podAntiAffinity', opaque('PodAntiAffinity'), 'optional'],
]);

export const POD_SPEC = message('PodSpec', [
  [1, 'volumes', VOLUME, 'list'],
  [2, 'containers', CONTAINER, 'nullList'],
  [3, 'restartPolicy', 'string'],
  [4, 'terminationGracePeriodSeconds', 'int64', 'optional'],
  [5, 'activeDeadlineSeconds', 'int64', 'optional'],
  [6, 'dnsPolicy', 'string'],
  [7, 'nodeSelector', 'string', 'map'],
  [8, 'serviceAccountName', 'string'],
  [9, 'serviceAccount', 'string'],
  [10, 'nodeName', 'string'],
  [11, 'hostNetwork', 'bool'],
  [12, 'hostPID', 'bool'],
  [13, 'hostIPC', 'bool'],
  [14, 'securityContext', POD_SECURITY_CONTEXT, 'optional'],
  [15, 'imagePullSecrets', LOCAL_OBJECT_REFERENCE, 'list'],
  [16, 'hostname', 'string'],
  [17, 'subdomain', 'string'],
  [18, 'affinity', AFFINITY, 'optional'],
  [19, 'schedulerName', 'string'],
  [20, 'initContainers', CONTAINER, 'list'],
  [21, 'automountServiceAccountToken', 'bool', 'optional'],
  [22, 'tolerations', TOLERATION, 'list'],
  [23, 'hostAliases', HOST_ALIAS, 'list'],
  [24, 'priorityClassName', 'string'],
  [25, 'priority', 'int32', 'optional'],
  [26, 'dnsConfig', POD_DNS_CONFIG, 'optional'],
  [27, 'shareProcessNamespace', 'bool', 'optional'],
  [28, 'readinessGates', opaque('PodReadinessGate'), 'list'],
  [29, 'runtimeClassName', 'string', 'optional'],
  [30, 'enableServiceLinks', 'bool', 'optional'],
  [31, 'preemptionPolicy', 'string', 'optional'],
  [32, 'overhead', 'quantity', 'map'],
  [33, 'topologySpreadConstraints', TOPOLOGY_SPREAD_CONSTRAINT, 'list'],
  [34, 'ephemeralContainers', opaque('EphemeralContainer'), 'list'],
  [35, 'setHostnameAsFQDN', 'bool', 'optional'],
  [36, 'os', opaque('PodOS'), 'optional'],
  [37, 'hostUsers', 'bool', 'optional'],
  [38, 'schedulingGates', opaque('PodSchedulingGate'), 'list'],
  [39, 'resourceClaims', opaque('PodResourceClaim'), 'list'],
  [40, 'resources', RESOURCE_REQUIREMENTS, 'optional'],
]);

export const POD_TEMPLATE_SPEC = message('PodTemplateSpec', [
  [1, 'metadata', OBJECT_META],
  [2, 'spec', POD_SPEC],
]);

export const POD = message('Pod', [
  [1, 'metadata', OBJECT_META],
  [2, 'spec', POD_SPEC],
  // Written by kubelets, not by clients; kubectl never sends a Pod as protobuf.
  [3, 'status', opaque('PodStatus')],
]);
