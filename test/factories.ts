// Test factories: the people and records most tests start from, each made fresh through the same code as
// the app (rows for accounts, the real form for a case), so a test says only what matters to it.
import { randomBytes } from 'node:crypto';
import { createSession } from '../src/platform/auth/session.ts';
import type { Role } from '../src/platform/auth/roles.ts';
import type { Db } from '../src/platform/db/database.ts';
import { addDays } from '../src/platform/dates.ts';
import type { Insertable } from 'kysely';
import { answerConsent, sendConsentConfirmation } from '../src/features/cases/consent.ts';
import type { CasesTable, CaseStatus, Usefulness } from '../src/features/cases/tables.ts';
import {
  csrfFor,
  formContext,
  multipartBody,
  sessionCookieFor,
  type FilePart,
  type TestApp,
  type TestUser,
} from './helpers.ts';

/** Inserts an account (active, no organisation, unless told otherwise); returns its id. */
export async function insertUser(
  db: Db,
  user: {
    email: string;
    displayName: string;
    role: Role;
    organisationId?: string | null;
    status?: 'active' | 'invited' | 'disabled';
  },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      organisation_id: user.organisationId ?? null,
      status: user.status ?? 'active',
      oidc_subject: null,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A fresh, active resident account with a session. */
export async function newResident(t: TestApp, name = 'Camille Dossier'): Promise<TestUser> {
  const email = `usager-${randomBytes(5).toString('hex')}@exemple.localhost`;
  const id = await insertUser(t.db, { email, displayName: name, role: 'resident' });
  const token = await createSession(t.db, t.config, id, 'test');
  return { id, email, cookie: `sc_session=${token}`, csrf: csrfFor(t, token) };
}

/** A fresh, active agent of an organisation (by slug), attached to a territory, with a session. */
export async function newAgent(
  t: TestApp,
  agent: { role: Exclude<Role, 'resident'>; organisation: string; email?: string; territory?: string },
): Promise<TestUser> {
  const email = agent.email ?? `agent-${randomBytes(5).toString('hex')}@exemple.localhost`;
  const id = await insertUser(t.db, {
    email,
    displayName: `Agent ${agent.organisation} (test)`,
    role: agent.role,
    organisationId: await organisationId(t, agent.organisation),
  });
  await t.db
    .insertInto('user_territories')
    .values({ user_id: id, territory_id: agent.territory ?? 'cahors' })
    .execute();
  const token = await createSession(t.db, t.config, id, 'test');
  return { id, email, cookie: `sc_session=${token}`, csrf: csrfFor(t, token) };
}

/** The id of an organisation by slug. */
export async function organisationId(t: TestApp, slug: string): Promise<string> {
  return (
    await t.db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  ).id;
}

/** The fields of a valid "open a case" form. */
export async function validCaseFields(
  t: TestApp,
  csrf: string,
  orgSlugs: string[] = ['caf-lot'],
): Promise<[string, string][]> {
  // The app's day (a test may fix it), not the machine's: a consent dated after the app's today is refused.
  const today = t.app.clock.today();
  const inAYear = addDays(today, 300);
  const fields: [string, string][] = [
    ['_csrf', csrf],
    ['prenom', 'Jeanne'],
    ['nom', 'Martin'],
    ['date_naissance', '1985-03-14'],
    ['numero_caf', '1234567'],
    ['numero_secu', '285037512345688'],
    ['numero_fiscal', ''],
    ['moment', 'birth'],
    ['question', 'Le versement de la PAJE est suspendu depuis deux mois, aucune réponse aux courriers.'],
    ['consentement_type', 'printed-mandate'],
    ['consentement_date', today],
    ['consentement_portee', 'Partage avec les organismes invités.'],
    ['consentement_fin', inAYear],
    ['consentement_contact', ''],
  ];
  for (const slug of orgSlugs) fields.push(['organismes', await organisationId(t, slug)]);
  return fields;
}

/**
 * Opens a case as the France Services helper through the real form; returns its id. `fields` replaces fields of
 * the valid form or adds others (the resident's `telephone`, `courriel`…).
 */
export async function openCaseThroughForm(
  t: TestApp,
  orgSlugs: string[] = ['caf-lot'],
  files: FilePart[] = [],
  fields: Record<string, string> = {},
): Promise<string> {
  const cookie = await sessionCookieFor(t, 'aidant@demo.localhost');
  const { csrf } = await formContext(t, '/dossiers/nouveau', cookie);
  const valid = await validCaseFields(t, csrf, orgSlugs);
  const names = new Set(valid.map(([k]) => k));
  const body = multipartBody(
    [
      ...valid.map(([k, v]): [string, string] => [k, fields[k] ?? v]),
      ...Object.entries(fields).filter(([k]) => !names.has(k)),
    ],
    files,
  );
  const response = await t.app.inject({
    method: 'POST',
    url: '/dossiers',
    payload: body.payload,
    headers: { ...body.headers, cookie },
  });
  if (response.statusCode !== 303)
    throw new Error(`open case failed: ${response.statusCode} ${response.body.slice(0, 2000)}`);
  return String(response.headers.location).split('/').pop()!;
}

/** The resident accepts an e-mail or SMS consent through the real link (message sent, link answered). */
export async function confirmByResident(t: TestApp, caseId: string): Promise<string> {
  const consent = await t.db
    .selectFrom('case_consents')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  let text = '';
  await sendConsentConfirmation(
    t.db,
    { send: async (_channel, _to, body) => void (text = body) },
    'http://sc.test',
    consent.id,
  );
  const token = /consentement\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!token) throw new Error('no confirmation link sent');
  const answer = await answerConsent(t.db, 'http://sc.test', token, 'accord', new Date());
  if (answer.link.state !== 'confirmed') throw new Error(`consent not confirmed: ${answer.link.state}`);
  return token;
}

/**
 * A case row with nothing of a person in it, opened (and closed) at chosen instants: for tests of the figures,
 * which count cases by month, commune, life event and usefulness. Insert it with `t.db.insertInto('cases')`.
 */
export function caseRowWithoutPerson(values: {
  helperOrganisationId: string;
  createdAt: Date;
  lifeEvent: string;
  territoryId?: string;
  status?: CaseStatus;
  closedAt?: Date | null;
  usefulness?: Usefulness | null;
  residentCommune?: string | null;
}): Insertable<CasesTable> {
  const closedAt = values.closedAt ?? null;
  return {
    territory_id: values.territoryId ?? 'cahors',
    helper_organisation_id: values.helperOrganisationId,
    created_by: null,
    status: values.status ?? (closedAt ? 'closed' : 'new'),
    life_event: values.lifeEvent,
    resident_commune: values.residentCommune ?? null,
    created_at: values.createdAt,
    updated_at: closedAt ?? values.createdAt,
    closed_at: closedAt,
    usefulness: values.usefulness ?? null,
    last_message_at: null,
    outcome: null,
    question: null,
    resident_first_name: null,
    resident_last_name: null,
    resident_birth_date: null,
    caf_number: null,
    social_security_number: null,
    tax_number: null,
    personal_data_erased_at: null,
  };
}
