// Measures the pilotage on the 1-million-case dataset (bench/cases-generate.ts), on PostgreSQL: the refresh of the
// indicator store (full, then incremental as the durable job runs it), every indicator page for the pilot and the
// national observer, the public register with its figures of the complete months, and the open-data exports. The
// whole app is built as in production; requests go through Fastify (inject), one after the other, after a warm-up.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:55498/sc_bench npx tsx bench/cases-generate.ts --yes --messages-per-case 0
//   DATABASE_URL=postgres://postgres@127.0.0.1:55498/sc_bench npm run bench -- pilotage --prepare [--requests 200]
//
// --prepare (once): a quarter of the cases move to the bassin de vie of Figeac (their residents to its communes),
// 24 months of plan and estimation counters for every commune and life event of both territories, 60,000
// satisfaction answers.
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { build } from '../src/app.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createSession } from '../src/platform/auth/session.ts';
import { indicatorSources } from '../src/features/indicators.ts';
import { refreshIndicators } from '../src/features/pilotage/refresh.ts';
import { buildPublication } from '../src/features/pilotage/publication.ts';
import { addMonths, monthOf } from '../src/features/pilotage/months.ts';

function option(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs the pilotage scenario. */
export async function runPilotage(argv: string[]): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error('DATABASE_URL=postgres://… est obligatoire (base générée par bench/cases-generate.ts).');
    process.exit(1);
  }
  const requests = option(argv, '--requests', 200);
  process.env.JOBS_WORKER = 'false';
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-'.padEnd(40, 'x'),
    FILES_KEY: Buffer.alloc(32, 1).toString('base64'),
    DEV_MAILBOX: 'false',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
  });
  const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
  const db = database.db;
  await migrateToLatest(db);
  const now = new Date();
  const current = monthOf(now);

  if (argv.includes('--prepare')) {
    const started = performance.now();
    await sql`update cases set territory_id = 'figeac' where ('x' || substr(id::text, 1, 2))::bit(8)::int < 64`.execute(
      db,
    );
    // Their residents live in Figeac's communes (the generator spread them over Cahors'), those without one stay so.
    await sql`
      with f as (select array_agg(insee_code order by insee_code) c from territory_communes where territory_id = 'figeac')
      update cases set resident_commune = f.c[1 + (hashtext(id::text) & 2147483647) % array_length(f.c, 1)]
      from f where territory_id = 'figeac' and resident_commune is not null`.execute(db);
    await sql`delete from usage_counters`.execute(db);
    await sql`delete from satisfaction_answers`.execute(db);
    // Counts of every commune × life event × month of both territories, small numbers mostly (secrecy at work).
    await sql`
      insert into usage_counters (kind, month, territory_id, commune, life_event, channel, count)
      select 'plan', to_char(m, 'YYYY-MM'), tc.territory_id, tc.insee_code, e, 'page', (random() * random() * 30)::int + 1
      from generate_series(${addMonths(current, -23) + '-01'}::date, ${current + '-01'}::date, interval '1 month') m,
           territory_communes tc,
           unnest(array['birth','adoption','autonomy-loss','business-creation','self-employment','job-loss','moving','bereavement','retirement','first-hire']) e
      where random() < 0.6`.execute(db);
    await sql`
      insert into usage_counters (kind, month, territory_id, commune, life_event, channel, count)
      select 'estimation', to_char(m, 'YYYY-MM'), tc.territory_id, tc.insee_code, '', 'api', (random() * 400)::int + 1
      from generate_series(${addMonths(current, -23) + '-01'}::date, ${current + '-01'}::date, interval '1 month') m,
           territory_communes tc`.execute(db);
    await sql`
      insert into satisfaction_answers (month, territory_id, commune, subject, life_event, respondent, went, easy, useful, created_at)
      select to_char(d, 'YYYY-MM'), case when g % 4 = 0 then 'figeac' else 'cahors' end, '', (array['plan','case','appointment'])[1 + g % 3], '',
             'resident', (array['good','good','average','bad'])[1 + g % 4], (array['yes','partly','no'])[1 + g % 3],
             (array['yes','yes','partly','no'])[1 + g % 4], d
      from generate_series(1, 60000) g, lateral (select now() - make_interval(mins => g * 17) as d) x`.execute(
      db,
    );
    await sql`analyze cases; analyze case_participants; analyze usage_counters; analyze satisfaction_answers`.execute(
      db,
    );
    console.log(`préparation : ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const counts = await sql<{ cases: number; participants: number; counters: number }>`
    select (select count(*) from cases) as cases, (select count(*) from case_participants) as participants,
           (select count(*) from usage_counters) as counters`.execute(db);
  const c = counts.rows[0]!;
  console.log(`jeu de données : ${c.cases} saisines, ${c.participants} invitations, ${c.counters} compteurs`);

  let started = performance.now();
  const full = await refreshIndicators(db, indicatorSources, now, { full: true });
  console.log(
    `rafraîchissement complet (tâche de nuit) : ${((performance.now() - started) / 1000).toFixed(1)} s, ${full.values} valeurs, de ${full.from} à ${full.to}`,
  );
  const incremental: number[] = [];
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    await refreshIndicators(db, indicatorSources, new Date());
    incremental.push(performance.now() - started);
  }
  incremental.sort((a, b) => a - b);
  console.log(
    `rafraîchissement incrémental (tâche toutes les 5 min, mois en cours) : médiane ${percentile(incremental, 50).toFixed(0)} ms, max ${incremental.at(-1)!.toFixed(0)} ms (5 passages)`,
  );
  started = performance.now();
  await buildPublication(db, new Date());
  console.log(
    `publication protégée (secret statistique, tous les jeux, construite une fois par rafraîchissement) : ${(performance.now() - started).toFixed(0)} ms`,
  );

  const app = await build({ config, database, logger: false });
  await app.ready();
  const cookieOf = async (email: string) => {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (!user)
      throw new Error(
        `compte ${email} absent : générez la base avec bench/cases-generate.ts (comptes de démonstration)`,
      );
    return `sc_session=${await createSession(db, config, user.id, 'bench')}`;
  };
  const pilot = await cookieOf('pilote@demo.localhost');
  const observer = await cookieOf('observateur@demo.localhost');

  const results: { label: string; p50: number; p95: number; p99: number; budget: number }[] = [];
  async function measure(label: string, target: string, cookie: string, budget: number): Promise<void> {
    const headers = cookie ? { cookie } : {};
    for (let n = 0; n < 10; n++) await app.inject({ url: target, headers });
    const times: number[] = [];
    for (let n = 0; n < requests; n++) {
      const t0 = performance.now();
      const response = await app.inject({ url: target, headers });
      times.push(performance.now() - t0);
      if (response.statusCode !== 200)
        throw new Error(`${label}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    times.sort((a, b) => a - b);
    const r = {
      label,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      budget,
    };
    results.push(r);
    console.log(
      `${label} : p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${requests} requêtes, objectif p95 < ${budget} ms)`,
    );
  }
  const year = `du=${addMonths(current, -11)}&au=${current}`;
  await measure('pilote : indicateurs du territoire, 12 mois, par commune', `/pilotage?${year}`, pilot, 200);
  await measure('pilote : même page par intercommunalité', `/pilotage?${year}&maille=epci`, pilot, 200);
  await measure('pilote : 24 mois', `/pilotage?du=${addMonths(current, -23)}&au=${current}`, pilot, 200);
  await measure('pilote : un tableau en CSV', `/pilotage/tableau.csv?id=plans-communes&${year}`, pilot, 200);
  await measure(
    'pilote : délais des saisines par intercommunalité, en CSV',
    `/pilotage/tableau.csv?id=saisines-delais-epci-1&${year}&maille=epci`,
    pilot,
    200,
  );
  await measure('observateur : territoires côte à côte', `/pilotage?territoire=tous&${year}`, observer, 200);
  await measure('observateur : Figeac', `/pilotage?territoire=figeac&${year}`, observer, 200);
  await measure('registre public (mois terminés)', '/experimentation/cahors', '', 200);
  for (const file of [
    'plans.csv',
    'plans.json',
    'territories-monthly.csv',
    'cases.csv',
    'cases-communes.csv',
    'satisfaction.json',
  ])
    await measure(`données ouvertes : ${file}`, `/api/v1/open-data/${file}`, '', 500);
  const failed = results.filter((r) => r.p95 >= r.budget);
  console.log(
    failed.length === 0
      ? 'Tous les objectifs de p95 sont tenus.'
      : `Objectifs manqués : ${failed.map((f) => f.label).join(' ; ')}`,
  );
  await app.close();
  await database.close();
}
