// core/v1 Volume and the volume sources kubelite runs (hostPath, emptyDir, configMap, secret,
// projected, downwardAPI, persistentVolumeClaim). Cloud and network sources kubelite cannot mount
// are declared as free-form objects: accepted and kept, never reported as unknown.
import {
  atomicList,
  bool,
  core,
  def,
  int32,
  int64,
  open,
  quantity,
  ref,
  refList,
  req,
  str,
  type Definition,
} from './dsl.js';

const C = core;

const OPAQUE_SOURCES = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'csi',
  'ephemeral',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'gitRepo',
  'glusterfs',
  'image',
  'iscsi',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
];

const volume = def(C('Volume'), 'Volume represents a named volume in a pod that may be accessed by any container in the pod.', {
  configMap: ref(C('ConfigMapVolumeSource'), 'configMap represents a configMap that should populate this volume'),
  downwardAPI: ref(C('DownwardAPIVolumeSource'), 'downwardAPI represents downward API about the pod that should populate this volume'),
  emptyDir: ref(
    C('EmptyDirVolumeSource'),
    "emptyDir represents a temporary directory that shares a pod's lifetime. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir",
  ),
  hostPath: ref(
    C('HostPathVolumeSource'),
    'hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath',
  ),
  name: req(
    str("name of the volume. Must be a DNS_LABEL and unique within the pod. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"),
  ),
  persistentVolumeClaim: ref(
    C('PersistentVolumeClaimVolumeSource'),
    'persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims',
  ),
  projected: ref(C('ProjectedVolumeSource'), 'projected items for all in one resources secrets, configmaps, and downward API'),
  secret: ref(C('SecretVolumeSource'), 'secret represents a secret that should populate this volume. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret'),
  ...Object.fromEntries(OPAQUE_SOURCES.map((s) => [s, open(`${s} represents a ${s} volume source (accepted as given; kubelite does not mount it).`)])),
});

const keyToPath = def(C('KeyToPath'), 'Maps a string key to a path within a volume.', {
  key: req(str('key is the key to project.')),
  mode: int32('mode is Optional: mode bits used to set permissions on this file. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511.'),
  path: req(str("path is the relative path of the file to map the key to. May not be an absolute path. May not contain the path element '..'. May not start with the string '..'.")),
});

const ITEMS_DOC =
  'items if unspecified, each key-value pair in the Data field of the referenced source will be projected into the volume as a file whose name is the key and content is the value.';
const DEFAULT_MODE_DOC =
  'defaultMode is optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. Defaults to 0644.';

const configMapVolume = def(C('ConfigMapVolumeSource'), 'Adapts a ConfigMap into a volume.', {
  defaultMode: int32(DEFAULT_MODE_DOC),
  items: refList(C('KeyToPath'), ITEMS_DOC, atomicList),
  name: str('Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names'),
  optional: bool('optional specify whether the ConfigMap or its keys must be defined'),
});

const secretVolume = def(C('SecretVolumeSource'), 'Adapts a Secret into a volume.', {
  defaultMode: int32(DEFAULT_MODE_DOC),
  items: refList(C('KeyToPath'), ITEMS_DOC, atomicList),
  optional: bool('optional field specify whether the Secret or its keys must be defined'),
  secretName: str("secretName is the name of the secret in the pod's namespace to use. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret"),
});

const emptyDir = def(C('EmptyDirVolumeSource'), 'Represents an empty directory for a pod. Empty directory volumes support ownership management and SELinux relabeling.', {
  medium: str('medium represents what type of storage medium should back this directory. The default is "" which means to use the node\'s default medium. Must be an empty string (default) or Memory.'),
  sizeLimit: quantity('sizeLimit is the total amount of local storage required for this EmptyDir volume.'),
});

const hostPath = def(C('HostPathVolumeSource'), 'Represents a host path mapped into a pod. Host path volumes do not support ownership management or SELinux relabeling.', {
  path: req(str('path of the directory on the host. If the path is a symlink, it will follow the link to the real path. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath')),
  type: str('type for HostPath Volume Defaults to "" More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath'),
});

const pvcSource = def(C('PersistentVolumeClaimVolumeSource'), "PersistentVolumeClaimVolumeSource references the user's PVC in the same namespace.", {
  claimName: req(str('claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume.')),
  readOnly: bool('readOnly Will force the ReadOnly setting in VolumeMounts. Default false.'),
});

const downwardAPIVolume = def(C('DownwardAPIVolumeSource'), 'DownwardAPIVolumeSource represents a volume containing downward API info.', {
  defaultMode: int32(DEFAULT_MODE_DOC),
  items: refList(C('DownwardAPIVolumeFile'), 'Items is a list of downward API volume file', atomicList),
});

const downwardAPIFile = def(C('DownwardAPIVolumeFile'), 'DownwardAPIVolumeFile represents information to create the file containing the pod field', {
  fieldRef: ref(C('ObjectFieldSelector'), 'Required: Selects a field of the pod: only annotations, labels, name, namespace and uid are supported.'),
  mode: int32('Optional: mode bits used to set permissions on this file, must be an octal value between 0000 and 0777 or a decimal value between 0 and 511.'),
  path: req(str("Required: Path is  the relative path name of the file to be created. Must not be absolute or contain the '..' path.")),
  resourceFieldRef: ref(C('ResourceFieldSelector'), 'Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, requests.cpu and requests.memory) are currently supported.'),
});

const projected = def(C('ProjectedVolumeSource'), 'Represents a projected volume source', {
  defaultMode: int32(DEFAULT_MODE_DOC),
  sources: refList(C('VolumeProjection'), 'sources is the list of volume projections. Each entry in this list handles one source.', atomicList),
});

const projection = def(C('VolumeProjection'), 'Projection that may be projected along with other supported volume types. Exactly one of these fields must be set.', {
  clusterTrustBundle: open('ClusterTrustBundle allows a pod to access the `.spec.trustBundle` field of ClusterTrustBundle objects in an auto-updating file.'),
  configMap: ref(C('ConfigMapProjection'), 'configMap information about the configMap data to project'),
  downwardAPI: ref(C('DownwardAPIProjection'), 'downwardAPI information about the downwardAPI data to project'),
  secret: ref(C('SecretProjection'), 'secret information about the secret data to project'),
  serviceAccountToken: ref(C('ServiceAccountTokenProjection'), 'serviceAccountToken is information about the serviceAccountToken data to project'),
});

const configMapProjection = def(C('ConfigMapProjection'), 'Adapts a ConfigMap into a projected volume.', {
  items: refList(C('KeyToPath'), ITEMS_DOC, atomicList),
  name: str('Name of the referent.'),
  optional: bool('optional specify whether the ConfigMap or its keys must be defined'),
});

const secretProjection = def(C('SecretProjection'), 'Adapts a secret into a projected volume.', {
  items: refList(C('KeyToPath'), ITEMS_DOC, atomicList),
  name: str('Name of the referent.'),
  optional: bool('optional field specify whether the Secret or its key must be defined'),
});

const downwardAPIProjection = def(C('DownwardAPIProjection'), 'Represents downward API info for projecting into a projected volume.', {
  items: refList(C('DownwardAPIVolumeFile'), 'Items is a list of DownwardAPIVolume file', atomicList),
});

const saTokenProjection = def(
  C('ServiceAccountTokenProjection'),
  'ServiceAccountTokenProjection represents a projected service account token volume.',
  {
    audience: str('audience is the intended audience of the token. A recipient of a token must identify itself with an identifier specified in the audience of the token, and otherwise should reject the token.'),
    expirationSeconds: int64('expirationSeconds is the requested duration of validity of the service account token. Defaults to 1 hour and must be at least 10 minutes.'),
    path: req(str('path is the path relative to the mount point of the file to project the token into.')),
  },
);

export const VOLUME_DEFINITIONS: readonly Definition[] = [
  volume,
  keyToPath,
  configMapVolume,
  secretVolume,
  emptyDir,
  hostPath,
  pvcSource,
  downwardAPIVolume,
  downwardAPIFile,
  projected,
  projection,
  configMapProjection,
  secretProjection,
  downwardAPIProjection,
  saTokenProjection,
];
