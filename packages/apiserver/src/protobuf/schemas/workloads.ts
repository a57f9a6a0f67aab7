// k8s.io.api.apps.v1 Deployment and k8s.io.api.batch.v1 Job and CronJob. kubectl sends their
// status blocks zero-filled; they decode like any other field (the registry ignores status on
// create).
import { message, opaque } from '../schema.js';
import { OBJECT_REFERENCE } from './core.js';
import { LABEL_SELECTOR, OBJECT_META } from './meta.js';
import { POD_TEMPLATE_SPEC } from './pod.js';

const DEPLOYMENT_STRATEGY = message('DeploymentStrategy', [
  [1, 'type', 'string'],
  [
    2,
    'rollingUpdate',
    message('RollingUpdateDeployment', [
      [1, 'maxUnavailable', 'intOrString', 'optional'],
      [2, 'maxSurge', 'intOrString', 'optional'],
    ]),
    'optional',
  ],
]);

const DEPLOYMENT_SPEC = message('DeploymentSpec', [
  [1, 'replicas', 'int32', 'optional'],
  [2, 'selector', LABEL_SELECTOR, 'optional'],
  [3, 'template', POD_TEMPLATE_SPEC],
  [4, 'strategy', DEPLOYMENT_STRATEGY],
  [5, 'minReadySeconds', 'int32'],
  [6, 'revisionHistoryLimit', 'int32', 'optional'],
  [7, 'paused', 'bool'],
  [9, 'progressDeadlineSeconds', 'int32', 'optional'],
]);

const DEPLOYMENT_STATUS = message('DeploymentStatus', [
  [1, 'observedGeneration', 'int64'],
  [2, 'replicas', 'int32'],
  [3, 'updatedReplicas', 'int32'],
  [4, 'availableReplicas', 'int32'],
  [5, 'unavailableReplicas', 'int32'],
  [6, 'conditions', opaque('DeploymentCondition'), 'list'],
  [7, 'readyReplicas', 'int32'],
  [8, 'collisionCount', 'int32', 'optional'],
]);

export const DEPLOYMENT = message('Deployment', [
  [1, 'metadata', OBJECT_META],
  [2, 'spec', DEPLOYMENT_SPEC],
  [3, 'status', DEPLOYMENT_STATUS],
]);

const JOB_SPEC = message('JobSpec', [
  [1, 'parallelism', 'int32', 'optional'],
  [2, 'completions', 'int32', 'optional'],
  [3, 'activeDeadlineSeconds', 'int64', 'optional'],
  [4, 'selector', LABEL_SELECTOR, 'optional'],
  [5, 'manualSelector', 'bool', 'optional'],
  [6, 'template', POD_TEMPLATE_SPEC],
  [7, 'backoffLimit', 'int32', 'optional'],
  [8, 'ttlSecondsAfterFinished', 'int32', 'optional'],
  [9, 'completionMode', 'string', 'optional'],
  [10, 'suspend', 'bool', 'optional'],
  [11, 'podFailurePolicy', opaque('PodFailurePolicy'), 'optional'],
  [12, 'backoffLimitPerIndex', 'int32', 'optional'],
  [13, 'maxFailedIndexes', 'int32', 'optional'],
  [14, 'podReplacementPolicy', 'string', 'optional'],
  [15, 'managedBy', 'string', 'optional'],
  [16, 'successPolicy', opaque('SuccessPolicy'), 'optional'],
]);

const JOB_STATUS = message('JobStatus', [
  [1, 'conditions', opaque('JobCondition'), 'list'],
  [2, 'startTime', 'time', 'optional'],
  [3, 'completionTime', 'time', 'optional'],
  [4, 'active', 'int32'],
  [5, 'succeeded', 'int32'],
  [6, 'failed', 'int32'],
  [7, 'completedIndexes', 'string'],
  [8, 'uncountedTerminatedPods', opaque('UncountedTerminatedPods'), 'optional'],
  [9, 'ready', 'int32', 'optional'],
  [10, 'failedIndexes', 'string', 'optional'],
  [11, 'terminating', 'int32', 'optional'],
]);

export const JOB = message('Job', [
  [1, 'metadata', OBJECT_META],
  [2, 'spec', JOB_SPEC],
  [3, 'status', JOB_STATUS],
]);

const CRON_JOB_SPEC = message('CronJobSpec', [
  [1, 'schedule', 'string', 'required'],
  [2, 'startingDeadlineSeconds', 'int64', 'optional'],
  [3, 'concurrencyPolicy', 'string'],
  [4, 'suspend', 'bool', 'optional'],
  [
    5,
    'jobTemplate',
    message('JobTemplateSpec', [
      [1, 'metadata', OBJECT_META],
      [2, 'spec', JOB_SPEC],
    ]),
  ],
  [6, 'successfulJobsHistoryLimit', 'int32', 'optional'],
  [7, 'failedJobsHistoryLimit', 'int32', 'optional'],
  [8, 'timeZone', 'string', 'optional'],
]);

export const CRON_JOB = message('CronJob', [
  [1, 'metadata', OBJECT_META],
  [2, 'spec', CRON_JOB_SPEC],
  [
    3,
    'status',
    message('CronJobStatus', [
      [1, 'active', OBJECT_REFERENCE, 'list'],
      [4, 'lastScheduleTime', 'time', 'optional'],
      [5, 'lastSuccessfulTime', 'time', 'optional'],
    ]),
  ],
]);
