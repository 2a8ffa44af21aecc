// Property-based tests of every API route's input schema, found in the route table: inputs generated from
// the schema are accepted, and each mutation that breaks the schema is refused with a 400 problem+json
// naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sessionCookieFor, type TestApp } from '../helpers.ts';
import { buildAppWithRoutes, routeKind, type RouteInfo } from './route-table.ts';
import { expectations, matrixActors } from './access-table.ts';
import { invalidMutations, invalidQueryMutations, validValue, type JsonSchema } from './arbitraries.ts';

let t: TestApp;
let routes: RouteInfo[];
const cookies = new Map<string, string>();

beforeAll(async () => {
  ({ t, routes } = await buildAppWithRoutes());
  for (const actor of matrixActors)
    cookies.set(actor.role, actor.email ? await sessionCookieFor(t, actor.email) : '');
}, 300_000);
afterAll(async () => {
  await t?.close();
});

/** The cookie of a user allowed on the route (none for public routes). */
function cookieFor(route: RouteInfo): string {
  const access = expectations[route.key]?.access;
  return access?.kind === 'roles' ? cookies.get(access.roles[0]!)! : '';
}

function apiRoutesWith(part: 'body' | 'querystring'): RouteInfo[] {
  return routes.filter(
    (r) => routeKind(r) === 'api' && r.schema && (r.schema as Record<string, unknown>)[part],
  );
}

interface Problem {
  type: string;
  title: string;
  errors?: { field: string; message: string }[];
}

function expectProblemNaming(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  field: string,
  context: string,
): void {
  expect(response.statusCode, context).toBe(400);
  expect(String(response.headers['content-type']), context).toContain('application/problem+json');
  const problem = JSON.parse(response.body) as Problem;
  expect(problem.type, context).toMatch(/validation$/);
  expect(problem.title.length, context).toBeGreaterThan(0);
  const fields = (problem.errors ?? []).map((e) => e.field);
  expect(
    fields.some((f) => f === field || f.startsWith(field + '.') || f.startsWith(field + '[')),
    `${context}: ${JSON.stringify(fields)}`,
  ).toBe(true);
}

describe('API input schemas, property-based', () => {
  it('finds API routes with an input schema in the route table', () => {
    expect(apiRoutesWith('querystring').length + apiRoutesWith('body').length).toBeGreaterThan(0);
  });

  it('accepts every query generated from each API query schema, and refuses each broken one naming the field', async () => {
    for (const route of apiRoutesWith('querystring')) {
      const schema = (route.schema as { querystring: JsonSchema }).querystring;
      const url = expectations[route.key]?.sample ?? route.url;
      const cookie = cookieFor(route);
      const valid = validValue(schema).map((v) =>
        Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)])),
      );
      await fc.assert(
        fc.asyncProperty(valid, async (query) => {
          const response = await t.app.inject({
            method: route.method as 'GET',
            url,
            query,
            headers: { cookie },
          });
          const context = `${route.key} ${JSON.stringify(query)}: ${response.body.slice(0, 300)}`;
          if (expectations[route.key]?.semanticValidation && response.statusCode === 400) {
            // The handler may refuse a schema-valid but impossible query (a place that does not exist, 30 February),
            // naming the field.
            expect((JSON.parse(response.body) as Problem).errors?.length ?? 0, context).toBeGreaterThan(0);
          } else {
            expect(response.statusCode, context).toBeLessThan(300);
          }
          for (const mutation of invalidQueryMutations(schema, query)) {
            const property = schema.properties?.[mutation.field];
            if (
              mutation.why === 'pattern' &&
              property?.pattern &&
              new RegExp(property.pattern).test(mutation.value[mutation.field]!)
            )
              continue;
            const refused = await t.app.inject({
              method: route.method as 'GET',
              url,
              query: mutation.value,
              headers: { cookie },
            });
            expectProblemNaming(refused, mutation.field, `${route.key} ${mutation.why}`);
          }
        }),
        { numRuns: 40 },
      );
    }
  });

  it('accepts every body generated from each API body schema, and refuses each broken one naming the field', async () => {
    for (const route of apiRoutesWith('body')) {
      const schema = (route.schema as { body: JsonSchema }).body;
      const expectation = expectations[route.key];
      const url = expectation?.sample ?? route.url;
      const cookie = cookieFor(route);
      await fc.assert(
        fc.asyncProperty(validValue(schema), async (body) => {
          const response = await t.app.inject({
            method: route.method as 'POST',
            url,
            payload: body as Record<string, unknown>,
            headers: { cookie },
          });
          const context = `${route.key} ${JSON.stringify(body).slice(0, 400)}: ${response.statusCode} ${response.body.slice(0, 300)}`;
          if (expectation?.semanticValidation && response.statusCode === 400) {
            // The handler may refuse a schema-valid but impossible input (31 February), naming the field.
            expect((JSON.parse(response.body) as Problem).errors?.length ?? 0, context).toBeGreaterThan(0);
          } else if (expectation?.answers?.includes(response.statusCode)) {
            // A declared answer for input that names nothing real (an unknown link's token: 404).
            expect(String(response.headers['content-type']), context).toContain('application/problem+json');
          } else {
            expect(response.statusCode, context).toBeLessThan(300);
          }
          for (const mutation of invalidMutations(schema, body as Record<string, unknown>)) {
            const refused = await t.app.inject({
              method: route.method as 'POST',
              url,
              payload: mutation.value,
              headers: { cookie },
            });
            expectProblemNaming(refused, mutation.field, `${route.key} ${mutation.why} ${mutation.field}`);
          }
        }),
        { numRuns: 25 },
      );
    }
  });
});
