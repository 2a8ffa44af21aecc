// The territory's offer is read from memory for a minute: same answer, frozen, and forgotten when the seed
// is applied again (so that a change shows at once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/helpers.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { applyTerritorySeed, readTerritorySeed, territorySeedFiles } from './seed.ts';
import { findPlace, listPlaces } from './store.ts';

describe('territory offer in memory', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('answers from memory, frozen, and reads again once the seed is applied', async () => {
    const db = database.db;
    const first = await listPlaces(db, { territoryId: 'cahors' });
    expect(first.length).toBeGreaterThan(3);
    expect(await listPlaces(db, { territoryId: 'cahors' })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as unknown[]).push({})).toThrow();

    // A write behind the cache's back is not seen within the minute…
    const slug = first[0]!.slug;
    expect((await findPlace(db, slug))?.name).toBe(first[0]!.name);
    await sql`update places set name = 'Nom changé' where slug = ${slug}`.execute(db);
    expect((await findPlace(db, slug))?.name).not.toBe('Nom changé');
    // …but applying the seed forgets what was read (and puts the real name back).
    for (const file of territorySeedFiles()) await applyTerritorySeed(db, readTerritorySeed(file));
    const again = await listPlaces(db, { territoryId: 'cahors' });
    expect(again).not.toBe(first);
    expect(again.find((p) => p.slug === slug)?.name).toBe(first[0]!.name);
  });
});
