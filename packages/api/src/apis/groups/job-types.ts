// batch/v1 Job and CronJob types, with Kubernetes' JSON field names.
import type { KubeObject, LabelSelector, ObjectMeta } from '../../meta.js';
import type { PodTemplateSpec } from '../core/index.js';
import type { WorkloadCondition } from '../apps/conditions.js';

export type CompletionMode = 'NonIndexed' | 'Indexed';
export type PodReplacementPolicy = 'TerminatingOrFailed' | 'Failed';

export interface PodFailurePolicyOnExitCodesRequirement {
  containerName?: string;
  operator?: 'In' | 'NotIn' | string;
  values?: number[];
}

export interface PodFailurePolicyOnPodConditionsPattern {
  type?: string;
  status?: 'True' | 'False' | 'Unknown' | string;
}

export interface PodFailurePolicyRule {
  action?: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count' | string;
  onExitCodes?: PodFailurePolicyOnExitCodesRequirement | null;
  onPodConditions?: PodFailurePolicyOnPodConditionsPattern[];
}

export interface PodFailurePolicy {
  rules?: PodFailurePolicyRule[];
}

export interface SuccessPolicy {
  rules?: Array<{ succeededIndexes?: string; succeededCount?: number }>;
}

export interface JobSpec {
  parallelism?: number;
  completions?: number | null;
  activeDeadlineSeconds?: number;
  podFailurePolicy?: PodFailurePolicy | null;
  successPolicy?: SuccessPolicy | null;
  backoffLimit?: number;
  backoffLimitPerIndex?: number | null;
  maxFailedIndexes?: number | null;
  selector?: LabelSelector | null;
  manualSelector?: boolean;
  template: PodTemplateSpec;
  ttlSecondsAfterFinished?: number | null;
  completionMode?: CompletionMode | string;
  suspend?: boolean;
  podReplacementPolicy?: PodReplacementPolicy | string;
  managedBy?: string;
}

export interface JobCondition extends WorkloadCondition {
  lastProbeTime?: string;
}

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  ready?: number;
}

export interface Job extends KubeObject {
  spec: JobSpec;
  status?: JobStatus;
}

export interface JobTemplateSpec {
  metadata?: ObjectMeta;
  spec: JobSpec;
}

export interface CronJobSpec {
  schedule: string;
  timeZone?: string | null;
  startingDeadlineSeconds?: number | null;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace' | string;
  suspend?: boolean;
  jobTemplate: JobTemplateSpec;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export interface CronJobStatus {
  active?: Array<{ kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string; resourceVersion?: string }>;
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

export interface CronJob extends KubeObject {
  spec: CronJobSpec;
  status?: CronJobStatus;
}

/** The labels the server puts on a Job's pod template when it generates the selector. */
export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
