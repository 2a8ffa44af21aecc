// Measures the two pages agents live in, on the bench dataset (bench/cases-generate.ts): a partner agent's
// organisation inbox and a case page (which also writes its journal entry and read mark). The whole app is
// built as in production and requests go through Fastify (inject: routing, session, rendering, database),
// one after the other, after a warm-up.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:55499/sc_bench npm run bench -- cases [--requests 300] [--concurrency 1]
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { build } from '../src/app.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createSession } from '../src/platform/auth/session.ts';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Measures the inbox (scopes, filters, searches) and the case page on the bench dataset. */
export async function runCases(argv: string[]): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL=postgres://… est obligatoire (base générée par bench/cases-generate.ts).');
    process.exit(1);
  }
  const i = argv.indexOf('--requests');
  const requests = i >= 0 ? Number(argv[i + 1]) : 300;
  // Agents served at once (requests in flight); 1 measures one agent alone.
  const c = argv.indexOf('--concurrency');
  const concurrency = c >= 0 ? Number(argv[c + 1]) : 1;
  process.env.JOBS_WORKER = 'false';
  const config = {
    ...loadConfig({
      ...process.env,
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-'.padEnd(40, 'x'),
      FILES_KEY: Buffer.alloc(32, 1).toString('base64'),
      DEV_MAILBOX: 'false',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
    }),
  };
  const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
  await migrateToLatest(database.db);
  const app = await build({ config, database, logger: false });
  await app.ready();
  const db = database.db;
  const counts = await sql<{
    cases: number;
    messages: number;
  }>`select (select count(*) from cases) as cases, (select count(*) from case_messages) as messages`.execute(
    db,
  );
  const agent = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'organisations.name'])
    .where('users.email', '=', 'caf@demo.localhost')
    .executeTakeFirstOrThrow();
  const inboxSize = await db
    .selectFrom('case_participants')
    .select(sql<number>`count(*)`.as('n'))
    .where('organisation_id', '=', agent.organisation_id!)
    .executeTakeFirstOrThrow();
  const token = await createSession(db, config, agent.id, 'bench');
  const cookie = `sc_session=${token}`;
  // Cases of the agent's organisation spread over the whole dataset (old and recent).
  const sample = await sql<{
    case_id: string;
  }>`select case_id from case_participants where organisation_id = ${agent.organisation_id} and random() < 0.01 limit ${requests}`.execute(
    db,
  );
  const ids = sample.rows.map((r) => r.case_id);
  console.log(
    `jeu de données : ${counts.rows[0]!.cases} saisines, ${counts.rows[0]!.messages} messages ; boîte de ${agent.name} : ${inboxSize.n} saisines ; ${concurrency} requête(s) à la fois`,
  );

  async function measure(label: string, urlFor: (n: number) => string, as: string = cookie): Promise<void> {
    for (let n = 0; n < 20; n++) await app.inject({ url: urlFor(n), headers: { cookie: as } });
    const times: number[] = [];
    // Processor time of this Node process: unlike wall time, it hardly depends on what else runs on the machine.
    const cpu = process.cpuUsage();
    let next = 0;
    const worker = async () => {
      while (next < requests) {
        const n = next++;
        const started = performance.now();
        const response = await app.inject({ url: urlFor(n), headers: { cookie: as } });
        times.push(performance.now() - started);
        if (response.statusCode !== 200) throw new Error(`${label}: ${response.statusCode}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const used = process.cpuUsage(cpu);
    times.sort((a, b) => a - b);
    console.log(
      `${label} : ${requests} requêtes, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms ; processeur Node ${((used.user + used.system) / 1000 / requests).toFixed(1)} ms par requête`,
    );
  }

  /** The URL of the n-th page of an inbox, reached as an agent does: following "Suivant" from the first. */
  async function pageUrl(first: string, n: number, as: string = cookie): Promise<string> {
    let url = first;
    for (let page = 1; page < n; page++) {
      const body = (await app.inject({ url, headers: { cookie: as } })).body;
      const next = /href="([^"]+)"\s+rel="next"/.exec(body)?.[1];
      if (!next) throw new Error(`${first}: pas de page ${page + 1}`);
      url = next.replace(/&amp;/g, '&');
    }
    return url;
  }

  await measure('boîte de l’organisme, page 1', () => '/dossiers?boite=organisme');
  const page20 = await pageUrl('/dossiers?boite=organisme', 20);
  await measure('boîte de l’organisme, page 20', () => page20);
  await measure('boîte personnelle', () => '/dossiers?boite=moi');
  for (const etat of ['nouveaux', 'a-traiter', 'en-retard', 'repondus', 'clos'])
    await measure(`boîte de l’organisme, filtre ${etat}`, () => `/dossiers?boite=organisme&etat=${etat}`);
  // Searches: one resident (a rare name), a prefix shared by ~11,000 residents, a predefined subject word.
  await measure(
    'recherche d’un usager (nom exact)',
    (n) => `/dossiers?boite=organisme&q=Nom${400_001 + n * 6}`,
  );
  await measure('recherche d’un préfixe partagé (« nom12 »)', () => '/dossiers?boite=organisme&q=nom12');
  await measure('recherche d’un mot d’objet (« rupture »)', () => '/dossiers?boite=organisme&q=rupture');
  const rupture20 = await pageUrl('/dossiers?boite=organisme&q=rupture', 20);
  await measure('recherche d’un mot d’objet (« rupture »), page 20', () => rupture20);
  // Search and filter together, on the shared prefix (about 1,500 of the organisation's cases).
  for (const etat of ['nouveaux', 'a-traiter', 'en-retard', 'repondus', 'clos'])
    await measure(
      `recherche « nom12 », filtre ${etat}`,
      () => `/dossiers?boite=organisme&q=nom12&etat=${etat}`,
    );
  // A France Services helper bound to a site: the site's cases, and their filters.
  const helperRow = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'aidant@demo.localhost')
    .executeTakeFirstOrThrow();
  const helperCookie = `sc_session=${await createSession(db, config, helperRow.id, 'bench')}`;
  const site = await sql<{
    n: number;
  }>`select count(*) as n from cases c join users u on u.site_id = c.helper_site_id
    where u.email = 'aidant@demo.localhost'`.execute(db);
  console.log(`aidant France Services (site) : ${site.rows[0]!.n} saisines ouvertes à son site`);
  // The helper's default inbox: the organisation's cases of their site and those opened without a site.
  await measure('aidant, boîte de l’organisme (son site et sans site)', () => '/dossiers', helperCookie);
  await measure('aidant, boîte de son site', () => '/dossiers?boite=site', helperCookie);
  const site20 = await pageUrl('/dossiers?boite=site', 20, helperCookie);
  await measure('aidant, boîte de son site, page 20', () => site20, helperCookie);
  for (const etat of ['nouveaux', 'a-traiter', 'en-retard', 'clos'])
    await measure(
      `aidant, son site, filtre ${etat}`,
      () => `/dossiers?boite=site&etat=${etat}`,
      helperCookie,
    );
  await measure('aidant, recherche (« nom12 »)', () => '/dossiers?boite=organisme&q=nom12', helperCookie);
  await measure(
    'aidant, recherche dans son site (« nom12 »)',
    () => '/dossiers?boite=site&q=nom12',
    helperCookie,
  );
  await measure(
    'aidant, recherche d’un usager (nom exact)',
    (n) => `/dossiers?boite=organisme&q=Nom${400_002 + n * 6}`,
    helperCookie,
  );
  await measure('page d’un dossier (10 messages)', (n) => `/dossiers/${ids[n % ids.length]}`);
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'admin@demo.localhost')
    .executeTakeFirstOrThrow();
  const adminCookie = `sc_session=${await createSession(db, config, admin.id, 'bench')}`;
  const started = performance.now();
  const list = await app.inject({ url: '/dossiers?boite=tout', headers: { cookie: adminCookie } });
  console.log(
    `liste d’administration (métadonnées, tout le territoire) : ${list.statusCode}, ${(performance.now() - started).toFixed(1)} ms (une requête)`,
  );
  await app.close();
  await database.close();
}
