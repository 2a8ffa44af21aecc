// From the plan to a person, in Chromium: a resident of Arcambal (a commune served by the bus) who lost their job
// finds the bus's next passage from their plan and books a slot in the bus without JavaScript, on a 360 px screen;
// a second browser books the same slot at the same moment and is told kindly that it is gone; the bus's agent
// marks the appointment seen. Axe finds nothing on any of the new pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createSession } from '../src/platform/auth/session.ts';
import type { Clock } from '../src/platform/clock.ts';
import { userIdByEmail } from '../test/helpers.ts';
import {
  expectNoAxeViolations,
  newPage,
  startBrowserHarness,
  typeDate,
  type BrowserHarness,
} from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  // Sunday 6 December 2026; the bus stops in Arcambal on Monday 7 December, 9:00–12:00.
  h = await startBrowserHarness({ fixedToday: '2026-12-06' });
});
afterAll(async () => {
  await h?.close();
});

/** Axe needs scripts: the no-JavaScript walk has each page it visits checked again in a browser with them. */
async function axeAt(url: string): Promise<void> {
  const { context, page } = await newPage(h, { width: 360 });
  await page.goto(url);
  await expectNoAxeViolations(page);
  await context.close();
}

async function fillBooking(page: Page, firstName: string, email: string) {
  await page.fill('#prenom', firstName);
  await page.fill('#nom', 'Durand');
  await page.fill('#courriel', email);
  await page.fill('#telephone', '06 12 34 56 78');
  // DSFR's label covers the checkbox: click the label, as a person would.
  await page.click('label[for="consentement"]');
}

// A long walk through many pages on a shared machine: two minutes per test.
describe('booking the bus from the plan', { timeout: 120_000 }, () => {
  it('finds the next passage from the plan and books it without JavaScript; a second person is told kindly', async () => {
    const a = await newPage(h, { javaScript: false, width: 360 });
    const page = a.page;
    await page.goto('/moments-de-vie/job-loss/formulaire');
    expect(await typeDate(page, '#eventDate', '2026-12-01')).toBe('2026-12-01');
    await page.selectOption('#commune', '46007');
    await page.click('form button[type=submit]');
    await page.waitForURL('**/moments-de-vie/job-loss/plan');
    // The plan sends a resident of Arcambal to the bus's stop in their commune.
    const stopLink = page.locator('[data-place="arret-bus-arcambal"] a').first();
    await stopLink.click();
    await page.waitForURL('**/lieux/arret-bus-arcambal');
    expect(await page.locator('h1').textContent()).toContain('arrêt d’Arcambal');
    expect(await page.textContent('[data-passages]')).toContain('lundi 7 décembre 2026, de 9 h à 12 h');
    await axeAt(page.url());
    await page.click('a:has-text("Prendre rendez-vous")');
    await page.waitForURL('**/rendez-vous?lieu=arret-bus-arcambal');
    await axeAt(page.url());
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const firstSlot = page.locator('[data-day="2026-12-07"] a[data-slot]').first();
    expect(await firstSlot.textContent()).toContain('9 h');
    const slotHref = (await firstSlot.getAttribute('href'))!;
    await firstSlot.click();
    await page.waitForURL('**/rendez-vous/reserver?creneau=*');
    await axeAt(page.url());
    await fillBooking(page, 'Alix', 'alix@exemple.localhost');

    // A second resident, in another browser (this one with scripts, so that axe runs on what it is shown), on
    // the same slot. Wrong input first: a phone number that is not one; the message is next to the field.
    const b = await newPage(h, { width: 360 });
    await b.page.goto(slotHref);
    await fillBooking(b.page, 'Bastien', 'bastien@exemple.localhost');
    await b.page.fill('#telephone', '12');
    await b.page.click('form button[type=submit]');
    expect(await b.page.textContent('#telephone-error')).toContain('n’est pas valide');
    expect(await b.page.inputValue('#prenom')).toBe('Bastien');
    await expectNoAxeViolations(b.page);
    await b.page.fill('#telephone', '06 98 76 54 32');
    // The form kept the ticked consent.
    expect(await b.page.isChecked('#consentement')).toBe(true);
    // Both submit at the same moment.
    await Promise.all([page.click('form button[type=submit]'), b.page.click('form button[type=submit]')]);
    await Promise.all([page.waitForLoadState(), b.page.waitForLoadState()]);
    const pages = [page, b.page];
    const confirmed = [];
    const refused = [];
    for (const p of pages) {
      if ((await p.locator('h2:has-text("Rendez-vous confirmé")').count()) > 0) confirmed.push(p);
      else refused.push(p);
    }
    expect(confirmed).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const gone = refused[0]!;
    expect(await gone.textContent('.fr-alert')).toContain('Ce créneau n’est plus libre');
    expect(await gone.textContent('.fr-alert')).toContain('vient d’être réservé par une autre personne');
    await axeAt(slotHref);
    // The kind page points at the other free slots.
    await gone.click('a:has-text("Voir les autres créneaux libres")');
    expect(await gone.locator(`a[href="${slotHref}"]`).count()).toBe(0);

    const ok = confirmed[0]!;
    expect(new URL(ok.url()).pathname).toMatch(/^\/rendez-vous\/gerer\/[A-Za-z0-9_-]{43}$/);
    expect(await ok.textContent('main')).toContain('lundi 7 décembre 2026 à 9 h');
    await axeAt(ok.url());
    // The calendar file of the appointment.
    const ics = await ok.request.get(`${new URL(ok.url()).pathname}/rendez-vous.ics`);
    expect(await ics.text()).toContain('DTSTART:20261207T080000Z');
    // The move page lists the other slots.
    await ok.click('a:has-text("Choisir un autre créneau")');
    await axeAt(ok.url());
    await a.context.close();
    await b.context.close();
  });

  it('lets the bus’s agent see the appointment in the agenda and mark it seen', async () => {
    const t = h.t;
    const token = await createSession(
      t.db,
      t.config,
      await userIdByEmail(t.db, 'bus@demo.localhost'),
      'test',
    );
    const { context, page } = await newPage(h);
    await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
    // The morning of the appointment.
    const clock = t.app.clock as Clock;
    clock.now = () => new Date('2026-12-07T09:05:00+01:00');
    clock.today = () => '2026-12-07';
    await page.goto('/agenda');
    const row = page.locator('tr[data-appointment]').first();
    expect(await row.textContent()).toContain('Durand');
    await expectNoAxeViolations(page);
    await row.locator('select[name=statut]').selectOption('seen');
    await row.locator('button[type=submit]').click();
    await page.waitForURL('**/agenda?ok=issue');
    expect(await page.locator('tr[data-appointment]').first().textContent()).toContain('Reçu');
    const stored = await t.db
      .selectFrom('appointments')
      .select(['status', 'outcome_by'])
      .where('status', '=', 'seen')
      .execute();
    expect(stored).toHaveLength(1);
    // The other agent pages pass axe too.
    for (const url of [
      '/agenda?vue=semaine',
      '/agenda/plages',
      '/agenda/rdv',
      '/agenda/rdv?lieu=arret-bus-arcambal',
    ]) {
      await page.goto(url);
      expect(await page.locator('h1').count()).toBe(1);
      await expectNoAxeViolations(page);
    }
    // A wrong opening range: "25:00" is refused next to the field.
    await page.goto('/agenda/plages');
    await page.fill('form[action="/agenda/plages"] #debut', '25:00');
    await page.fill('form[action="/agenda/plages"] #fin', '12:00');
    await page.click('form[action="/agenda/plages"] button[type=submit]');
    expect(await page.textContent('#debut-error')).toContain('Heure de début invalide');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('shows the bus pages to everyone, with zero axe violations', async () => {
    const { context, page } = await newPage(h, { width: 360 });
    for (const url of ['/bus', '/bus/46007', '/lieux?commune=46007']) {
      await page.goto(url);
      expect(await page.locator('h1').count()).toBe(1);
      await expectNoAxeViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    }
    await context.close();
  });
});

describe('the offer pages of the territory’s pilot', { timeout: 120_000 }, () => {
  it('pass axe, and a wrong hour is shown next to its field', async () => {
    const t = h.t;
    const token = await createSession(
      t.db,
      t.config,
      await userIdByEmail(t.db, 'pilote@demo.localhost'),
      'test',
    );
    const { context, page } = await newPage(h, { width: 360 });
    await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
    for (const url of ['/offre', '/offre/fraicheur', '/offre/lieux/mdph-lot']) {
      await page.goto(url);
      expect(await page.locator('h1').count()).toBe(1);
      await expectNoAxeViolations(page);
    }
    await page.fill('#horaires', 'Lu 09:00-25:00');
    await page.click('form[action="/offre/lieux/mdph-lot"] button[type=submit]');
    expect(await page.textContent('#horaires-error')).toContain('non reconnue');
    await expectNoAxeViolations(page);
    await context.close();
  });
});
