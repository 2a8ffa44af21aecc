// Recurring jobs (nightly retention, hourly deadline checks, weekly digests) without a scheduler table:
// each period has a key ("cases.retention@2026-11-27"), and enqueuing with that idempotency key is a no-op
// when the period's job exists. Every instance may try; exactly one job per period is created.
import type { JobQueue } from './queue.ts';

export type Every = 'minutes' | 'hourly' | 'daily' | 'weekly';

export interface Schedule {
  kind: string;
  every: Every;
  /** UTC hour of the run for daily and weekly schedules (weekly runs on Mondays). */
  atHourUtc?: number;
  /** Length of the period of a 'minutes' schedule (a divisor of 60 keeps periods aligned on the hour). */
  minutes?: number;
}

/** The period a date falls in, and when that period's run is due. */
export function periodOf(schedule: Schedule, now: Date): { key: string; runAt: Date } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const hour = schedule.atHourUtc ?? 0;
  if (schedule.every === 'minutes') {
    const length = Math.max(1, schedule.minutes ?? 5) * 60_000;
    const runAt = new Date(Math.floor(now.getTime() / length) * length);
    return { key: `${schedule.kind}@${runAt.toISOString().slice(0, 16)}`, runAt };
  }
  if (schedule.every === 'hourly') {
    const runAt = new Date(day.getTime() + now.getUTCHours() * 3600_000);
    return { key: `${schedule.kind}@${runAt.toISOString().slice(0, 13)}`, runAt };
  }
  if (schedule.every === 'daily') {
    return {
      key: `${schedule.kind}@${day.toISOString().slice(0, 10)}`,
      runAt: new Date(day.getTime() + hour * 3600_000),
    };
  }
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86400_000);
  return {
    key: `${schedule.kind}@week-${monday.toISOString().slice(0, 10)}`,
    runAt: new Date(monday.getTime() + hour * 3600_000),
  };
}

/** Creates the job of the current period of each schedule, unless it exists. */
export async function enqueueScheduled(
  queue: JobQueue,
  schedules: Schedule[],
  now: Date = new Date(),
): Promise<void> {
  for (const schedule of schedules) {
    const { key, runAt } = periodOf(schedule, now);
    await queue.enqueue(schedule.kind, { period: key }, { idempotencyKey: key, runAt, maxAttempts: 3 });
  }
}
