// Hostile input against every API route, form handler and page with inputs found in the route table:
// at least 1,000 malformed or hostile requests (wrong types, huge and deeply nested bodies, unicode,
// script and SQL injection, unknown fields). Never a 5xx, always a clear 4xx (problem+json for the API,
// a French page otherwise) or a legitimate success, injected markup always escaped, and the server up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { sessionCookieFor, type TestApp } from '../helpers.ts';
import { anonymousForm, buildAppWithRoutes, routeKind, sessionForm, type RouteInfo } from './route-table.ts';
import { expectations, matrixActors } from './access-table.ts';

let t: TestApp;
let routes: RouteInfo[];
const forms = new Map<string, { cookie: string; csrf: string }>();

beforeAll(async () => {
  ({ t, routes } = await buildAppWithRoutes());
  for (const actor of matrixActors) {
    forms.set(
      actor.role,
      actor.email ? sessionForm(t.config, await sessionCookieFor(t, actor.email)) : anonymousForm(t.config),
    );
  }
}, 300_000);
afterAll(async () => {
  await t?.close();
});

// Markers whose raw presence in an HTML answer would mean injected markup reached the page unescaped.
const scriptMarker = '<script>alert("sc-xss")</script>';
const imgMarker = '<img src=x onerror=alert("sc-xss")>';
const rawMarkers = ['<script>alert("sc-xss")', '<img src=x onerror', '<svg onload'];

const hostileStrings: string[] = [
  scriptMarker,
  `"><${imgMarker.slice(1)}`,
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  "' OR '1'='1' --",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(5)',
  '" UNION SELECT password FROM users --',
  '\u0000\u0001\u0002',
  '\u202eevil\u202c',
  'e\u0301\u0301\u0301 Ω ≈ ç √ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂👩‍👩‍👧',
  '\ud800',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  'NaN',
  'true',
  'null',
  '',
  ' ',
  'x'.repeat(10_000),
];

const hostileValues: unknown[] = [
  ...hostileStrings,
  -1,
  0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  0.1,
  true,
  false,
  null,
  [],
  [1, 'a', null],
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
  { constructor: { prototype: { admin: true } } },
];

function deeplyNested(depth: number): unknown {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i++) value = { a: value, b: [value] };
  return value;
}

/** Whole JSON bodies that are wrong as a whole. */
const hostileBodies: unknown[] = [
  null,
  [],
  'texte',
  42,
  true,
  { champInconnu: scriptMarker },
  { __proto__: { polluted: true }, month: '2026-05' },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
  deeplyNested(18),
  { list: Array.from({ length: 5000 }, (_, i) => i) },
  { big: 'é'.repeat(300_000) },
];

/** Raw payloads with a content type that does not match, or broken encodings. */
const rawPayloads: { contentType: string; payload: string | Buffer }[] = [
  { contentType: 'application/json', payload: '{"month": ' },
  { contentType: 'application/json', payload: '{"a":1,"a":2,}' },
  { contentType: 'application/json', payload: '['.repeat(5000) + ']'.repeat(5000) },
  { contentType: 'application/json', payload: Buffer.from([0xff, 0xfe, 0xfd, 0x00]) },
  { contentType: 'application/json; charset=latin1', payload: '{"x": "caf\u00e9"}' },
  { contentType: 'application/json', payload: 'x'.repeat(2 * 1024 * 1024) },
  { contentType: 'text/plain', payload: scriptMarker },
  {
    contentType: 'application/xml',
    payload: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  },
  {
    contentType: 'multipart/form-data; boundary=zz',
    payload: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--zz--',
  },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=%E0%A4%A&b=%' },
  {
    contentType: 'application/x-www-form-urlencoded',
    payload: 'a[b][c][d]=1&a[__proto__][x]=1&' + 'k=v&'.repeat(20_000),
  },
];

let sent = 0;
const problems: string[] = [];

/** Sends one request and checks the answer; failures are collected, not thrown, to see them all. */
async function send(route: RouteInfo, options: InjectOptions, what: string): Promise<LightMyRequestResponse> {
  const response = await t.app.inject(options);
  sent++;
  const status = response.statusCode;
  const type = String(response.headers['content-type'] ?? '');
  const where = `${route.key} [${what}] ${String(options.url).slice(0, 80)} → ${status}`;
  if (status >= 500) problems.push(`${where}: ${response.body.slice(0, 200)}`);
  if (status >= 400 && status < 500) {
    if (routeKind(route) === 'api' || type.includes('json')) {
      if (!type.includes('application/problem+json')) problems.push(`${where}: not problem+json (${type})`);
      else if (!(JSON.parse(response.body) as { title?: string }).title)
        problems.push(`${where}: problem without a title`);
    } else if (
      !type.includes('text/html') ||
      !response.body.includes('lang="fr"') ||
      !response.body.includes('<h1')
    ) {
      problems.push(`${where}: not a French error page (${type})`);
    }
  }
  if (type.includes('text/html')) {
    for (const marker of rawMarkers)
      if (response.body.includes(marker)) problems.push(`${where}: unescaped ${marker}`);
  }
  return response;
}

/** The role the harness acts as on a route: an allowed one, so that the handler itself is exercised. */
function actorFor(route: RouteInfo): { cookie: string; csrf: string } {
  const access = expectations[route.key]?.access;
  return forms.get(access?.kind === 'roles' ? access.roles[0]! : 'anonymous')!;
}

/** Concrete URL of a route with every path parameter replaced by a value. */
function withParams(url: string, value: string): string {
  return url.replace(/:(\w+)/g, () => encodeUrlValue(value));
}

/** Percent-encodes a value; a lone surrogate cannot be encoded, so it is sent as its raw (invalid) UTF-8 bytes. */
function encodeUrlValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

/** Field names to attack: the schema's own fields, and unknown ones. */
function fieldsOf(route: RouteInfo, part: 'body' | 'querystring'): string[] {
  const schema = (route.schema as Record<string, { properties?: Record<string, unknown> }> | undefined)?.[
    part
  ];
  return [...Object.keys(schema?.properties ?? {}), 'champInconnu'];
}

function targets(): RouteInfo[] {
  return routes.filter((r) => {
    const kind = routeKind(r);
    if (kind === 'static' || r.key === 'GET /metrics') return false;
    return (
      kind === 'api' ||
      kind === 'form' ||
      r.url.includes(':') ||
      Boolean((r.schema as Record<string, unknown> | undefined)?.querystring)
    );
  });
}

async function attack(route: RouteInfo, rounds: number): Promise<void> {
  const kind = routeKind(route);
  const actor = actorFor(route);
  const url = expectations[route.key]?.sample ?? route.url;
  const method = route.method as InjectOptions['method'];
  const cookie = actor.cookie;
  // Path parameters.
  if (route.url.includes(':')) {
    for (const value of hostileStrings)
      await send(route, { method, url: withParams(route.url, value), headers: { cookie } }, 'param');
  }
  // Query strings: each field with each hostile value, repeated fields, unknown fields.
  for (const field of fieldsOf(route, 'querystring')) {
    for (const value of hostileStrings) {
      await send(
        route,
        { method, url: `${url}?${encodeUrlValue(field)}=${encodeUrlValue(value)}`, headers: { cookie } },
        `query ${field}`,
      );
    }
    await send(
      route,
      { method, url: `${url}?${field}=1&${field}=2&${field}[]=3`, headers: { cookie } },
      `query ${field} repeated`,
    );
  }
  if (route.method === 'GET') {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 60 }), {
          maxKeys: 4,
        }),
        async (query) => {
          const search = Object.entries(query)
            .map(([k, v]) => `${encodeUrlValue(k)}=${encodeUrlValue(v)}`)
            .join('&');
          await send(route, { method, url: `${url}?${search}`, headers: { cookie } }, 'random query');
        },
      ),
      { numRuns: rounds },
    );
    return;
  }
  // Bodies: JSON for the API, form-encoded (with a valid CSRF token) for forms.
  const bodyFields = fieldsOf(route, 'body');
  const base = expectations[route.key]?.body ?? {};
  const post = (payload: Record<string, unknown>, what: string) => {
    if (kind === 'api') return send(route, { method, url, headers: { cookie }, payload }, what);
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(payload))
      form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
    form.set('_csrf', actor.csrf);
    return send(
      route,
      {
        method,
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      },
      what,
    );
  };
  for (const field of bodyFields) {
    for (const value of hostileValues) await post({ ...base, [field]: value }, `body ${field}`);
  }
  if (kind === 'api') {
    for (const body of hostileBodies)
      await send(route, { method, url, headers: { cookie }, payload: JSON.stringify(body) }, 'whole body');
  }
  for (const raw of rawPayloads) {
    const headers = {
      cookie,
      'content-type': raw.contentType,
      ...(kind === 'form' ? { 'x-csrf-token': actor.csrf } : {}),
    };
    await send(route, { method, url, headers, payload: raw.payload }, `raw ${raw.contentType}`);
  }
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(
        fc.constantFrom(...bodyFields),
        fc.oneof(
          fc.constantFrom(...hostileValues),
          fc.jsonValue({ maxDepth: 4 }),
          fc.string({ unit: 'grapheme' }),
        ),
      ),
      async (payload) => {
        await post({ ...base, ...payload }, 'random body');
      },
    ),
    { numRuns: rounds },
  );
}

describe('hostile input', () => {
  it('sends at least 1,000 hostile requests to every API route, form handler and page with inputs: no 5xx, clear 4xx, escaped output', async () => {
    const list = targets();
    expect(list.length).toBeGreaterThan(0);
    // A few random rounds per route keep the run short on a busy machine; the fixed lists do most of the work.
    let rounds = 8;
    for (const route of list) await attack(route, rounds);
    // Top up with more random rounds until at least 1,000 requests were sent in all.
    while (sent < 1000) {
      rounds = Math.ceil((1000 - sent) / list.length) + 5;
      for (const route of list) await attack(route, rounds);
    }
    console.info(
      `hostile input: ${sent} requests to ${list.length} routes (${list.map((r) => r.key).join(', ')})`,
    );
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(1000);
  }, 600_000);

  it('still answers, and its database is intact, after the attack', async () => {
    const health = await t.app.inject('/healthz');
    expect(health.statusCode).toBe(200);
    const users = await sql<{ n: number }>`select count(*) as n from users`.execute(t.db);
    expect(users.rows[0]!.n).toBeGreaterThanOrEqual(9);
    // No prototype pollution reached the process.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
