// Anonymous usage counters: plans made (pages and API) and estimations asked.
// Only aggregates are ever written — (kind, month, territory, commune, life event, channel) → count — never a
// request, an answer or anything about a person. Counting must not slow the estimation API (thousands of requests
// a second): a count is added to a buffer in memory, and the buffer is written every few seconds in one statement
// (and when the app closes, and before each indicator refresh). A crash loses at most those few seconds of counts.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { currentCommuneCode } from '../territory/geography.ts';
import { membershipForYear } from '../territory/membership-store.ts';
import { monthOf } from './months.ts';
import type { CounterKind } from './tables.ts';

/** How often buffered counts are written. */
export const counterFlushMs = 5_000;

interface PendingCount {
  kind: CounterKind;
  month: string;
  commune: string;
  territoryId: string | null;
  lifeEvent: string;
  channel: string;
  count: number;
}

// One buffer per database (every Fastify context of an app shares its `db`).
const buffers = new WeakMap<Db, Map<string, PendingCount>>();

function bufferOf(db: Db): Map<string, PendingCount> {
  let buffer = buffers.get(db);
  if (!buffer) buffers.set(db, (buffer = new Map()));
  return buffer;
}

const safeToken = /^[a-z0-9-]{1,40}$/;

/** Adds to a counter. Unknown communes count as '' (unknown): no free text from a request reaches the table. */
export function addCount(
  db: Db,
  count: {
    kind: CounterKind;
    commune?: string | null | undefined;
    territoryId?: string | null | undefined;
    lifeEvent?: string | null | undefined;
    channel?: string;
    n?: number;
    at?: Date;
  },
): void {
  const n = count.n ?? 1;
  if (!Number.isInteger(n) || n <= 0) return;
  const commune = (count.commune && currentCommuneCode(count.commune)) || '';
  const lifeEvent = count.lifeEvent && safeToken.test(count.lifeEvent) ? count.lifeEvent : '';
  const territoryId = count.territoryId && safeToken.test(count.territoryId) ? count.territoryId : null;
  const channel = count.channel && safeToken.test(count.channel) ? count.channel : '';
  const month = monthOf(count.at ?? new Date());
  const key = [count.kind, month, commune, territoryId ?? '', lifeEvent, channel].join('|');
  const buffer = bufferOf(db);
  const pending = buffer.get(key);
  if (pending) pending.count += n;
  else buffer.set(key, { kind: count.kind, month, commune, territoryId, lifeEvent, channel, count: n });
}

/**
 * Writes the buffered counts, adding them to the stored ones. The territory of a count is the one its commune
 * belonged to in the geography of its month's year (or the territory the caller gave when there is no commune).
 */
export async function flushCounters(db: Db): Promise<number> {
  const buffer = bufferOf(db);
  if (buffer.size === 0) return 0;
  const pending = [...buffer.values()];
  buffer.clear();
  const memberships = new Map<number, Map<string, string>>();
  const rows = [];
  for (const p of pending) {
    const year = Number(p.month.slice(0, 4));
    if (!memberships.has(year)) memberships.set(year, await membershipForYear(db, year));
    const territoryId = (p.commune && memberships.get(year)!.get(p.commune)) || p.territoryId || '';
    rows.push({
      kind: p.kind,
      month: p.month,
      territory_id: territoryId,
      commune: p.commune,
      life_event: p.lifeEvent,
      channel: p.channel,
      count: p.count,
    });
  }
  // Two pending keys may meet once their territory is resolved: add them up before the upsert.
  const merged = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = [r.kind, r.month, r.territory_id, r.commune, r.life_event, r.channel].join('|');
    const existing = merged.get(key);
    if (existing) existing.count += r.count;
    else merged.set(key, { ...r });
  }
  try {
    await db
      .insertInto('usage_counters')
      .values([...merged.values()])
      .onConflict((oc) =>
        oc.columns(['kind', 'month', 'territory_id', 'commune', 'life_event', 'channel']).doUpdateSet({
          count: sql`usage_counters.count + excluded.count`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
  } catch (error) {
    // The database was away: put the counts back for the next flush rather than lose them.
    for (const p of pending) {
      const key = [p.kind, p.month, p.commune, p.territoryId ?? '', p.lifeEvent, p.channel].join('|');
      const again = buffer.get(key);
      if (again) again.count += p.count;
      else buffer.set(key, p);
    }
    throw error;
  }
  return pending.length;
}

/** A personal plan was shown on the pages or answered by the API: count it (month, commune, life event, channel). */
export function countPlanMade(
  app: { db: Db; clock: { now(): Date } },
  plan: { lifeEvent: { id: string }; commune: { inseeCode: string } | null },
  channel: 'page' | 'api',
): void {
  addCount(app.db, {
    kind: 'plan',
    lifeEvent: plan.lifeEvent.id,
    commune: plan.commune?.inseeCode,
    channel,
    at: app.clock.now(),
  });
}

/** A rights estimation was answered by the API: count it (month, commune). */
export function countEstimation(
  app: { db: Db; clock: { now(): Date } },
  commune: string | null | undefined,
): void {
  addCount(app.db, { kind: 'estimation', commune, channel: 'api', at: app.clock.now() });
}
