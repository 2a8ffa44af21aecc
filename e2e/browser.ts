// Browser test helpers: the real app served on a local port, Debian's Chromium driven by playwright-core,
// and axe-core run inside the page (through the DevTools protocol, so the page's strict CSP stays on).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildTestApp, type TestApp } from '../test/helpers.ts';
import type { Config } from '../src/config.ts';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Launches Debian's Chromium headless, with no network beyond this machine. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium est introuvable (${chromiumPath}). Installez-le : apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface BrowserHarness {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The app listening on 127.0.0.1 (a random port) and a browser. */
export async function startBrowserHarness(config: Partial<Config> = {}): Promise<BrowserHarness> {
  const t = await buildTestApp({ config });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  t.config.publicUrl = baseUrl;
  const browser = await launchBrowser();
  return {
    t,
    baseUrl,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** A fresh context (cookies, storage); JavaScript can be turned off to prove a flow works without it. */
export async function newPage(
  h: BrowserHarness,
  options: { javaScript?: boolean; width?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({
    baseURL: h.baseUrl,
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'fr-FR',
  });
  const page = await context.newPage();
  return { context, page };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A/AA rules) on the page and returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate() goes through the DevTools protocol: the page's CSP (no inline script) does not block it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target })),
  }));
}

/** Asserts that axe finds nothing on the page. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

/**
 * Types a date into an `<input type="date">` by keyboard, as a person would, whatever order the browser gives
 * the day, month and year segments (headless Chromium orders them month/day/year whatever the locale): the
 * order is first read by typing a probe date and looking at the value the field reports, then the date is typed
 * in that order. Returns the field's value, which the caller checks.
 */
export async function typeDate(page: Page, selector: string, isoDate: string): Promise<string> {
  const field = page.locator(selector);
  await field.focus();
  await page.keyboard.type('01022003');
  const probe = await field.inputValue();
  const [y, m, d] = isoDate.split('-') as [string, string, string];
  const orders: Record<string, string> = {
    '2003-02-01': `${d}${m}${y}`, // day, month, year (the French order)
    '2003-01-02': `${m}${d}${y}`, // month, day, year
  };
  const keys = orders[probe] ?? `${y}${m}${d}`;
  // Back to the first segment, by keyboard as well: the probe left the focus on the last one.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type(keys);
  return field.inputValue();
}

/**
 * Presses Enter on the focused button and waits for the page the form's answer loads. Waiting for the load state
 * instead returns at once, on the page still shown, when the browser has not yet started the request: on a busy
 * machine the test then reads the old page. The answer's address is often the same (a redirect to the same page,
 * or the page shown again with its errors), so waiting for a URL would not do either.
 */
export async function submitted(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}
