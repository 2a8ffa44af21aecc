// The bus as data in the pages: a commune's next passages, its calendar file, the stop's page with the booking
// link, and the directory ranked by distance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers.ts';

describe('bus and directory pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { fixedToday: '2026-12-06' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the next passage in Arcambal, a timetable and a calendar of passages', async () => {
    // The demo stop of Arcambal: every other Monday 9:00–12:00 from Monday 7 December 2026.
    const page = await t.app.inject('/bus/46007');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-next-passage="2026-12-07"');
    expect(page.body).toContain('un lundi sur deux');
    expect(page.body).toContain('href="/rendez-vous?lieu=arret-bus-arcambal"');
    const ics = await t.app.inject('/bus/46007/passages.ics');
    expect(ics.headers['content-type']).toContain('text/calendar');
    // 7 Dec, 21 Dec, 4 Jan… one Monday in two over twelve weeks: 6 passages (no public holiday on those Mondays).
    expect(ics.body.match(/BEGIN:VEVENT/g)).toHaveLength(6);
    expect(ics.body).toContain('DTSTART:20261207T080000Z');
  });

  it('says kindly when the bus does not stop in a commune', async () => {
    const cahors = await t.app.inject('/bus/46042');
    expect(cahors.statusCode).toBe(404);
    expect(cahors.body).toContain('ne s’arrête pas à Cahors');
    expect((await t.app.inject('/bus/99999')).statusCode).toBe(404);
  });

  it('shows a stop with its passages and the booking link, and places by distance', async () => {
    const stop = await t.app.inject('/lieux/arret-bus-arcambal');
    expect(stop.statusCode).toBe(200);
    expect(stop.body).toContain('lundi 7 décembre 2026, de 9 h à 12 h');
    expect(stop.body).toContain('Prendre rendez-vous');
    const catus = await t.app.inject('/lieux?commune=46064');
    expect(catus.body.indexOf('data-place="france-services-catus"')).toBeLessThan(
      catus.body.indexOf('data-place="mairie-cahors"'),
    );
    expect(catus.body).toMatch(/à moins d’1 km|à 0 km|à 1 km/);
    const place = await t.app.inject('/lieux/france-services-catus');
    expect(place.body).toContain('data-service="caf-prestations"');
  });
});
