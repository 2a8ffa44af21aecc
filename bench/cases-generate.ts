// Generates the cases bench dataset on PostgreSQL: 1 million cases and 10 million messages (by default),
// written by the server itself with generate_series (no round trip per row), then indexed and analysed.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:55499/sc_bench npx tsx bench/cases-generate.ts --yes [--cases 1000000] [--messages-per-case 10]
//
// It refuses to run without --yes (it deletes every case of that database first) and refuses PGlite.
import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.ts';
import { prepareDatabase } from '../src/bootstrap.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error(
    'DATABASE_URL=postgres://… est obligatoire (le jeu de données ne se génère que sur PostgreSQL).',
  );
  process.exit(1);
}
if (!process.argv.includes('--yes')) {
  console.error('Ce script efface toutes les saisines de cette base avant de générer : relancez avec --yes.');
  process.exit(1);
}
const cases = arg('--cases', 1_000_000);
const perCase = arg('--messages-per-case', 10);

async function step(client: pg.Client, label: string, text: string): Promise<void> {
  const started = performance.now();
  const result = await client.query(text);
  console.log(
    `${label}: ${((performance.now() - started) / 1000).toFixed(1)} s${result.rowCount != null ? ` (${result.rowCount} lignes)` : ''}`,
  );
}

async function main() {
  const handle = await openDatabase({ databaseUrl: url });
  await prepareDatabase(handle.db, { demo: true });
  await handle.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  await client.query('set synchronous_commit = off');
  // The generated rows are consistent by construction: skip the per-row foreign-key triggers while loading
  // (session_replication_role needs a superuser, which a bench server has).
  await client.query("set session_replication_role = 'replica'");
  await step(
    client,
    'effacement des saisines existantes',
    'truncate cases, case_consents, case_participants, case_messages, case_attachments, case_reads cascade',
  );
  // Agents: 40 helpers in the two helper organisations, 10 partner agents per partner organisation.
  await step(
    client,
    'agents',
    `insert into users (email, display_name, role, organisation_id, status)
     select 'bench-' || o.slug || '-' || g || '@bench.localhost', 'Agent ' || g || ' ' || o.name,
            case when o.kind in ('france-services','mairie') then 'helper' else 'partnerAgent' end, o.id, 'active'
     from organisations o cross join generate_series(1, case when o.kind in ('france-services','mairie') then 20 else 10 end) g
     on conflict do nothing`,
  );
  await client.query(
    `insert into user_territories (user_id, territory_id) select id, 'cahors' from users where email like '%@bench.localhost' on conflict do nothing`,
  );
  // France Services agents work at one of the network's sites (its places), in turn.
  await client.query(
    `with sites as (select array_agg(p.id order by p.slug) ids from places p join organisations o on o.id = p.organisation_id
                    where o.kind = 'france-services'),
          agents as (select u.id, row_number() over (order by u.email) n from users u join organisations o on o.id = u.organisation_id
                     where o.kind = 'france-services' and u.email like '%@bench.localhost')
     update users u set site_id = s.ids[1 + (a.n % array_length(s.ids, 1))] from agents a, sites s where u.id = a.id`,
  );
  // Indexes are built after the load: maintaining them row by row is several times slower.
  await client.query(`drop index if exists case_messages_case; drop index if exists case_participants_inbox; drop index if exists case_participants_assignee;
    drop index if exists cases_helper_org_recent; drop index if exists cases_created_by; drop index if exists cases_closed;
    drop index if exists cases_created_at; drop index if exists cases_closed_at; drop index if exists case_participants_first_answer;
    drop index if exists case_participants_done;

    drop index if exists cases_helper_site_recent; drop index if exists cases_search; drop index if exists case_participants_status; drop index if exists case_participants_given;
    drop index if exists case_participants_to_answer; drop index if exists cases_helper_org_status; drop index if exists cases_helper_site_status;
    drop index if exists cases_helper_waiting; drop index if exists cases_helper_question`);
  await step(
    client,
    `${cases} saisines`,
    `with helpers as (select array_agg(u.id order by u.id) ids, array_agg(u.organisation_id order by u.id) orgs,
                             array_agg(u.site_id order by u.id) sites
                      from users u where u.role = 'helper' and u.organisation_id is not null),
          events as (select array['birth','adoption','autonomy-loss','business-creation','self-employment','job-loss','moving','bereavement','retirement','first-hire'] e),
          subjects as (select array['Rupture de droits','Indu à expliquer','Pièce manquante au dossier','Changement de situation','Ouverture de droits santé'] s),
          partners as (select array_agg(id order by slug) ids from organisations where kind not in ('france-services','mairie')),
          communes as (select array_agg(insee_code order by insee_code) c from territory_communes where territory_id = 'cahors')
     insert into cases (id, territory_id, helper_organisation_id, helper_site_id, created_by, status, life_event, subject, urgent, question,
                        resident_first_name, resident_last_name, resident_commune,
                        resident_birth_date, created_at, updated_at, last_message_at, closed_at, usefulness, scope_keys)
     select gen_random_uuid(), 'cahors', h.orgs[1 + (g % array_length(h.ids, 1))], h.sites[1 + (g % array_length(h.ids, 1))],
            h.ids[1 + (g % array_length(h.ids, 1))],
            (array['new','in_progress','answered','closed','closed','closed'])[1 + g % 6], ev.e[1 + g % 10],
            case when g % 3 = 0 then sj.s[1 + g % 5] end, g % 50 = 0,
            'Question générée numéro ' || g, 'Prénom' || g, 'Nom' || g,
            -- The resident's commune, spread over the territory's communes by a multiplier prime to their number
            -- (so that it does not follow the life event or the helper); one case in twenty without a commune.
            case when g % 20 <> 0 then cm.c[1 + ((g::bigint * 7919) % array_length(cm.c, 1))::int] end,
            date '1940-01-01' + (g % 25000),
            now() - make_interval(mins => (${cases} - g) * 1), now() - make_interval(mins => (${cases} - g) * 1) + interval '3 hours',
            now() - make_interval(mins => (${cases} - g) * 1) + interval '3 hours',
            case when g % 6 >= 3 then now() - make_interval(mins => (${cases} - g) * 1) + interval '4 hours' end,
            case when g % 6 >= 3 then (array['yes','partly','no'])[1 + g % 3] end,
            -- Who may find the case (as insertCase and insertParticipant write it): the opening organisation, its
            -- site (or none), and the one or two partner organisations invited below.
            array['o:' || h.orgs[1 + (g % array_length(h.ids, 1))],
                  coalesce('s:' || h.sites[1 + (g % array_length(h.ids, 1))], 'n:' || h.orgs[1 + (g % array_length(h.ids, 1))]),
                  'p:' || p.ids[1 + g % array_length(p.ids, 1)]]
              || case when g % 2 = 0 then array['p:' || p.ids[1 + (g + 1) % array_length(p.ids, 1)]] else '{}'::text[] end
     from generate_series(1, ${cases}) g, helpers h, events ev, subjects sj, partners p, communes cm`,
  );
  // The invitations are those the cases' scope keys name: one or two partner organisations per case.
  await step(
    client,
    'organismes invités (1 ou 2 par saisine)',
    `insert into case_participants (case_id, organisation_id, invited_at, case_updated_at, first_answer_at, due_at, case_status)
     select c.id, substr(k, 3)::uuid, c.created_at, c.updated_at,
            -- New cases wait for their first answer: the "to answer" and "overdue" filters have work.
            case when c.status <> 'new' then c.created_at + interval '1 day' end,
            c.created_at + interval '7 days', c.status
     from cases c cross join unnest(c.scope_keys) k
     where k like 'p:%'`,
  );
  await step(
    client,
    'échéances des saisines en attente',
    `update cases c set waiting_due_at = c.created_at + interval '7 days' where c.status = 'new'`,
  );
  await step(
    client,
    `${cases * perCase} messages`,
    `insert into case_messages (case_id, author_id, author_organisation_id, kind, body, created_at)
     select c.id, c.created_by, c.helper_organisation_id, (array['message','answer','question','internal','answer'])[1 + g % 5],
            'Message généré ' || g || ' : la situation avance, pièce demandée, réponse apportée.', c.created_at + make_interval(mins => g)
     from cases c cross join generate_series(1, ${perCase}) g`,
  );
  await client.query("set session_replication_role = 'origin'");
  await step(client, 'index des messages', 'create index case_messages_case on case_messages(case_id, id)');
  await step(
    client,
    'index des boîtes de réception',
    `create index case_participants_inbox on case_participants(organisation_id, case_updated_at desc);
    create index case_participants_assignee on case_participants(assignee_id, case_updated_at desc) where assignee_id is not null;
    create index cases_helper_org_recent on cases(helper_organisation_id, updated_at desc, id desc) include (helper_site_id, status);
    create index cases_created_by on cases(created_by, updated_at desc);
    create index cases_closed on cases(closed_at) where status = 'closed' and personal_data_erased_at is null;
    create index cases_created_at on cases(created_at);
    create index cases_closed_at on cases(closed_at) where closed_at is not null;
    create index case_participants_first_answer on case_participants(first_answer_at) where first_answer_at is not null;
    create index case_participants_done on case_participants(done_at) where done_at is not null;

    create index cases_helper_site_recent on cases(helper_site_id, updated_at desc, id desc) include (helper_organisation_id, status)
      where helper_site_id is not null;
    create index case_participants_given on case_participants(organisation_id, case_updated_at desc) include (case_id)
      where consent_given;
    create index case_participants_status on case_participants(organisation_id, case_status, case_updated_at desc) include (case_id)
      where consent_given;
    create index case_participants_to_answer on case_participants(organisation_id, case_updated_at desc)
      include (case_id, case_status, due_at)
      where first_answer_at is null and done_at is null and consent_given;
    create index cases_helper_org_status on cases(helper_organisation_id, status, updated_at desc) include (id, helper_site_id);
    create index cases_helper_site_status on cases(helper_site_id, status, updated_at desc) include (id, helper_organisation_id) where helper_site_id is not null;
    create index cases_helper_waiting on cases(helper_organisation_id, updated_at desc)
      include (id, helper_site_id, status, waiting_due_at) where waiting_due_at is not null;
    create index cases_helper_question on cases(helper_organisation_id, updated_at desc)
      include (id, helper_site_id, status) where question_pending_at is not null`,
  );
  await step(
    client,
    'index de recherche plein texte (mots et clés de portée)',
    'create index cases_search on cases using gin (search_vector, scope_keys)',
  );
  // VACUUM as autovacuum would on a live database: the visibility map lets the inbox's counters read the
  // indexes only.
  for (const table of ['cases', 'case_participants', 'case_messages', 'users'])
    await step(client, `VACUUM ANALYZE ${table}`, `vacuum analyze ${table}`);
  const size = await client.query<{ size: string }>(
    'select pg_size_pretty(pg_database_size(current_database())) as size',
  );
  console.log(
    `terminé en ${((performance.now() - started) / 1000).toFixed(0)} s ; taille de la base : ${size.rows[0]?.size}`,
  );
  await client.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
