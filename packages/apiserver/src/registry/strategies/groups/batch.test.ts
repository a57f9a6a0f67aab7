import { describe, expect, it } from 'vitest';
import type { KObject, Strategy } from '../../strategy.js';
import { GROUP_STRATEGIES } from './index.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const jobs = GROUP_STRATEGIES['batch/jobs'] as Strategy;
const cronjobs = GROUP_STRATEGIES['batch/cronjobs'] as Strategy;

function job(): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'u-9', creationTimestamp: '2024-05-01T11:00:00Z' },
    spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }], restartPolicy: 'Never' } } },
  };
}

function created(obj: KObject, s: Strategy): KObject {
  s.prepareForCreate?.(obj);
  s.defaults?.(obj);
  return obj;
}

describe('batch/jobs', () => {
  it('generates the selector on create and validates', () => {
    const j = created(job(), jobs);
    expect(j.spec).toMatchObject({ selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-9' } }, completions: 1, backoffLimit: 6 });
    expect(j.status).toEqual({});
    expect(jobs.validate?.(j)).toEqual([]);
  });

  it('prints status, completions and duration as kubectl get jobs', () => {
    const j = created(job(), jobs);
    expect(jobs.table?.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector']);
    expect(jobs.table?.cells(j, NOW)).toEqual(['pi', 'Running', '0/1', '', '60m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=u-9']);
    j.status = {
      succeeded: 1,
      startTime: '2024-05-01T11:00:00Z',
      completionTime: '2024-05-01T11:00:42Z',
      conditions: [{ type: 'Complete', status: 'True' }],
    };
    expect(jobs.table?.cells(j, NOW).slice(1, 4)).toEqual(['Complete', '1/1', '42s']);
    expect(jobs.selectableFields?.(j)).toEqual({ 'status.successful': '1' });
  });

  it('prints work-queue completions and a running duration', () => {
    const j = job();
    (j.spec as { parallelism: number }).parallelism = 3;
    created(j, jobs);
    j.status = { startTime: '2024-05-01T11:58:00Z', conditions: [{ type: 'Suspended', status: 'True' }] };
    expect(jobs.table?.cells(j, NOW).slice(1, 4)).toEqual(['Suspended', '0/1 of 3', '2m']);
  });

  it('refuses template changes on update', () => {
    const old = created(job(), jobs);
    const next = structuredClone(old);
    (next.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0]!.image = 'perl:6';
    expect(jobs.validateUpdate?.(next, old).map((e) => `${e.field}: ${e.detail}`)).toEqual(['spec.template: field is immutable']);
  });
});

describe('batch/cronjobs', () => {
  it('prints schedule, time zone, suspension and last schedule', () => {
    const cj = created(
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'hello', namespace: 'default', creationTimestamp: '2024-05-01T10:00:00Z' },
        spec: {
          schedule: '*/1 * * * *',
          jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }], restartPolicy: 'OnFailure' } } } },
        },
      },
      cronjobs,
    );
    expect(cronjobs.validate?.(cj)).toEqual([]);
    expect(cronjobs.table?.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Name:string', 'Schedule:string', 'Timezone:string', 'Suspend:boolean', 'Active:integer', 'Last Schedule:string',
      'Age:string', 'Containers:string', 'Images:string', 'Selector:string',
    ]);
    expect(cronjobs.table?.cells(cj, NOW)).toEqual(['hello', '*/1 * * * *', '<none>', 'False', 0, '<none>', '120m', 'hello', 'busybox', '<none>']);
    cj.status = { active: [{ name: 'hello-1' }], lastScheduleTime: '2024-05-01T11:59:00Z' };
    expect(cronjobs.table?.cells(cj, NOW).slice(4, 6)).toEqual([1, '60s']);
  });
});
