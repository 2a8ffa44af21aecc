// Attachments and ClamAV, with a real clamd started by the test on signatures of its own (test/clamd.ts): the
// EICAR test file is refused at upload with a French message and nothing is stored; a clean file is stored
// 'clean' and served; while the scanner does not answer, a file stays in quarantine — listed, never served —
// until the scan job releases it; in production without a scanner, uploads are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  formContext,
  sessionCookieFor,
  type TestApp,
  multipartBody,
  samplePdf,
} from '../../../test/helpers.ts';
import { eicar, startClamd, type TestClamd } from '../../../test/clamd.ts';
import { validCaseFields } from '../../../test/factories.ts';

/** A PDF that carries the EICAR string: a file of an accepted type that the antivirus must stop. */
const infectedPdf = Buffer.concat([
  Buffer.from('%PDF-1.4\n% '),
  eicar,
  Buffer.from('\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
]);

async function openWith(t: TestApp, file: Buffer, name: string) {
  const cookie = await sessionCookieFor(t, 'aidant@demo.localhost');
  const { csrf } = await formContext(t, '/dossiers/nouveau', cookie);
  const body = multipartBody(await validCaseFields(t, csrf), [
    { field: 'pieces', filename: name, type: 'application/pdf', content: file },
  ]);
  const response = await t.app.inject({
    method: 'POST',
    url: '/dossiers',
    payload: body.payload,
    headers: { ...body.headers, cookie },
  });
  return { response, cookie };
}

const countFiles = async (t: TestApp) =>
  Number(
    (
      await t.db
        .selectFrom('stored_files')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('attachments scanned by ClamAV', () => {
  let clamd: TestClamd;
  let t: TestApp;
  beforeAll(async () => {
    clamd = await startClamd();
    t = await buildTestApp({ config: { clamav: { socket: clamd.socket } } });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await clamd?.stop();
  });

  it('refuses the EICAR test file next to the field, and stores nothing', async () => {
    const before = await countFiles(t);
    const cases = await t.db.selectFrom('cases').select('id').execute();
    const { response } = await openWith(t, infectedPdf, 'avis.pdf');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('L’antivirus a trouvé un virus dans le fichier « avis.pdf »');
    expect(await countFiles(t)).toBe(before);
    expect(await t.db.selectFrom('cases').select('id').execute()).toHaveLength(cases.length);
  });

  it('stores a clean file as scanned clean, and serves it', async () => {
    const { response, cookie } = await openWith(t, samplePdf, 'propre.pdf');
    expect(response.statusCode).toBe(303);
    const caseId = String(response.headers.location).split('/').pop()!;
    const file = await t.db
      .selectFrom('stored_files')
      .select(['id', 'scan_status', 'scanned_at'])
      .where('owner_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(file.scan_status).toBe('clean');
    expect(file.scanned_at).not.toBeNull();
    const download = await t.app.inject({
      url: `/dossiers/${caseId}/pieces/${file.id}`,
      headers: { cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(samplePdf)).toBe(true);
  });
});

describe('attachments while the scanner does not answer', () => {
  let clamd: TestClamd;
  let t: TestApp;
  beforeAll(async () => {
    clamd = await startClamd();
    // The app's scanner points to a socket where nothing listens (clamd down, or restarting).
    t = await buildTestApp({ config: { clamav: { socket: `${clamd.socket}.absent` } } });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await clamd?.stop();
  });

  it('keeps the file in quarantine, never served, until the scan job finds it clean; blocks an infected one', async () => {
    const clean = await openWith(t, samplePdf, 'attente.pdf');
    expect(clean.response.statusCode).toBe(303);
    const caseId = String(clean.response.headers.location).split('/').pop()!;
    const file = await t.db
      .selectFrom('stored_files')
      .select(['id', 'scan_status'])
      .where('owner_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(file.scan_status).toBe('pending');
    const early = await t.app.inject({
      url: `/dossiers/${caseId}/pieces/${file.id}`,
      headers: { cookie: clean.cookie },
    });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('en cours d’analyse par l’antivirus');
    expect(early.body).not.toContain('%PDF');
    const page = await t.app.inject({ url: `/dossiers/${caseId}`, headers: { cookie: clean.cookie } });
    expect(page.body).toContain('attente.pdf : en cours d’analyse par l’antivirus');
    // The infected one cannot be refused at upload: it waits in quarantine too.
    const infected = await openWith(t, infectedPdf, 'virus.pdf');
    expect(infected.response.statusCode).toBe(303);
    const infectedCase = String(infected.response.headers.location).split('/').pop()!;
    // A scan job is waiting; it fails while the scanner is away and the files stay in quarantine.
    const jobs = await t.db.selectFrom('jobs').select('id').where('kind', '=', 'files.scan').execute();
    expect(jobs.length).toBeGreaterThan(0);
    // The scanner is back: the job releases the clean file and blocks the infected one, whose bytes are gone
    // (the demonstration case's file, stored before any scanner, is scanned on the way: three in all).
    const { scanQuarantine } = await import('../../platform/files/files.ts');
    const { clamdScanner } = await import('../../platform/files/antivirus.ts');
    expect(await scanQuarantine(t.db, t.config.filesKey, clamdScanner({ socket: clamd.socket }))).toEqual({
      scanned: 3,
      infected: 1,
    });
    const released = await t.app.inject({
      url: `/dossiers/${caseId}/pieces/${file.id}`,
      headers: { cookie: clean.cookie },
    });
    expect(released.statusCode).toBe(200);
    expect(released.rawPayload.equals(samplePdf)).toBe(true);
    const blocked = await t.db
      .selectFrom('stored_files')
      .select(['id', 'scan_status', 'content'])
      .where('owner_id', '=', infectedCase)
      .executeTakeFirstOrThrow();
    expect(blocked.scan_status).toBe('infected');
    expect(blocked.content.length).toBe(0);
    const refused = await t.app.inject({
      url: `/dossiers/${infectedCase}/pieces/${blocked.id}`,
      headers: { cookie: infected.cookie },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toContain('L’antivirus a bloqué cette pièce');
  });
});

describe('attachments in production without a scanner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { env: 'production', clamav: undefined } });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the upload rather than store it unscanned', async () => {
    const before = await countFiles(t);
    const { response } = await openWith(t, samplePdf, 'sans-antivirus.pdf');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('aucun antivirus n’est en service');
    expect(await countFiles(t)).toBe(before);
  });
});
