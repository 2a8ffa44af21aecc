// The platform's clock and its fixed day: refused in production and when not a real date.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { fixedDayClock, systemClock } from './clock.ts';
import { todayInParis } from './dates.ts';

describe('clock', () => {
  it('reads the system clock by default, a fixed day when FIXED_TODAY is set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).fixedToday).toBeUndefined();
    expect(systemClock.today()).toBe(todayInParis());
    expect(loadConfig({ NODE_ENV: 'test', FIXED_TODAY: '2027-01-19' }).fixedToday).toBe('2027-01-19');
    const clock = fixedDayClock('2027-01-19');
    expect(clock.today()).toBe('2027-01-19');
    expect(clock.now().toISOString().slice(0, 10)).toBe('2027-01-19');
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
