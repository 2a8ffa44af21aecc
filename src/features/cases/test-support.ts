// Helpers for the cases tests: multipart bodies, sample files, and a case opened through the real form.
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../test/helpers.ts';
import { formContext, sessionCookieFor } from '../../../test/helpers.ts';
import { answerConsent, sendConsentConfirmation } from './consent.ts';

export interface FilePart {
  field: string;
  filename: string;
  type: string;
  content: Buffer;
}

/** A multipart/form-data body as a browser sends it. */
export function multipartBody(
  fields: [string, string][],
  files: FilePart[] = [],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----sc' + randomBytes(8).toString('hex');
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
    );
    chunks.push(f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A tiny valid PDF. */
export const samplePdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A 1×1 PNG. */
export const samplePng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

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
  const today = new Date().toISOString().slice(0, 10);
  const inAYear = new Date(Date.now() + 300 * 86400_000).toISOString().slice(0, 10);
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

/** Opens a case as the France Services helper through the real form; returns its id. */
export async function openCaseThroughForm(
  t: TestApp,
  orgSlugs: string[] = ['caf-lot'],
  files: FilePart[] = [],
): Promise<string> {
  const cookie = await sessionCookieFor(t, 'aidant@demo.localhost');
  const { csrf } = await formContext(t, '/dossiers/nouveau', cookie);
  const body = multipartBody(await validCaseFields(t, csrf, orgSlugs), files);
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
