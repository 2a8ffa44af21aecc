// The platform's clock and its fixed day: refused in production and when not a real date.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { fixedDayClock, systemClock } from './clock.ts';
import { parisDateTime, todayInParis } from './dates.ts';

describe('clock', () => {
  it('reads the system clock by default, a fixed day when FIXED_TODAY is set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).fixedToday).toBeUndefined();
    expect(systemClock.today()).toBe(todayInParis());
    expect(loadConfig({ NODE_ENV: 'test', FIXED_TODAY: '2027-01-19' }).fixedToday).toBe('2027-01-19');
    const clock = fixedDayClock('2027-01-19');
    expect(clock.today()).toBe('2027-01-19');
    expect(todayInParis(clock.now())).toBe('2027-01-19');
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps the Paris date of "now" on the fixed day at 0 h 30 in Paris, when the UTC date is the day before', () => {
    vi.useFakeTimers({ now: new Date('2026-12-06T23:30:20Z'), toFake: ['Date'] });
    const now = fixedDayClock('2027-01-19').now();
    // 23:30 UTC is 0:30 in Paris in winter (UTC+1): the fixed day at 0:30, which is 23:30 UTC the day before.
    expect(parisDateTime(now)).toEqual({ date: '2027-01-19', time: '00:30' });
    expect(now.toISOString()).toBe('2027-01-18T23:30:20.000Z');
  });

  it('refuses a fixed day in production and a day that does not exist, in French', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        FIXED_TODAY: '2027-01-19',
        SESSION_SECRET: 'x'.repeat(40),
        FILES_KEY: Buffer.alloc(32, 1).toString('base64'),
        DEV_MAILBOX: 'false',
      }),
    ).toThrow(new ConfigError('FIXED_TODAY ne peut pas être utilisé en production'));
    expect(() => loadConfig({ NODE_ENV: 'test', FIXED_TODAY: '2027-02-30' })).toThrow(/AAAA-MM-JJ/);
  });
});
