// The inbox pages by cursor (last activity, then id: see listInbox), and its helper side reads the cases an
// organisation or a site opened in that order. The indexes it had were (organisation, updated_at) and (site,
// updated_at): the case id was not in the key, and the site and organisation checked beside it were not in the
// index, so counting the newest 1,000 cases of a France Services site read 35,000 entries of the status index
// and sorted them (15 ms on the million cases), and the organisation's side fetched each case from the table
// (13 ms). These two replace them, ordered by the whole sort key and carrying what the inbox checks: the same
// counts read 1,000 index entries in order (0.7 and 1.6 ms, docs/performance.md).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index cases_helper_org_recent on cases(helper_organisation_id, updated_at desc, id desc)
      include (helper_site_id, status);
    create index cases_helper_site_recent on cases(helper_site_id, updated_at desc, id desc)
      include (helper_organisation_id, status) where helper_site_id is not null;
    drop index cases_helper_org;
    drop index cases_helper_site;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index cases_helper_org on cases(helper_organisation_id, updated_at desc);
    create index cases_helper_site on cases(helper_site_id, updated_at desc) where helper_site_id is not null;
    drop index cases_helper_site_recent;
    drop index cases_helper_org_recent;
  `.execute(db);
}
