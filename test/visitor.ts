// A browser-like visitor for integration tests: it GETs pages and POSTs forms with the page's CSRF token, and
// keeps the cookies the app sets (signed answers, saved link, session) as a browser would.
import type { LightMyRequestResponse } from 'fastify';
import { csrfTokenOf, type TestApp } from './helpers.ts';

/** Merges the cookies a response sets into a cookie header. */
export function withCookies(cookie: string, response: LightMyRequestResponse): string {
  const jar = new Map(
    cookie
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]),
  );
  for (const c of response.cookies) {
    if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** A browser-like session: GET pages, POST forms with the page's CSRF token, keep cookies. */
export class Visitor {
  cookie = '';
  constructor(private t: TestApp) {}

  /** GETs a page with this visitor's cookies. */
  async get(url: string) {
    const response = await this.t.app.inject({
      method: 'GET',
      url,
      headers: this.cookie ? { cookie: this.cookie } : {},
    });
    this.cookie = withCookies(this.cookie, response);
    return response;
  }

  /** POSTs a form, with the CSRF token of `formUrl` (by default the page itself). */
  async post(url: string, fields: Record<string, string>, formUrl = url.split('?')[0]!) {
    const form = await this.get(formUrl);
    const response = await this.t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, _csrf: csrfTokenOf(form.body) }).toString(),
    });
    this.cookie = withCookies(this.cookie, response);
    return response;
  }
}
