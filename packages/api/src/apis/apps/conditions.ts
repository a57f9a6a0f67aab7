// The condition shape the apps and batch kinds share (each adds its own timestamps).

export interface WorkloadCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}
