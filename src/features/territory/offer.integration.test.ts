// Keeping the offer right in the pages: the pilot changes a place's hours (bad hours refused in French, nothing
// stored) and adds a closure, every change journaled; an organisation manager marks a service checked; a service
// not checked for six months is mailed to its organisation's managers and shown on the freshness report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, formContext, sessionCookieFor, type TestApp } from '../../../test/helpers.ts';

describe('editing the offer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { fixedToday: '2026-12-06' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = async (cookie: string, url: string, form: Record<string, string>) => {
    const ctx = await formContext(t, '/offre', cookie);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: ctx.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: ctx.csrf, ...form }).toString(),
    });
  };

  it('lets the pilot change hours and add a closure, refusing hours like 25:00', async () => {
    const pilot = await sessionCookieFor(t, 'pilote@demo.localhost');
    const before = await t.db
      .selectFrom('places')
      .select('opening_hours')
      .where('slug', '=', 'mdph-lot')
      .executeTakeFirstOrThrow();
    const bad = await post(pilot, '/offre/lieux/mdph-lot', {
      horaires: 'Mo 25:00-26:00',
      telephone: '05 65 53 51 40',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('syntaxe opening_hours non reconnue');
    const unchanged = await t.db
      .selectFrom('places')
      .select('opening_hours')
      .where('slug', '=', 'mdph-lot')
      .executeTakeFirstOrThrow();
    expect(unchanged.opening_hours).toEqual(before.opening_hours);

    const good = await post(pilot, '/offre/lieux/mdph-lot', {
      horaires: 'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
      telephone: '05 65 53 51 40',
    });
    expect(good.statusCode).toBe(200);
    const place = await t.app.inject('/lieux/mdph-lot');
    expect(place.body).toContain('lundi : 9 h – 12 h, 14 h – 17 h');
    const closure = await post(pilot, '/offre/lieux/mdph-lot/fermetures', {
      du: '2026-12-24',
      au: '2026-12-31',
      motif: 'congés de fin d’année',
    });
    expect(closure.statusCode).toBe(200);
    expect((await t.app.inject('/lieux/mdph-lot')).body).toContain('congés de fin d’année');
    const journal = await t.db
      .selectFrom('audit_journal')
      .select(['subject_type', 'action'])
      .where('subject_type', 'in', ['place', 'place-closure'])
      .execute();
    expect(journal).toEqual(
      expect.arrayContaining([
        { subject_type: 'place', action: 'update' },
        { subject_type: 'place-closure', action: 'create' },
      ]),
    );
    // The seed, applied again at the next start, leaves the edited place alone.
    const { applyTerritorySeed, readTerritorySeed, territorySeedFiles } = await import('./seed.ts');
    for (const file of territorySeedFiles()) await applyTerritorySeed(t.db, readTerritorySeed(file));
    expect((await t.app.inject('/lieux/mdph-lot')).body).toContain('lundi : 9 h – 12 h, 14 h – 17 h');
  });

  it('refuses a manager the places of other organisations', async () => {
    const manager = await sessionCookieFor(t, 'responsable-caf@demo.localhost');
    const response = await t.app.inject({ url: '/offre/lieux/mdph-lot', headers: { cookie: manager } });
    expect(response.statusCode).toBe(403);
  });

  it('flags a service not checked for six months to its owners, and lets them mark it checked', async () => {
    await t.db
      .updateTable('services')
      .set({ last_checked_on: '2026-05-01' })
      .where('slug', '=', 'caf-prestations')
      .execute();
    await t.app.jobs.tick(new Date('2026-12-07T07:00:00Z'));
    const mail = await t.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'mail.send')
      .where('idempotency_key', 'like', 'mail:offer-stale:%')
      .execute();
    expect(mail).toHaveLength(1);
    expect((mail[0]!.payload as { to: string; text: string }).to).toBe('responsable-caf@demo.localhost');
    expect((mail[0]!.payload as { text: string }).text).toContain('Prestations de la CAF');
    const pilot = await sessionCookieFor(t, 'pilote@demo.localhost');
    const report = await t.app.inject({ url: '/offre/fraicheur', headers: { cookie: pilot } });
    expect(report.body).toContain('data-service="caf-prestations"');

    const manager = await sessionCookieFor(t, 'responsable-caf@demo.localhost');
    const id = (
      await t.db
        .selectFrom('services')
        .select('id')
        .where('slug', '=', 'caf-prestations')
        .executeTakeFirstOrThrow()
    ).id;
    const checked = await post(manager, `/offre/services/${id}/verifie`, {});
    expect(checked.statusCode).toBe(200);
    const row = await t.db
      .selectFrom('services')
      .select('last_checked_on')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.last_checked_on).toBe('2026-12-06');
    const after = await t.app.inject({ url: '/offre/fraicheur', headers: { cookie: pilot } });
    expect(after.body).not.toContain('data-service="caf-prestations"');
  });
});
