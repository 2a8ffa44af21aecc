// Aller-vers at scale, on PostgreSQL: N consenting residents with a generated file (seeded: the same households
// every run), then the nightly re-estimation three times — the first night (everyone estimated for the first
// time, every probable right found and notified), the night after a change of the month's parameters (the April
// 2026 revaluation: everyone estimated again on the compiled fast path, by batches of 1,000), and a night with
// nothing changed (everyone skipped) —, then the helpers' outreach list served through the whole app (routing,
// session, journal, rendering), p50/p95/p99 after a warm-up: its first page, and deep pages reached by following
// the "Suivant" links from it (pages 50 and 1,000, or the last page of a smaller list), and one "Précédent" link;
// then the plan of the deepest page (EXPLAIN ANALYZE).
//
//   npm run bench -- outreach [--residents 100000] [--requests 300] [--admin-url postgres://postgres@127.0.0.1:55432/postgres]
//
// `--residents 2000` makes a small population (a few thousand lines, about a hundred pages) to try the script.
//
// The database `sc_bench_outreach` is created on the server of --admin-url (dropped first if it exists) and
// dropped at the end unless --keep.
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { build } from '../src/app.ts';
import { createSession } from '../src/platform/auth/session.ts';
import { seededRandom } from '../src/features/rights/household-generator.ts';
import { applyChanges } from '../src/features/resident-file/facts.ts';
import { reestimateResidents } from '../src/features/outreach/reestimate.ts';
import { decodeOutreachCursor, outreachPageSize } from '../src/features/outreach/outreach.ts';
import { outreachPageQuery } from '../src/features/outreach/store.ts';

function option(argv: string[], name: string, fallback: string): string {
  const index = argv.indexOf(name);
  return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** The facts of one generated household, as the file's form would have stored them. */
function householdFacts(random: () => number, communes: string[]): Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const money = (max: number, zeroShare = 0.35) =>
    random() < zeroShare ? 0 : Math.round(random() * max * 100) / 100;
  const date = (from: number, to: number) =>
    `${from + Math.floor(random() * (to - from + 1))}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const couple = random() < 0.4;
  const housingStatus = pick(['tenant', 'tenant', 'tenant', 'owner', 'owner', 'hosted-free', 'homeless']);
  const facts: Record<string, unknown> = {
    commune: pick(communes),
    birthDate: date(1945, 2005),
    couple,
    earnings: money(2800),
    replacementIncome: money(1500, 0.7),
    student: random() < 0.05,
    pregnant: false,
    housingStatus,
    housingAid: housingStatus === 'tenant' ? money(350, 0.6) : 0,
    annualResources: Math.round(random() * 60_000),
    referenceTaxIncome: Math.round(random() * 45_000),
    children: Array.from({ length: pick([0, 0, 0, 1, 1, 2, 2, 3]) }, () => date(2005, 2025)),
  };
  if (housingStatus === 'tenant') facts.monthlyRent = Math.round(250 + random() * 650);
  if (random() < 0.08) facts.disabilityPercent = pick([50, 60, 80, 90]);
  if (couple) {
    facts.partnerBirthDate = date(1945, 2005);
    facts.partnerEarnings = money(2800);
    facts.partnerReplacementIncome = money(1500, 0.7);
    facts.partnerPregnant = false;
  }
  return facts;
}

/** Runs the outreach benchmark. */
export async function runOutreach(argv: string[]): Promise<void> {
  const residents = Number(option(argv, '--residents', '100000'));
  const requests = Number(option(argv, '--requests', '300'));
  const adminUrl = option(argv, '--admin-url', 'postgres://postgres@127.0.0.1:55432/postgres');
  const keep = argv.includes('--keep');
  const name = 'sc_bench_outreach';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  console.log(`machine : ${os.cpus().length} cœurs, charge ${loadAverage()} (1 / 5 / 15 min)`);
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  const db = database.db;
  try {
    await prepareDatabase(db, { demo: true });
    const communes = (
      await db
        .selectFrom('territory_communes')
        .select('insee_code')
        .where('territory_id', '=', 'cahors')
        .execute()
    ).map((c) => c.insee_code);

    // ── The population ──
    const started = performance.now();
    const random = seededRandom(16);
    const givenAt = new Date('2026-03-01T08:00:00Z');
    for (let from = 0; from < residents; from += 1000) {
      const size = Math.min(1000, residents - from);
      const users = await db
        .insertInto('users')
        .values(
          Array.from({ length: size }, (_, i) => ({
            email: `usager-${from + i}@bench.localhost`,
            display_name: `Usager ${from + i}`,
            role: 'resident',
            organisation_id: null,
            status: 'active',
            oidc_subject: null,
            last_login_at: null,
          })),
        )
        .returning('id')
        .execute();
      await db
        .insertInto('resident_files')
        .values(
          users.map((u) => ({
            user_id: u.id,
            facts: JSON.stringify(
              applyChanges(
                {},
                householdFacts(random, communes),
                { actor: { id: u.id, role: 'resident' }, via: 'resident' },
                givenAt,
              ),
            ),
            version: 1,
          })),
        )
        .execute();
      await db
        .insertInto('outreach_consents')
        .values(
          users.map((u) => ({ user_id: u.id, territory_id: 'cahors', sms_phone: null, given_at: givenAt })),
        )
        .execute();
    }
    await sql`analyze`.execute(db);
    console.log(
      `population : ${residents} usagers consentants avec un dossier, créés en ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    // ── The nightly re-estimation ──
    const night = async (label: string, today: string) => {
      const cpu = cpuSeconds();
      const t0 = performance.now();
      const counts = await reestimateResidents(db, {
        publicUrl: 'https://sans-couture.example',
        today,
        now: new Date(`${today}T01:00:00Z`),
      });
      const seconds = (performance.now() - t0) / 1000;
      console.log(
        `${label} (${today}) : ${counts.residents} lus, ${counts.estimated} ré-estimés, ${counts.notified} prévenus, en ${seconds.toFixed(1)} s (${Math.round(counts.estimated / seconds)} dossiers/s ; processeur Node ${(cpuSeconds() - cpu).toFixed(1)} s) ; charge ${loadAverage()}`,
      );
    };
    await night('première nuit (tous nouveaux)', '2026-03-15');
    await night('nuit après un changement de paramètres (revalorisation d’avril)', '2026-04-02');
    await night('nuit sans changement', '2026-04-03');

    // ── The outreach list page ──
    process.env.JOBS_WORKER = 'false';
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url.toString(),
      SESSION_SECRET: 'bench-'.padEnd(40, 'x'),
      FILES_KEY: Buffer.alloc(32, 1).toString('base64'),
      DEV_MAILBOX: 'false',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
    });
    const app = await build({ config, database, logger: false });
    await app.ready();
    const helper = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'aidant@demo.localhost')
      .executeTakeFirstOrThrow();
    const cookie = `sc_session=${await createSession(db, config, helper.id, 'bench')}`;
    // The lines of the list: the rights it shows (probable, neither claimed nor declined), consent holding.
    const listed = await db
      .selectFrom('outreach_rights as r')
      .innerJoin('outreach_consents as c', 'c.user_id', 'r.user_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('r.territory_id', '=', 'cahors')
      .where(sql<boolean>`r.probable and (r.outcome is null or r.outcome in ('contacted', 'appointment'))`)
      .executeTakeFirstOrThrow();
    const pages = Math.max(1, Math.ceil(listed.n / outreachPageSize));
    console.log(
      `liste d’aller-vers du territoire : ${listed.n} aides probables à suivre, ${pages} pages de ${outreachPageSize}`,
    );
    const measure = async (label: string, url: string) => {
      for (let n = 0; n < 20; n++) await app.inject({ url, headers: { cookie } });
      const times: number[] = [];
      const cpu = process.cpuUsage();
      for (let n = 0; n < requests; n++) {
        const t0 = performance.now();
        const response = await app.inject({ url, headers: { cookie } });
        times.push(performance.now() - t0);
        if (response.statusCode !== 200) throw new Error(`${label}: ${response.statusCode}`);
      }
      const used = process.cpuUsage(cpu);
      times.sort((a, b) => a - b);
      console.log(
        `${label} : ${requests} requêtes, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms ; processeur Node ${((used.user + used.system) / 1000 / requests).toFixed(1)} ms par requête ; charge ${loadAverage()}`,
      );
    };
    const firstPage = '/espace/aidant/aller-vers';
    await measure('page 1 de la liste', firstPage);

    // Deep pages reached as a helper reaches them: following the "Suivant" link of each page from the first.
    const link = (body: string, rel: 'prev' | 'next') =>
      new RegExp(`href="([^"]+)"\\s+rel="${rel}"`).exec(body)?.[1]?.replace(/&amp;/g, '&');
    const wanted = [50, 1000].filter((n) => n <= pages);
    const deepest = Math.min(pages, 1000);
    const reached = new Map<number, string>([[1, firstPage]]);
    let pageUrl = firstPage;
    const walk = performance.now();
    for (let n = 2; n <= deepest; n++) {
      const response = await app.inject({ url: pageUrl, headers: { cookie } });
      const next = link(response.body, 'next');
      if (!next) throw new Error(`page ${n - 1} : pas de lien « Suivant »`);
      pageUrl = next;
      reached.set(n, pageUrl);
    }
    console.log(
      `marche de la page 1 à la page ${deepest} par les liens « Suivant » : ${((performance.now() - walk) / 1000).toFixed(1)} s`,
    );
    if (!wanted.includes(deepest)) wanted.push(deepest);
    for (const n of wanted) await measure(`page ${n} (par « Suivant »)`, reached.get(n)!);
    // And back: the "Précédent" link of the deepest page (a cursor read towards the newest lines).
    const deep = await app.inject({ url: reached.get(deepest)!, headers: { cookie } });
    const previous = link(deep.body, 'prev');
    if (previous)
      await measure(`page ${deepest - 1} (par « Précédent » depuis la page ${deepest})`, previous);

    // What the database does for the deepest page: the plan, the lines read, the time.
    const cursorText = new URL(reached.get(deepest)!, 'http://bench').searchParams.get('curseur');
    const cursor = cursorText ? (decodeOutreachCursor(cursorText) ?? null) : null;
    const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers, costs off)
      ${outreachPageQuery('cahors', cursor, outreachPageSize)}`.execute(db);
    console.log(`plan de la page ${deepest} :`);
    for (const row of plan.rows) console.log(`  ${row['QUERY PLAN']}`);
    await app.close();
  } finally {
    await database.close().catch(() => undefined);
    if (!keep) {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    }
  }
}
