// The mail platform against its real local SMTP server: what nodemailer sends arrives, the development page
// lists it escaped, and the page does not exist when the mailbox is off or in production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testConfig, type TestApp } from '../../../test/helpers.ts';
import { loadConfig, ConfigError } from '../../config.ts';
import { RecipientRefusedError } from './mailer.ts';

/** Test config overrides turning the development mailbox on, on a free port. */
function withMailbox() {
  const base = testConfig();
  return { devMailbox: true, smtp: { ...base.smtp, port: 0 } };
}

describe('mail platform with the development mailbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: withMailbox() });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('delivers a mail through real SMTP and shows it, escaped, on /dev/boite-mail', async () => {
    expect(t.app.devMailbox?.port).toBeGreaterThan(0);
    await t.app.mailer.send({
      to: 'Personne@Exemple.fr',
      subject: 'Essai <b>gras</b> d’accents éàç',
      text: 'Bonjour,\nvoici <script>alert(1)</script> et un lien http://127.0.0.1/x?a=1',
    });
    const mail = await t.app.devMailbox!.waitFor((m) => m.subject.startsWith('Essai'));
    expect(mail.to.map((a) => a.toLowerCase())).toEqual(['personne@exemple.fr']);
    expect(mail.subject).toBe('Essai <b>gras</b> d’accents éàç');
    expect(mail.text).toContain('<script>alert(1)</script>');
    expect(t.app.devMailbox!.for('personne@exemple.fr')).toHaveLength(1);

    const page = await t.app.inject('/dev/boite-mail');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Essai &lt;b>gras&lt;/b> d’accents éàç');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('href="http://127.0.0.1/x?a=1"');
  });
});

describe('a recipient the SMTP server refuses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: withMailbox() });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is a RecipientRefusedError (a 5xx at RCPT TO), not a 503, and nothing arrives', async () => {
    // The .invalid top-level domain is reserved (RFC 2606): the development server refuses it with 550 5.1.1.
    const sending = t.app.mailer.send({ to: 'personne@refus.invalid', subject: 'Refusé', text: 'x' });
    await expect(sending).rejects.toBeInstanceOf(RecipientRefusedError);
    await expect(sending).rejects.toMatchObject({ status: 400, message: expect.stringContaining('refusée') });
    expect(t.app.devMailbox!.list()).toHaveLength(0);
  });

  it('sends the Message-ID and extra headers it is given', async () => {
    await t.app.mailer.send({
      to: 'b@exemple.fr',
      subject: 'Avec en-têtes',
      text: 'ok',
      messageId: '<essai-1@sans-couture>',
      headers: { 'List-Unsubscribe': '<http://127.0.0.1/arret/x>' },
    });
    const mail = await t.app.devMailbox!.waitFor((m) => m.subject === 'Avec en-têtes');
    expect(mail.messageId).toBe('<essai-1@sans-couture>');
    expect(mail.headers['list-unsubscribe']).toBe('<http://127.0.0.1/arret/x>');
  });
});

describe('development mailbox on a port already taken', () => {
  it('falls back to a free port instead of refusing to start', async () => {
    const first = await buildTestApp({ config: withMailbox() });
    try {
      const taken = first.app.devMailbox!.port;
      const second = await buildTestApp({
        config: { ...withMailbox(), smtp: { ...testConfig().smtp, port: taken } },
      });
      try {
        expect(second.app.devMailbox!.port).not.toBe(taken);
        await second.app.mailer.send({ to: 'b@exemple.fr', subject: 'Deuxième', text: 'ok' });
        await second.app.devMailbox!.waitFor((m) => m.subject === 'Deuxième');
        expect(first.app.devMailbox!.list()).toHaveLength(0);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});

describe('mail platform without the development mailbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Mail goes to a port where nothing listens: sending must fail with a French 503, not a crash.
    const base = testConfig();
    t = await buildTestApp({ config: { devMailbox: false, smtp: { ...base.smtp, port: 9 } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has no /dev/boite-mail page at all', async () => {
    const page = await t.app.inject('/dev/boite-mail');
    expect(page.statusCode).toBe(404);
    expect(t.app.devMailbox).toBeNull();
  });

  it('reports an unreachable SMTP server as a French 503 error', async () => {
    await expect(t.app.mailer.send({ to: 'a@exemple.fr', subject: 's', text: 't' })).rejects.toMatchObject({
      status: 503,
      code: 'service-unavailable',
    });
  });

  it('refuses DEV_MAILBOX in production', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: 'x'.repeat(32),
        FILES_KEY: Buffer.alloc(32).toString('base64'),
        DEV_MAILBOX: 'true',
      }),
    ).toThrow(ConfigError);
    const production = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(32),
      FILES_KEY: Buffer.alloc(32).toString('base64'),
    });
    expect(production.devMailbox).toBe(false);
  });
});
