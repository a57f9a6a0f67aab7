import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../../field.js';
import { cronScheduleError } from './cron.js';
import { setDefaultsCronJob, validateCronJob, validateTimeZone } from './cronjob.js';
import type { CronJob } from './job-types.js';

function cronJob(schedule = '*/5 * * * *'): CronJob {
  return {
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule,
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } } } },
    },
  };
}

describe('cron schedules (robfig/cron standard parser)', () => {
  it.each(['*/5 * * * *', '0 0 * * 0', '0 9-17 * JAN-mar mon-fri', '@daily', '@every 1h30m', '5,10 * * * *'])('accepts %s', (s) => {
    expect(cronScheduleError(s)).toBeUndefined();
  });

  it.each([
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['@often', 'unrecognized descriptor: @often'],
    ['', 'empty spec string'],
  ])('rejects %j', (s, err) => {
    expect(cronScheduleError(s)).toBe(err);
  });
});

describe('CronJob', () => {
  it('defaults concurrency, suspension and history limits', () => {
    const cj = cronJob();
    setDefaultsCronJob(cj);
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(validateCronJob(cj)).toEqual([]);
  });

  it('reports the parser error on spec.schedule', () => {
    const cj = cronJob('61 * * * *');
    setDefaultsCronJob(cj);
    expect(validateCronJob(cj).map(fieldErrorMessage)).toEqual(['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']);
  });

  it('refuses TZ in the schedule, selectors in the job template and long names', () => {
    const cj = cronJob('TZ=UTC 0 * * * *');
    cj.metadata.name = 'x'.repeat(53);
    cj.spec.jobTemplate.spec.selector = { matchLabels: { a: 'b' } };
    setDefaultsCronJob(cj);
    expect(validateCronJob(cj).map(fieldErrorMessage)).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated',
      `metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`,
    ]);
  });

  it('validates time zones', () => {
    expect(validateTimeZone('Europe/Paris', 'spec.timeZone')).toEqual([]);
    expect(validateTimeZone('Mars/Olympus', 'spec.timeZone').map(fieldErrorMessage)).toEqual([
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]);
    expect(validateTimeZone('Local', 'spec.timeZone').map(fieldErrorMessage)[0]).toBe(
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    );
  });
});
