// The permission matrix of the cases feature, generated from its route table: every route × anonymous, every
// role, and for agents their own organisation's case and another organisation's. The expected answer is
// written once per route below; a route added to caseRouteTable without its line here fails the test.
// Each cell runs on a fresh case (opened by the France Services helper, CAF invited), so one cell's success
// (closing, taking) cannot change the next cell's answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  buildTestApp,
  csrfFor,
  sessionCookieFor,
  userIdByEmail,
  type TestApp,
  multipartBody,
  samplePdf,
} from '../../../test/helpers.ts';
import { sign } from '../../platform/auth/tokens.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { caseRouteTable } from './routes.ts';
import { openCase } from './open-case.ts';
import { closeCase } from './case-actions.ts';
import { newAgent, organisationId, validCaseFields } from '../../../test/factories.ts';

type Who =
  | 'anonymous'
  | 'resident'
  | 'helperOwn'
  | 'helperOther'
  | 'partnerOwn'
  | 'partnerOther'
  | 'managerOwn'
  | 'managerOther'
  | 'pilot'
  | 'observer'
  | 'admin';

const accounts: Record<Exclude<Who, 'anonymous'>, string> = {
  resident: 'usager@demo.localhost',
  helperOwn: 'aidant@demo.localhost', // France Services: opened the case
  helperOther: 'mairie@demo.localhost', // Mairie de Cahors: not on the case
  partnerOwn: 'caf@demo.localhost', // CAF: invited
  partnerOther: 'cpam@demo.localhost', // CPAM: not invited
  managerOwn: 'responsable-caf@demo.localhost',
  managerOther: 'responsable-cpam@test.localhost', // created below
  pilot: 'pilote@demo.localhost',
  observer: 'observateur@demo.localhost',
  admin: 'admin@demo.localhost',
};

/** Expected status per route, written once: refusals of roles first, then each agent. */
function row(agents: Partial<Record<Who, number>>, otherwise = 403): Record<Who, number> {
  const all: Who[] = [
    'anonymous',
    'resident',
    'helperOwn',
    'helperOther',
    'partnerOwn',
    'partnerOther',
    'managerOwn',
    'managerOther',
    'pilot',
    'observer',
    'admin',
  ];
  return Object.fromEntries(
    all.map((w) => [w, w === 'anonymous' ? 401 : (agents[w] ?? otherwise)]),
  ) as Record<Who, number>;
}
// Strangers to a case get 404, as for a case that does not exist: nothing leaks.
const caseWorkers = { helperOther: 404, partnerOther: 404, managerOther: 404 };

const expected: Record<string, Record<Who, number>> = {
  'GET /dossiers': row({
    helperOwn: 200,
    helperOther: 200,
    partnerOwn: 200,
    partnerOther: 200,
    managerOwn: 200,
    managerOther: 200,
    admin: 200,
  }),
  'GET /dossiers/nouveau': row({ helperOwn: 200, helperOther: 200 }),
  'POST /dossiers': row({ helperOwn: 303, helperOther: 303 }),
  'GET /dossiers/export.csv': row({ managerOwn: 200, managerOther: 200 }),
  'GET /dossiers/tableau-de-bord': row({ managerOwn: 200, managerOther: 200 }),
  'GET /dossiers/organisme': row({ managerOwn: 200, managerOther: 200 }),
  'POST /dossiers/organisme/boite-partagee': row({ managerOwn: 303, managerOther: 303 }),
  'POST /dossiers/organisme/sujets': row({ managerOwn: 303, managerOther: 303 }),
  // The subject is the CAF's: another organisation's manager cannot withdraw it.
  'POST /dossiers/organisme/sujets/:subjectId/retrait': row({ managerOwn: 303, managerOther: 404 }),
  'GET /dossiers/:id': row({ ...caseWorkers, helperOwn: 200, partnerOwn: 200, managerOwn: 200, admin: 200 }),
  'GET /dossiers/:id/mandat': row({ helperOwn: 200, helperOther: 404, managerOwn: 404, managerOther: 404 }),
  'GET /dossiers/:id/pieces/:fileId': row({
    ...caseWorkers,
    helperOwn: 200,
    partnerOwn: 200,
    managerOwn: 200,
  }),
  // The letter to the resident is the helper's side's: partners' managers are refused as strangers.
  'GET /dossiers/:id/courriers/:noticeId': row({
    helperOwn: 200,
    helperOther: 404,
    managerOwn: 404,
    managerOther: 404,
  }),
  'POST /dossiers/:id/procedure-standard': row({
    ...caseWorkers,
    helperOwn: 303,
    partnerOwn: 303,
    managerOwn: 303,
    admin: 404,
  }),
  'POST /dossiers/:id/messages': row({
    ...caseWorkers,
    helperOwn: 303,
    partnerOwn: 303,
    managerOwn: 303,
    admin: 404,
  }),
  'POST /dossiers/:id/prise-en-charge': row({
    ...caseWorkers,
    helperOwn: 403,
    partnerOwn: 303,
    managerOwn: 303,
    admin: 404,
  }),
  'POST /dossiers/:id/invitations': row({
    ...caseWorkers,
    helperOwn: 303,
    partnerOwn: 303,
    managerOwn: 303,
    admin: 404,
  }),
  'POST /dossiers/:id/part-terminee': row({
    ...caseWorkers,
    helperOwn: 403,
    partnerOwn: 303,
    managerOwn: 303,
    admin: 404,
  }),
  'POST /dossiers/:id/cloture': row({
    ...caseWorkers,
    helperOwn: 303,
    partnerOwn: 403,
    managerOwn: 403,
    admin: 404,
  }),
  'POST /dossiers/:id/reouverture': row({
    ...caseWorkers,
    helperOwn: 303,
    partnerOwn: 403,
    managerOwn: 403,
    admin: 404,
  }),
  'POST /dossiers/:id/donnees-usager': row({
    ...caseWorkers,
    helperOwn: 200,
    partnerOwn: 403,
    managerOwn: 403,
    admin: 404,
  }),
  'GET /dossiers/:id/effacement': row({
    ...caseWorkers,
    helperOwn: 200,
    partnerOwn: 403,
    managerOwn: 403,
    admin: 404,
  }),
  'POST /dossiers/:id/effacement': row({
    ...caseWorkers,
    helperOwn: 303,
    partnerOwn: 403,
    managerOwn: 403,
    admin: 404,
  }),
  'GET /parametres/courriels': row({
    helperOwn: 200,
    helperOther: 200,
    partnerOwn: 200,
    partnerOther: 200,
    managerOwn: 200,
    managerOther: 200,
  }),
  'POST /parametres/courriels': row({
    helperOwn: 303,
    helperOther: 303,
    partnerOwn: 303,
    partnerOther: 303,
    managerOwn: 303,
    managerOther: 303,
  }),
  'GET /consentement/:token': { ...row({}, 404), anonymous: 404 },
  'POST /consentement/:token': { ...row({}, 404), anonymous: 404 },
};

describe('cases permission matrix (route × role × own / other organisation)', () => {
  let t: TestApp;
  const sessions = new Map<Who, { cookie: string; csrf: string }>();
  let helper: Actor;

  beforeAll(async () => {
    t = await buildTestApp();
    await newAgent(t, {
      role: 'organisationManager',
      organisation: 'cpam-lot',
      email: accounts.managerOther,
    });
    for (const [who, email] of Object.entries(accounts) as [Who, string][]) {
      const cookie = await sessionCookieFor(t, email);
      sessions.set(who, {
        cookie,
        csrf: csrfFor(t, cookie.slice('sc_session='.length)),
      });
    }
    const anon = 'matrix' + 'B'.repeat(37);
    sessions.set('anonymous', {
      cookie: `sc_anon=${anon}`,
      csrf: sign(t.config.sessionSecret, 'csrf:anon:' + anon),
    });
    helper = {
      id: await userIdByEmail(t.db, accounts.helperOwn),
      role: 'helper',
      organisationId: await organisationId(t, 'france-services-lot'),
      territoryIds: ['cahors'],
    };
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A fresh case of the helper's organisation, CAF invited, with one file; closed when the route needs it. */
  async function freshCase(
    closed: boolean,
  ): Promise<{ id: string; fileId: string; noticeId: number; subjectId: string }> {
    const deps = { db: t.db, filesKey: t.config.filesKey, publicUrl: 'http://sc.test' };
    const today = new Date().toISOString().slice(0, 10);
    const { id } = await openCase(deps, helper, {
      resident: {
        firstName: 'Ana',
        lastName: 'Matrice',
        birthDate: '1990-01-01',
        cafNumber: null,
        socialSecurityNumber: null,
        taxNumber: null,
      },
      lifeEvent: 'moving',
      question: 'Changement d’adresse non pris en compte.',
      organisationIds: [await organisationId(t, 'caf-lot')],
      consent: {
        kind: 'printed-mandate',
        givenOn: today,
        scope: 'Partage',
        expiresOn: new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10),
        contact: null,
        mandate: null,
      },
      attachments: [{ name: 'piece.pdf', mediaType: 'application/pdf', content: samplePdf }],
    });
    if (closed) await closeCase(deps, helper, id, { usefulness: 'yes', outcome: 'Réglé' });
    const file = await t.db
      .selectFrom('case_attachments')
      .select('file_id')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    // No e-mail and no mobile: the resident is told by a letter the helper prints.
    const notice = await t.db
      .selectFrom('case_resident_notices')
      .select('id')
      .where('case_id', '=', id)
      .where('channel', '=', 'letter')
      .executeTakeFirstOrThrow();
    const subject = await t.db
      .insertInto('organisation_subjects')
      .values({ organisation_id: await organisationId(t, 'caf-lot'), label: `Objet ${id}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, fileId: file.file_id, noticeId: notice.id, subjectId: subject.id };
  }

  async function call(method: string, url: string, who: Who, key: string): Promise<LightMyRequestResponse> {
    const { cookie, csrf } = sessions.get(who)!;
    if (method === 'GET') return t.app.inject({ method: 'GET', url, headers: { cookie } });
    if (key === 'POST /dossiers' || key === 'POST /dossiers/:id/messages') {
      const fields: [string, string][] =
        key === 'POST /dossiers'
          ? await validCaseFields(t, csrf)
          : [
              ['_csrf', csrf],
              ['type', who.startsWith('helper') ? 'message' : 'answer'],
              ['texte', 'Message de la matrice'],
            ];
      const body = multipartBody(fields);
      return t.app.inject({
        method: 'POST',
        url,
        headers: { ...body.headers, cookie },
        payload: body.payload,
      });
    }
    const extra: Record<string, string> =
      key === 'POST /dossiers/:id/invitations'
        ? { organisme: await organisationId(t, 'cpam-lot') }
        : key === 'POST /dossiers/:id/cloture'
          ? { utile: 'partly', resultat: 'En partie réglé' }
          : key === 'POST /dossiers/:id/effacement'
            ? { confirmation: 'oui' }
            : key === 'POST /parametres/courriels'
              ? { volume: 'digest' }
              : key === 'POST /dossiers/organisme/sujets'
                ? { sujet: `Objet de la matrice ${who} ${Math.random()}` }
                : key === 'POST /dossiers/:id/procedure-standard'
                  ? { standard: 'oui' }
                  : key === 'POST /consentement/:token'
                    ? { reponse: 'accord' }
                    : {};
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, ...extra }).toString(),
    });
  }

  it('has one expected line per route of the route table, and no stale line', () => {
    const keys = caseRouteTable.map((r) => `${r.method} ${r.url}`);
    expect(Object.keys(expected).sort()).toEqual([...keys].sort());
  });

  for (const route of caseRouteTable) {
    const key = `${route.method} ${route.url}`;
    it(`${key}: answers each role and organisation as written`, async () => {
      const failures: string[] = [];
      for (const who of Object.keys(expected[key]!) as Who[]) {
        const c = await freshCase(key === 'POST /dossiers/:id/reouverture');
        const url = route.url
          .replace(':id', c.id)
          .replace(':fileId', c.fileId)
          .replace(':noticeId', String(c.noticeId))
          .replace(':subjectId', c.subjectId)
          .replace(':token', 'lien-inconnu-de-la-matrice');
        const response = await call(route.method, url, who, key);
        const want = expected[key]![who];
        if (response.statusCode !== want) failures.push(`${who}: ${response.statusCode} (expected ${want})`);
        // A refusal never shows the resident's identity.
        if (response.statusCode >= 400 && response.body.includes('Matrice'))
          failures.push(`${who}: refusal leaks the resident's name`);
        if (who === 'admin' && response.body.includes('Matrice')) failures.push('admin sees personal data');
      }
      expect(failures).toEqual([]);
    });
  }
});
