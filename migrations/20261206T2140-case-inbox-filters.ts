// The inbox as a work tool: filters by state (new, to answer, overdue by the reminder rule, answered, closed),
// full-text search on the resident's name, the subject and the reference, and counters — each one an index
// range scan on a million cases.
//
// - case_participants.due_at: when the organisation is reminded (N working days after its invitation, computed
//   by the app with the holidays); rows invited before this migration get invited_at + 7 days (5 working days
//   in a week without a holiday).
// - case_participants.case_status: a copy of cases.status, like case_updated_at, so that "my organisation's
//   new cases" is one index range scan; case_participants.consent_given: whether the resident's consent lets
//   the organisation in — a copy too, so that counting an organisation's cases reads its index only, never
//   the cases themselves.
// - cases.waiting_due_at: the earliest due date of the organisations that have not answered yet (the helper's
//   "overdue" filter); cases.question_pending_at: a partner asked the helper something not yet answered.
// - cases.search_vector: a generated tsvector of the folded (lower case, no accents) names, subject and
//   reference, with the 'simple' configuration (no stemming: names are not French words). Core PostgreSQL
//   full-text search, so it works the same on PGlite (no extension to load; pg_trgm would need one).
// - cases.scope_keys: who may find the case ('o:' the opening organisation, 's:' its site or 'n:' none, 'p:'
//   each invited organisation). One GIN index holds both columns, so a search for a name within an
//   organisation's cases walks the two posting lists together, skipping (two separate indexes would each build
//   a bitmap: 136,000 cases for an organisation's key, about 100 ms).
// - The inbox's partial indexes carry (INCLUDE) the columns its queries read besides the key, so that counting
//   1,000 of an organisation's cases is an index-only scan (measured on the million cases: 13 ms with a heap
//   read per case, 1.3 ms without).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table case_participants add column due_at timestamptz;
    update case_participants set due_at = invited_at + interval '7 days';
    alter table case_participants alter column due_at set not null;
    alter table case_participants add column case_status text not null default 'new';
    alter table case_participants add column consent_given boolean not null default true;
    update case_participants p set case_status = c.status, consent_given = (c.consent_status = 'given')
      from cases c where c.id = p.case_id;
    alter table cases add column waiting_due_at timestamptz;
    update cases c set waiting_due_at = w.due from (
      select case_id, min(due_at) as due from case_participants
      where first_answer_at is null and done_at is null group by case_id) w
      where w.case_id = c.id and c.status <> 'closed';
    alter table cases add column question_pending_at timestamptz;

    create function sc_search_fold(value text) returns text language sql immutable parallel safe
      return translate(lower(value), 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy');
    alter table cases add column search_vector tsvector generated always as (
      to_tsvector('simple', sc_search_fold(
        coalesce(resident_first_name, '') || ' ' || coalesce(resident_last_name, '') || ' ' ||
        coalesce(subject, '') || ' ' || left(id::text, 8)))
    ) stored;

    alter table cases add column scope_keys text[] not null default '{}';
    update cases c set scope_keys = array['o:' || c.helper_organisation_id,
        coalesce('s:' || c.helper_site_id, 'n:' || c.helper_organisation_id)]
      || coalesce((select array_agg('p:' || p.organisation_id) from case_participants p where p.case_id = c.id), '{}');
    create index cases_search on cases using gin (search_vector, scope_keys);
    create index case_participants_given on case_participants(organisation_id, case_updated_at desc) include (case_id)
      where consent_given;
    create index case_participants_status on case_participants(organisation_id, case_status, case_updated_at desc) include (case_id)
      where consent_given;
    create index case_participants_to_answer on case_participants(organisation_id, case_updated_at desc)
      include (case_id, case_status, due_at)
      where first_answer_at is null and done_at is null and consent_given;
    create index cases_helper_org_status on cases(helper_organisation_id, status, updated_at desc) include (id, helper_site_id);
    create index cases_helper_site_status on cases(helper_site_id, status, updated_at desc) include (id, helper_organisation_id)
      where helper_site_id is not null;
    create index cases_helper_waiting on cases(helper_organisation_id, updated_at desc)
      include (id, helper_site_id, status, waiting_due_at)
      where waiting_due_at is not null;
    create index cases_helper_question on cases(helper_organisation_id, updated_at desc)
      include (id, helper_site_id, status)
      where question_pending_at is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index cases_helper_question; drop index cases_helper_waiting; drop index cases_helper_site_status;
    drop index cases_helper_org_status; drop index case_participants_to_answer; drop index case_participants_status;
    drop index case_participants_given; alter table case_participants drop column consent_given;
    drop index cases_search; alter table cases drop column scope_keys;
    alter table cases drop column search_vector; drop function sc_search_fold(text);
    alter table cases drop column question_pending_at; alter table cases drop column waiting_due_at;
    alter table case_participants drop column case_status; alter table case_participants drop column due_at;
  `.execute(db);
}
