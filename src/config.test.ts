// All environment reading is in config.ts: a wrong value stops the boot with a French message naming the variable,
// and every feature reads its settings from the one Config.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const base = { NODE_ENV: 'development' };

describe('loadConfig', () => {
  it('reads JOBS_WORKER as a yes/no: 0, no, false and non turn the worker off (they once turned it on)', () => {
    for (const off of ['0', 'no', 'false', 'non', 'FALSE'])
      expect(loadConfig({ ...base, JOBS_WORKER: off }).jobsWorker, off).toBe(false);
    for (const on of ['1', 'yes', 'true', 'oui'])
      expect(loadConfig({ ...base, JOBS_WORKER: on }).jobsWorker, on).toBe(true);
    expect(loadConfig(base).jobsWorker).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).jobsWorker).toBe(false);
    expect(() => loadConfig({ ...base, JOBS_WORKER: 'peut-être' })).toThrow(/JOBS_WORKER/);
  });

  it('reads the cases settings with their bounds', () => {
    expect(loadConfig(base).cases).toEqual({ reminderWorkingDays: 5, retentionMonths: 6 });
    expect(
      loadConfig({ ...base, CASE_REMINDER_WORKING_DAYS: '10', CASE_RETENTION_MONTHS: '12' }).cases,
    ).toEqual({ reminderWorkingDays: 10, retentionMonths: 12 });
    for (const [name, value] of [
      ['CASE_REMINDER_WORKING_DAYS', '0'],
      ['CASE_REMINDER_WORKING_DAYS', 'cinq'],
      ['CASE_RETENTION_MONTHS', '121'],
    ] as const) {
      expect(() => loadConfig({ ...base, [name]: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, [name]: value })).toThrow(new RegExp(name));
    }
  });
});
