// Demonstration appointments setup (SEED_DEMO only): motifs of France Services and of the CAF, the France Services
// agent's weekly ranges at Catus and the bus crew's ranges at each stop of the bus, on the stops' calendar.
// Fixed ids make it idempotent: every start may run it.
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

const ids = {
  motifFs: '0a0b0c00-0000-4000-8000-000000000001',
  motifFsSocial: '0a0b0c00-0000-4000-8000-000000000002',
  motifCaf: '0a0b0c00-0000-4000-8000-000000000003',
};

/** Creates the demo motifs and ranges when the demo accounts exist; does nothing twice. */
export async function applyDemoAppointments(db: Db): Promise<void> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'organisation_id'])
    .where('email', 'in', ['aidant@demo.localhost', 'bus@demo.localhost', 'caf@demo.localhost'])
    .execute();
  const user = (email: string) => users.find((u) => u.email === email);
  const aidant = user('aidant@demo.localhost');
  const bus = user('bus@demo.localhost');
  const caf = user('caf@demo.localhost');
  if (!aidant?.organisation_id || !bus || !caf?.organisation_id) return;
  const places = await db.selectFrom('places').select(['id', 'slug']).execute();
  const place = (slug: string) => places.find((p) => p.slug === slug)?.id;
  const catus = place('france-services-catus');
  if (!catus) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('appointment_motifs')
      .values([
        {
          id: ids.motifFs,
          organisation_id: aidant.organisation_id!,
          name: 'Aide à une démarche administrative',
          duration_minutes: 30,
          channel: 'on-site',
          public_booking: true,
          min_delay_hours: 2,
          max_delay_days: 60,
          instructions_before:
            'Dites en une phrase ce que vous voulez faire : l’agent préparera le rendez-vous.',
          instructions_after:
            'Apportez une pièce d’identité, vos identifiants des sites publics si vous en avez, et les courriers reçus.',
        },
        {
          id: ids.motifFsSocial,
          organisation_id: aidant.organisation_id!,
          name: 'Entretien avec le travailleur social',
          duration_minutes: 45,
          channel: 'on-site',
          public_booking: false,
          min_delay_hours: 24,
          max_delay_days: 60,
          instructions_before: '',
          instructions_after: 'Apportez vos justificatifs de ressources.',
        },
        {
          id: ids.motifCaf,
          organisation_id: caf.organisation_id!,
          name: 'Rendez-vous CAF : votre dossier de prestations',
          duration_minutes: 30,
          channel: 'on-site',
          public_booking: true,
          min_delay_hours: 24,
          max_delay_days: 45,
          instructions_before: 'Ayez votre numéro d’allocataire.',
          instructions_after:
            'Apportez votre numéro d’allocataire et les pièces que la CAF vous a demandées.',
        },
      ])
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const existing = await trx
      .selectFrom('opening_ranges')
      .select('id')
      .where('agent_id', 'in', [aidant.id, bus.id, caf.id])
      .executeTakeFirst();
    if (existing) return;
    const ranges: {
      agent: string;
      place: string;
      weekday: number;
      every: number;
      first: string;
      starts: string;
      ends: string;
      motifs: string[];
    }[] = [
      // France Services de Catus: Monday, Tuesday and Friday mornings (within its ANCT hours).
      ...(
        [
          [1, '2026-11-30'],
          [2, '2026-12-01'],
          [5, '2026-12-04'],
        ] as const
      ).map(([weekday, first]) => ({
        agent: aidant.id,
        place: catus,
        weekday,
        every: 1,
        first,
        starts: '09:00',
        ends: '12:00',
        motifs: [ids.motifFs, ids.motifFsSocial],
      })),
      // The CAF's agent holds a Thursday afternoon at Catus.
      {
        agent: caf.id,
        place: catus,
        weekday: 4,
        every: 1,
        first: '2026-12-03',
        starts: '14:00',
        ends: '17:00',
        motifs: [ids.motifCaf],
      },
    ];
    const stops = await trx.selectFrom('bus_stops').selectAll().execute();
    for (const stop of stops)
      ranges.push({
        agent: bus.id,
        place: stop.place_id,
        weekday: stop.weekday,
        every: stop.every_weeks,
        first: stop.first_date,
        starts: stop.starts.slice(0, 5),
        ends: stop.ends.slice(0, 5),
        motifs: [ids.motifFs, ids.motifFsSocial],
      });
    for (const r of ranges) {
      const row = await trx
        .insertInto('opening_ranges')
        .values({
          agent_id: r.agent,
          place_id: r.place,
          weekday: r.weekday,
          every_weeks: r.every,
          first_date: r.first,
          starts: r.starts,
          ends: r.ends,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('opening_range_motifs')
        .values(r.motifs.map((motif_id) => ({ range_id: row.id, motif_id })))
        .execute();
    }
  });
}
