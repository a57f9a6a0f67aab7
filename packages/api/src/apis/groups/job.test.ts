import { describe, expect, it } from 'vitest';
import { fieldErrorMessage, type FieldError } from '../../field.js';
import { generateJobSelector, setDefaultsJob, validateJob } from './job.js';
import type { Job } from './job-types.js';
import { validateJobUpdate } from './job-update.js';

const msgs = (errs: FieldError[]): string[] => errs.map(fieldErrorMessage);

function job(): Job {
  return {
    metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
    spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } } },
  };
}

/** What the server does on create: prepareForCreate (selector), then defaults. */
function created(j = job()): Job {
  generateJobSelector(j);
  setDefaultsJob(j);
  return j;
}

describe('Job defaults and generated selector', () => {
  it('defaults a non-parallel job', () => {
    const j = created();
    expect(j.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
    });
  });

  it('selects the uid and labels the template with uid and name', () => {
    const j = created();
    expect(j.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    expect(j.spec.template.metadata?.labels).toEqual({
      'batch.kubernetes.io/controller-uid': 'u-1',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'u-1',
      'job-name': 'pi',
    });
    expect(j.metadata.labels).toEqual(j.spec.template.metadata?.labels);
    expect(validateJob(j)).toEqual([]);
  });

  it('leaves completions unset for work queues', () => {
    const j = job();
    j.spec.parallelism = 3;
    created(j);
    expect(j.spec.completions).toBeUndefined();
  });
});

describe('Job validation', () => {
  it('rejects restartPolicy Always with upstream wording', () => {
    const j = job();
    j.spec.template.spec.restartPolicy = 'Always';
    expect(msgs(validateJob(created(j)))).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
  });

  it('rejects a selector that was not generated', () => {
    const j = job();
    j.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'other' } };
    expect(msgs(validateJob(created(j)))).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"batch.kubernetes.io/controller-uid":"other"}}: `selector` not auto-generated',
      'spec.template.metadata.labels: Invalid value: {"job-name":"pi","batch.kubernetes.io/job-name":"pi","controller-uid":"u-1","batch.kubernetes.io/controller-uid":"u-1"}: `selector` does not match template `labels`',
    ]);
  });

  it('checks conflicting generated labels', () => {
    const j = job();
    j.spec.template.metadata = { labels: { 'job-name': 'nope' } };
    expect(msgs(validateJob(created(j)))[0]).toBe(
      'spec.template.metadata.labels[job-name]: Invalid value: {"job-name":"nope","batch.kubernetes.io/job-name":"pi","controller-uid":"u-1","batch.kubernetes.io/controller-uid":"u-1"}: must be \'pi\'',
    );
  });

  it('trusts a manual selector', () => {
    const j = job();
    j.spec.manualSelector = true;
    j.spec.selector = { matchLabels: { app: 'x' } };
    j.spec.template.metadata = { labels: { app: 'x' } };
    expect(validateJob(created(j))).toEqual([]);
  });

  it('rejects negative counts and bad completion modes', () => {
    const j = job();
    j.spec.backoffLimit = -1;
    j.spec.completionMode = 'Sometimes';
    expect(msgs(validateJob(created(j)))).toEqual([
      'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
      'spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"',
    ]);
  });

  it('checks pod failure policy rules', () => {
    const j = job();
    j.spec.podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [0, 3, 2] } }] };
    expect(msgs(validateJob(created(j)))).toEqual([
      'spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [0,3,2]: must be ordered',
    ]);
  });
});

describe('Job updates', () => {
  it('keeps selector, template and completions fixed', () => {
    const old = created();
    const next = structuredClone(old);
    next.spec.completions = 2;
    next.spec.template.spec.containers[0]!.image = 'perl:2';
    expect(msgs(validateJobUpdate(next, old)).map((m) => m.replace(/Invalid value: .*: field/, 'Invalid value: …: field'))).toEqual([
      'spec.completions: Invalid value: …: field is immutable',
      'spec.template: Invalid value: …: field is immutable',
    ]);
  });

  it('lets a suspended job that never started move to other nodes', () => {
    const old = created();
    old.spec.suspend = true;
    const next = structuredClone(old);
    next.spec.template.spec.nodeSelector = { zone: 'b' };
    expect(validateJobUpdate(next, old)).toEqual([]);
  });
});
