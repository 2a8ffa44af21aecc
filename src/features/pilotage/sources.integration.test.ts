// The indicators the other features declare in their own folders reach the indicator store and the pilot's page:
// appointments booked, seen, missed, walk-ins and the people met at each bus stop (appointments/indicators.ts),
// aller-vers (outreach/indicators.ts), and the questions and documents not asked again (resident-file/indicators.ts).
// The records are written as those features write them (rows of their tables), then the store is refreshed; each
// figure below is counted by hand from the rows written here, as a difference from before, since the demo seed
// may already hold some.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  sessionCookieFor,
  type TestApp,
} from '../../../test/helpers.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import { insertUser } from '../../../test/factories.ts';
import { indicatorSources } from '../indicators.ts';
import { addMonths, monthOf } from './months.ts';
import { buildPublication, publicValue } from './publication.ts';
import { refreshIndicators } from './refresh.ts';

for (const kind of databaseKinds) {
  describe(`indicators declared by appointments, outreach and the resident's file, on ${kind}`, () => {
    let t: TestApp;
    let month: string;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
      month = monthOf(t.app.clock.now());
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    const value = async (
      indicator: string,
      filter: { territory?: string; breakdown?: string; commune?: string } = {},
    ) => {
      const row = await sql<{ v: number }>`
        select coalesce(sum(value), 0) as v from indicator_values
        where indicator = ${indicator} and territory_id = ${filter.territory ?? 'cahors'} and month = ${month}
          and (${filter.breakdown ?? null}::text is null or breakdown = ${filter.breakdown ?? null})
          and (${filter.commune ?? null}::text is null or commune = ${filter.commune ?? null})`.execute(t.db);
      return Number(row.rows[0]!.v);
    };
    const snapshot = async (
      names: [string, { territory?: string; breakdown?: string; commune?: string }?][],
    ) => Promise.all(names.map(([indicator, filter]) => value(indicator, filter)));

    it('counts appointments, walk-ins, people met per bus stop, outreach results and what was not asked again', async () => {
      const now = t.app.clock.now();
      // A counter of Cahors that is not a bus stop, and a stop of the bus of the Grand Cahors.
      const counter = await t.db
        .selectFrom('places')
        .select(['id', 'slug', 'name', 'commune_insee', 'organisation_id'])
        .where('territory_id', '=', 'cahors')
        .where('commune_insee', 'is not', null)
        .where('organisation_id', 'is not', null)
        .where('id', 'not in', t.db.selectFrom('bus_stops').select('place_id'))
        .where('id', 'not in', t.db.selectFrom('bus_tours').select('place_id'))
        .orderBy('slug')
        .executeTakeFirstOrThrow();
      const stop = await t.db
        .selectFrom('bus_stops')
        .innerJoin('places', 'places.id', 'bus_stops.place_id')
        .select(['places.id', 'places.slug', 'places.name', 'places.commune_insee'])
        .where('places.territory_id', '=', 'cahors')
        .orderBy('places.slug')
        .executeTakeFirstOrThrow();
      // The bus itself, where an agent may note a visit without saying at which stop.
      const bus = await t.db
        .selectFrom('bus_tours')
        .innerJoin('places', 'places.id', 'bus_tours.place_id')
        .select(['places.id', 'places.slug'])
        .where('bus_tours.territory_id', '=', 'cahors')
        .executeTakeFirstOrThrow();
      const measured: [string, { territory?: string; breakdown?: string; commune?: string }?][] = [
        ['appointments-booked'],
        ['appointments-booked-by-channel', { breakdown: 'public' }],
        ['appointments-booked-by-channel', { breakdown: 'agent' }],
        ['appointments-seen'],
        ['appointments-seen', { commune: counter.commune_insee! }],
        ['appointments-no-shows'],
        ['appointments-outcome', { breakdown: 'booked' }],
        ['walk-ins'],
        ['bus-stop-people', { breakdown: stop.slug }],
        ['bus-stop-people', { breakdown: counter.slug }],
        ['bus-stop-people', { breakdown: bus.slug }],
        ['outreach-found', { breakdown: 'rsa' }],
        ['outreach-found'],
        ['outreach-notified'],
        ['outreach-outcomes', { breakdown: 'claim-filed' }],
        ['questions-not-asked-again', { breakdown: 'birth' }],
        ['documents-not-asked-again', { breakdown: 'birth' }],
        ['appointments-booked', { territory: 'figeac' }],
      ];
      const refresh = () => refreshIndicators(t.db, indicatorSources, t.app.clock.now(), { full: true });
      await refresh();
      const before = await snapshot(measured);

      // Appointments, as the booking and the agenda write them: an agent of our own (no clash with the demo's
      // agendas), a motif of the counter's organisation, every appointment due on the 2nd of this month.
      const agent = await insertUser(t.db, {
        email: 'agent-indicateurs@demo.localhost',
        displayName: 'Agent des indicateurs',
        role: 'helper',
        organisationId: counter.organisation_id,
      });
      const motif = await t.db
        .insertInto('appointment_motifs')
        .values({
          organisation_id: counter.organisation_id!,
          name: 'Motif des indicateurs',
          duration_minutes: 30,
          channel: 'on-site',
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const base = new Date(`${month}-02T07:00:00Z`).getTime();
      const appointments: [string, string, 'public' | 'agent'][] = [
        [counter.id, 'seen', 'public'],
        [counter.id, 'seen', 'public'],
        [counter.id, 'no-show', 'public'],
        [counter.id, 'booked', 'public'],
        [stop.id, 'seen', 'agent'],
      ];
      await t.db
        .insertInto('appointments')
        .values(
          appointments.map(([place, status, via], i) => ({
            motif_id: motif.id,
            place_id: place,
            agent_id: agent,
            starts_at: new Date(base + i * 3_600_000),
            ends_at: new Date(base + i * 3_600_000 + 1_800_000),
            status: status as 'seen',
            consent_at: now,
            booked_via: via,
            created_at: now,
          })),
        )
        .execute();
      // Walk-ins: two at the counter, three at the bus stop, one in the bus without its stop.
      await t.db
        .insertInto('walk_ins')
        .values(
          [counter.id, counter.id, stop.id, stop.id, stop.id, bus.id].map((place) => ({
            place_id: place,
            agent_id: agent,
            reason: 'Question sur le RSA',
            at: now,
          })),
        )
        .execute();
      // Aller-vers: a consenting resident, two rights found this month, one told of and followed to a claim.
      const resident = await insertUser(t.db, {
        email: 'usager-indicateurs@demo.localhost',
        displayName: 'Usager des indicateurs',
        role: 'resident',
      });
      await t.db
        .insertInto('outreach_rights')
        .values([
          {
            user_id: resident,
            benefit_id: 'rsa',
            territory_id: 'cahors',
            first_probable_at: now,
            notified_at: now,
            outcome: 'claim-filed',
            outcome_at: now,
          },
          { user_id: resident, benefit_id: 'prime-activite', territory_id: 'cahors', first_probable_at: now },
        ])
        .execute();
      // Say it once: the resident's file spared three questions and one document of a birth today.
      await sql`
        insert into file_reuse_counts (territory_id, life_event, day, questions_avoided, documents_avoided)
        values ('cahors', 'birth', ${t.app.clock.today()}, 3, 1)
        on conflict (territory_id, life_event, day) do update set
          questions_avoided = file_reuse_counts.questions_avoided + 3,
          documents_avoided = file_reuse_counts.documents_avoided + 1`.execute(t.db);

      await refresh();
      const after = await snapshot(measured);
      const delta = Object.fromEntries(
        measured.map(([indicator, filter], i) => [
          `${indicator}${filter ? ' ' + JSON.stringify(filter) : ''}`,
          after[i]! - before[i]!,
        ]),
      );
      expect(delta).toEqual({
        'appointments-booked': 5, // five booked this month
        'appointments-booked-by-channel {"breakdown":"public"}': 4,
        'appointments-booked-by-channel {"breakdown":"agent"}': 1,
        'appointments-seen': 3, // two at the counter, one in the bus
        [`appointments-seen {"commune":"${counter.commune_insee}"}`]:
          counter.commune_insee === stop.commune_insee ? 3 : 2,
        'appointments-no-shows': 1,
        'appointments-outcome {"breakdown":"booked"}': 1, // due, outcome not noted yet
        'walk-ins': 6,
        [`bus-stop-people {"breakdown":"${stop.slug}"}`]: 4, // one appointment seen and three walk-ins at the stop
        [`bus-stop-people {"breakdown":"${counter.slug}"}`]: 0, // a counter is not a bus stop
        [`bus-stop-people {"breakdown":"${bus.slug}"}`]: 1, // in the bus, stop not said
        'outreach-found {"breakdown":"rsa"}': 1,
        'outreach-found': 2,
        'outreach-notified': 1,
        'outreach-outcomes {"breakdown":"claim-filed"}': 1,
        'questions-not-asked-again {"breakdown":"birth"}': 3,
        'documents-not-asked-again {"breakdown":"birth"}': 1,
        'appointments-booked {"territory":"figeac"}': 0, // Cahors' places count in Cahors only
      });
      // Only counts are stored: no row of the store names a person, an appointment or a resident.
      const stored = await t.db
        .selectFrom('indicator_values')
        .select(['breakdown', 'commune'])
        .where('indicator', 'in', ['bus-stop-people', 'appointments-outcome', 'outreach-outcomes'])
        .execute();
      for (const r of stored) expect(r.breakdown + r.commune).not.toMatch(/[0-9a-f]{8}-|@/);

      // The pilot's page shows them, with the stop's name; each table as CSV.
      const pilot = await sessionCookieFor(t, 'pilote@demo.localhost');
      const page = await t.app.inject({ url: '/pilotage', headers: { cookie: pilot } });
      expect(page.statusCode).toBe(200);
      for (const title of [
        'Rendez-vous et visites sans rendez-vous',
        'Le bus France Services',
        'Aller-vers',
        'Dites-le-nous une fois',
      ])
        expect(page.body).toContain(`>${title}</h2>`);
      expect(page.body).not.toContain('s’afficheront ici');
      const csv = await t.app.inject({
        url: `/pilotage/tableau.csv?id=bus-stop-people-detail&territoire=cahors&du=${month}&au=${month}`,
        headers: { cookie: pilot },
      });
      expect(csv.statusCode).toBe(200);
      const line = csv.body
        .split('\r\n')
        .find((l) => l.startsWith(stop.name.replace(/"/g, '""')) || l.startsWith(`"${stop.name}`));
      expect(line, csv.body).toBeDefined();
      expect(Number(line!.split(',').at(-2))).toBe(after[8]);
      const byCommune = await t.app.inject({
        url: `/pilotage/tableau.csv?id=rendez-vous-communes&territoire=cahors&du=${month}&au=${month}&maille=commune`,
        headers: { cookie: pilot },
      });
      expect(byCommune.body.split('\r\n')[0]).toBe(
        '\uFEFFCommune,Rendez-vous pris,Rendez-vous honorés,Rendez-vous manqués,Visites sans rendez-vous',
      );
      // The national observer compares them territory by territory.
      const observer = await sessionCookieFor(t, 'observateur@demo.localhost');
      const comparison = await t.app.inject({
        url: `/pilotage/tableau.csv?id=comparaison-walk-ins&territoire=tous&du=${month}&au=${month}`,
        headers: { cookie: observer },
      });
      expect(comparison.statusCode).toBe(200);
      expect(comparison.body.split('\r\n')[0]).toBe(
        '\uFEFFMois,Bassin de vie de Cahors,Bassin de vie de Figeac',
      );
      expect(comparison.body.split('\r\n')[1]!.split(',')[1]).toBe(String(after[7]));
      // The public register may judge a solution by them, under statistical secrecy, once the month is over: a
      // total with nothing beside it is published when above 10, 'secret' from 1 to 10, 0 as 0. The month still
      // counting is not published; it is after a refresh that started once it was over.
      const live = await buildPublication(t.db, t.app.clock.now());
      expect(publicValue(live, 'walk-ins', 'cahors', month)).toBeNull();
      const nextMonth = new Date(`${addMonths(month, 1)}-02T12:00:00Z`);
      await refreshIndicators(t.db, indicatorSources, nextMonth);
      const publication = await buildPublication(t.db, nextMonth);
      expect(publication.lastCompleteMonth).toBe(month);
      const rule = (n: number) => (n === 0 ? 0 : n <= 10 ? 'secret' : n);
      expect(publicValue(publication, 'walk-ins', 'cahors', month)).toBe(rule(after[7]!));
      expect(publicValue(publication, 'appointments-seen', 'cahors', month)).toBe(rule(after[3]!));
      expect(publicValue(publication, 'bus-stop-people', 'cahors', month)).not.toBeNull();
      const edit = await t.app.inject({
        url: '/pilotage/registre/solutions/nouveau',
        headers: { cookie: pilot },
      });
      expect(edit.body).toContain('value="bus-stop-people"');
    });

    it("asks for an opinion on the appointment's link once it has taken place, and counts the answer", async () => {
      const place = await t.db
        .selectFrom('places')
        .select(['id', 'commune_insee', 'organisation_id'])
        .where('territory_id', '=', 'cahors')
        .where('commune_insee', '=', '46042')
        .where('organisation_id', 'is not', null)
        .orderBy('slug')
        .executeTakeFirstOrThrow();
      const agent = await insertUser(t.db, {
        email: 'agent-avis@demo.localhost',
        displayName: 'Agent des avis',
        role: 'helper',
        organisationId: place.organisation_id,
      });
      const motif = await t.db
        .insertInto('appointment_motifs')
        .values({
          organisation_id: place.organisation_id!,
          name: 'Motif des avis',
          duration_minutes: 30,
          channel: 'on-site',
          created_at: t.app.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Two appointments booked with their links: one yesterday (seen), one tomorrow.
      const at = (days: number) => new Date(t.app.clock.now().getTime() + days * 86400_000);
      const past = newToken();
      const future = newToken();
      await t.db
        .insertInto('appointments')
        .values(
          (
            [
              [past, -1, 'seen'],
              [future, 1, 'booked'],
            ] as const
          ).map(([token, days, status]) => ({
            motif_id: motif.id,
            place_id: place.id,
            agent_id: agent,
            starts_at: at(days),
            ends_at: new Date(at(days).getTime() + 1_800_000),
            status,
            consent_at: t.app.clock.now(),
            booked_via: 'public' as const,
            cancel_token_hash: hashToken(token),
            created_at: at(-3),
          })),
        )
        .execute();
      const link = '/avis?sujet=appointment&amp;commune=46042&amp;territoire=cahors';
      const pastPage = await t.app.inject({ url: `/rendez-vous/gerer/${past}` });
      expect(pastPage.statusCode).toBe(200);
      expect(pastPage.body).toContain('Ce rendez-vous est passé');
      expect(pastPage.body).toContain(link);
      const futurePage = await t.app.inject({ url: `/rendez-vous/gerer/${future}` });
      expect(futurePage.body).not.toContain('/avis?');
      // The resident answers through that link; the appointment's satisfaction moves.
      const answers = async () =>
        Number(
          (
            await sql<{ n: number }>`select count(*) as n from satisfaction_answers
              where subject = 'appointment' and territory_id = 'cahors' and commune = '46042'`.execute(t.db)
          ).rows[0]!.n,
        );
      const before = await answers();
      const href = link.replace(/&amp;/g, '&');
      const form = await formContext(t, href);
      const body = new URLSearchParams({
        _csrf: form.csrf,
        sujet: 'appointment',
        commune: '46042',
        territoire: 'cahors',
        deroulement: 'good',
        facilite: 'yes',
        utilite: 'yes',
      });
      const posted = await t.app.inject({
        method: 'POST',
        url: '/avis',
        payload: body.toString(),
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(posted.statusCode).toBe(303);
      expect(await answers()).toBe(before + 1);
    });

    it('exports every table the pilot and the observer see as CSV, with the same columns and as many rows', async () => {
      for (const [email, url] of [
        ['pilote@demo.localhost', '/pilotage'],
        ['pilote@demo.localhost', '/pilotage?maille=epci'],
        ['observateur@demo.localhost', '/pilotage'],
        ['observateur@demo.localhost', '/pilotage?territoire=figeac'],
      ] as const) {
        const cookie = await sessionCookieFor(t, email);
        const page = await t.app.inject({ url, headers: { cookie } });
        expect(page.statusCode).toBe(200);
        const tables = [...page.body.matchAll(/<table[\s\S]*?<\/table>/g)].map((m) => m[0]);
        const links = [...page.body.matchAll(/href="(\/pilotage\/tableau\.csv\?[^"]+)"/g)].map((m) =>
          m[1]!.replace(/&amp;/g, '&'),
        );
        // One link per table, and each table is the one its CSV gives.
        expect(links.length, url).toBe(tables.length);
        expect(tables.length, url).toBeGreaterThan(10);
        for (const [i, link] of links.entries()) {
          const csv = await t.app.inject({ url: link, headers: { cookie } });
          expect(csv.statusCode, link).toBe(200);
          const lines = csv.body.replace('\uFEFF', '').trimEnd().split('\r\n');
          const headers = [...tables[i]!.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) =>
            m[1]!.replace(/<[^>]+>/g, '').trim(),
          );
          const unescape = (text: string) => text.replace(/&amp;/g, '&').replace(/&#39;/g, "'");
          expect(lines[0], link).toBe(headers.map(unescape).join(','));
          const rows = (tables[i]!.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr/g) ?? []).length;
          const empty = tables[i]!.includes('Aucune donnée sur la période.');
          expect(lines.length - 1, link).toBe(empty ? 0 : rows);
        }
      }
    });
  });
}
