// Appointments at the scale of a territory: 60 agents at 20 places, each with weekly opening ranges (9:00–12:00
// and 14:00–17:00, Monday to Friday) and three months of appointments already booked (a third of the slots);
// then (1) the free slots of one motif over 30 days at a place, through the public API (GET /api/v1/slots, via
// Fastify's inject: routing, validation, queries, computation, serialisation), p50/p95/p99 over 300 requests;
// (2) 200 bookings at once on 10 free slots (POST /api/v1/appointments), which must give exactly 10 appointments.
//
//   npm run bench -- appointments                       PostgreSQL at TEST_DATABASE_URL (or 127.0.0.1:55432)
//   npm run bench -- appointments --pglite              the embedded database instead
//
// A fresh database is created and dropped on PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { build } from '../src/app.ts';
import { addDays, parisInstant, todayInParis } from '../src/platform/dates.ts';
import { slotTimes } from '../src/features/appointments/slots.ts';

const agents = 60;
const places = 20;
const daysOfAppointments = 92;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function openBenchDatabase(
  pglite: boolean,
): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (pglite) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { handle, drop: async () => handle.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:55432/postgres';
  const name = `sc_bench_rdv_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  return {
    handle,
    drop: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** Runs the appointments bench. */
export async function runAppointments(argv: string[]): Promise<void> {
  const pglite = argv.includes('--pglite');
  process.env.JOBS_WORKER = 'false';
  const { handle, drop } = await openBenchDatabase(pglite);
  try {
    const db = handle.db;
    let t0 = Date.now();
    await prepareDatabase(db, { demo: false });
    console.log(
      `base ${pglite ? 'PGlite' : 'PostgreSQL'} prête (migrations, territoire) en ${Date.now() - t0} ms`,
    );

    // ── the dataset ────────────────────────────────────────────────────────────────────────────────────
    t0 = Date.now();
    const today = todayInParis();
    const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
    const organisation = await db
      .insertInto('organisations')
      .values({ slug: 'bench-organisme', kind: 'france-services', name: 'Organisme de mesure' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const communes = await db
      .selectFrom('territory_communes')
      .select('insee_code')
      .where('territory_id', '=', 'cahors')
      .execute();
    const placeIds: string[] = [];
    for (let p = 0; p < places; p++) {
      const row = await db
        .insertInto('places')
        .values({
          slug: `bench-lieu-${p}`,
          territory_id: 'cahors',
          organisation_id: organisation.id,
          name: `Lieu de mesure ${p}`,
          kind: 'france-services',
          address_line: `${p} place de la Mairie`,
          commune_insee: communes[p % communes.length]!.insee_code,
          opening_hours: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      placeIds.push(row.id);
    }
    const motifs = await db
      .insertInto('appointment_motifs')
      .values(
        [20, 30, 45].map((duration, i) => ({
          organisation_id: organisation.id,
          name: `Motif ${i + 1} (${duration} min)`,
          duration_minutes: duration,
          channel: 'on-site' as const,
          public_booking: true,
          min_delay_hours: 0,
          max_delay_days: 120,
        })),
      )
      .returning(['id', 'duration_minutes'])
      .execute();
    const agentIds: string[] = [];
    for (let a = 0; a < agents; a++) {
      const row = await db
        .insertInto('users')
        .values({
          email: `agent-${a}@mesure.localhost`,
          display_name: `Agent ${a}`,
          role: 'helper',
          organisation_id: organisation.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      agentIds.push(row.id);
    }
    const ranges: {
      id: string;
      agent: string;
      place: string;
      weekday: number;
      starts: string;
      ends: string;
    }[] = [];
    for (let a = 0; a < agents; a++) {
      for (let weekday = 1; weekday <= 5; weekday++) {
        for (const [starts, ends] of [
          ['09:00', '12:00'],
          ['14:00', '17:00'],
        ] as const) {
          ranges.push({
            id: randomUUID(),
            agent: agentIds[a]!,
            place: placeIds[a % places]!,
            weekday,
            starts,
            ends,
          });
        }
      }
    }
    await db
      .insertInto('opening_ranges')
      .values(
        ranges.map((r) => ({
          id: r.id,
          agent_id: r.agent,
          place_id: r.place,
          weekday: r.weekday,
          every_weeks: 1,
          first_date: addDays(monday, r.weekday - 1),
          starts: r.starts,
          ends: r.ends,
        })),
      )
      .execute();
    await db
      .insertInto('opening_range_motifs')
      .values(ranges.flatMap((r) => motifs.map((m) => ({ range_id: r.id, motif_id: m.id }))))
      .execute();
    // A third of the 30-minute slots of the three months are booked.
    const thirty = motifs.find((m) => m.duration_minutes === 30)!;
    const rows: Record<string, unknown>[] = [];
    for (let d = 0; d < daysOfAppointments; d++) {
      const date = addDays(today, d);
      const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      for (const r of ranges) {
        if (r.weekday !== weekday) continue;
        slotTimes(r.starts, r.ends, 30).forEach((time, k) => {
          if ((k + d) % 3 !== 0) return;
          const startsAt = parisInstant(date, time);
          rows.push({
            motif_id: thirty.id,
            place_id: r.place,
            agent_id: r.agent,
            range_id: r.id,
            starts_at: startsAt,
            ends_at: new Date(startsAt.getTime() + 30 * 60_000),
            first_name: 'Prénom',
            last_name: 'Nom',
            email: 'usager@mesure.localhost',
            consent_at: new Date(),
            booked_via: 'public',
          });
        });
      }
    }
    for (let i = 0; i < rows.length; i += 2000)
      await db
        .insertInto('appointments')
        .values(rows.slice(i, i + 2000) as never)
        .execute();
    await sql`analyze`.execute(db);
    console.log(
      `jeu de données : ${agents} agents, ${places} lieux, ${ranges.length} plages hebdomadaires, ${rows.length} rendez-vous sur ${daysOfAppointments} jours (${Date.now() - t0} ms)`,
    );

    // ── the app ────────────────────────────────────────────────────────────────────────────────────────
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-'.padEnd(40, 'x'),
      FILES_KEY: Buffer.alloc(32, 1).toString('base64'),
      DEV_MAILBOX: 'false',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_API_PER_MINUTE: '10000000',
      RATE_LIMIT_BOOKING_PER_MINUTE: '100000',
    });
    const app = await build({ config, database: handle, logger: false });
    await app.ready();

    // ── (1) free slots of one motif over 30 days ────────────────────────────────────────────────────────
    const slugs = Array.from({ length: places }, (_, p) => `bench-lieu-${p}`);
    const url = (p: number) =>
      `/api/v1/slots?place=${slugs[p % places]}&from=${today}&days=30&motif=${thirty.id}`;
    for (let i = 0; i < 30; i++) await app.inject(url(i));
    const times: number[] = [];
    let slotsSeen = 0;
    // CPU time of this process (the app) per request: what the machine's load does not change, unlike latency.
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < 300; i++) {
      const start = process.hrtime.bigint();
      const response = await app.inject(url(i));
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (response.statusCode !== 200) throw new Error(`slots: ${response.statusCode} ${response.body}`);
      slotsSeen += response.json<{ slots: unknown[] }>().slots.length;
    }
    const cpu = process.cpuUsage(cpuBefore);
    times.sort((a, b) => a - b);
    console.log(
      `créneaux libres d’un motif sur 30 jours (GET /api/v1/slots, 300 requêtes, ${Math.round(slotsSeen / 300)} créneaux par réponse) : p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms ; temps processeur de l’application ${((cpu.user + cpu.system) / 1000 / 300).toFixed(1)} ms par requête ; charge de la machine ${os.loadavg()[0]!.toFixed(1)} sur ${os.cpus().length} cœurs`,
    );

    // ── (2) 200 bookings at once on 10 slots ───────────────────────────────────────────────────────────
    const list = (await app.inject(url(0))).json<{ slots: { id: string }[] }>().slots.slice(0, 10);
    const before = Number(
      (await sql<{ n: number }>`select count(*) as n from appointments`.execute(db)).rows[0]!.n,
    );
    t0 = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          payload: {
            slot: list[i % 10]!.id,
            person: { firstName: 'Personne', lastName: `N° ${i}`, email: `p${i}@mesure.localhost` },
            consent: true,
          },
        }),
      ),
    );
    const elapsed = Date.now() - t0;
    const after = Number(
      (await sql<{ n: number }>`select count(*) as n from appointments`.execute(db)).rows[0]!.n,
    );
    const created = answers.filter((a) => a.statusCode === 201).length;
    const conflicts = answers.filter((a) => a.statusCode === 409).length;
    const other = answers.length - created - conflicts;
    console.log(
      `200 réservations simultanées sur 10 créneaux : ${created} acceptées (201), ${conflicts} refusées (409), ${other} autres ; ${after - before} rendez-vous créés en base ; ${elapsed} ms`,
    );
    await app.close();
    if (created !== 10 || after - before !== 10 || other !== 0) {
      console.error('ÉCHEC : il fallait exactement 10 rendez-vous.');
      process.exitCode = 1;
    }
  } finally {
    await drop();
  }
}
