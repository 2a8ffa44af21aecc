// What the resident's file needs to know of the cases linked to it (cases.resident_user_id): the organisations
// taking part in them, so that the resident can see which of them may see what of their file, and share with an
// organisation invited later. Read-only; the cases feature owns its tables.
import type { Executor } from './store.ts';
import './tables.ts';

/** An organisation taking part in a case linked to a resident's file. */
export interface ResidentCaseOrganisation {
  caseId: string;
  organisationId: string;
  organisationName: string;
  lifeEvent: string;
  status: string;
}

/** The organisations of the cases linked to a resident's account (the helper's and the invited ones). */
export async function organisationsOnResidentCases(
  db: Executor,
  userId: string,
): Promise<ResidentCaseOrganisation[]> {
  const rows = await db
    .selectFrom('cases')
    .innerJoin('case_participants', 'case_participants.case_id', 'cases.id')
    .innerJoin('organisations', 'organisations.id', 'case_participants.organisation_id')
    .select([
      'cases.id as case_id',
      'case_participants.organisation_id',
      'organisations.name as organisation_name',
      'cases.life_event',
      'cases.status',
    ])
    .where('cases.resident_user_id', '=', userId)
    .where('cases.personal_data_erased_at', 'is', null)
    .orderBy('cases.created_at', 'desc')
    .orderBy('organisations.name')
    .execute();
  return rows.map((r) => ({
    caseId: r.case_id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    lifeEvent: r.life_event,
    status: r.status,
  }));
}
