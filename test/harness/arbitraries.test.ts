// The schema-driven generators themselves: on a schema shaped like the estimation request (nested lists,
// unions with null, literal unions, patterns, dates), generated values pass Fastify's validation with the
// app's Ajv options, and every mutation fails it. Otherwise the property tests could pass for nothing.
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import fc from 'fast-check';
import { Type } from '@sinclair/typebox';
import { invalidMutations, validValue, type JsonSchema } from './arbitraries.ts';

const Member = Type.Object(
  {
    role: Type.Union([Type.Literal('applicant'), Type.Literal('partner'), Type.Literal('child')]),
    birthDate: Type.Optional(Type.String({ format: 'date' })),
    monthlyNetEarnings: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
    disabilityRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    gir: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 6 }), Type.Null()])),
    student: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const Request = Type.Object(
  {
    month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
    commune: Type.Optional(Type.String({ pattern: '^[0-9][0-9AB][0-9]{3}$' })),
    household: Type.Object(
      {
        couple: Type.Optional(Type.Boolean()),
        members: Type.Array(Member, { minItems: 1, maxItems: 12 }),
        housing: Type.Optional(
          Type.Object(
            { status: Type.Optional(Type.Union([Type.Literal('tenant'), Type.Literal('owner')])) },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

describe('schema-driven generators', () => {
  it('generate values the app’s validator accepts, and mutations it refuses', async () => {
    const app = Fastify({
      ajv: {
        customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, useDefaults: true },
      },
    });
    app.post('/probe', { schema: { body: Request } }, async () => ({ ok: true }));
    await app.ready();
    await fc.assert(
      fc.asyncProperty(validValue(Request as unknown as JsonSchema), async (body) => {
        const accepted = await app.inject({
          method: 'POST',
          url: '/probe',
          payload: body as Record<string, unknown>,
        });
        expect(accepted.statusCode, JSON.stringify(body)).toBe(200);
        for (const mutation of invalidMutations(
          Request as unknown as JsonSchema,
          body as Record<string, unknown>,
        )) {
          const refused = await app.inject({ method: 'POST', url: '/probe', payload: mutation.value });
          expect(refused.statusCode, `${mutation.why} ${mutation.field}`).toBe(400);
        }
      }),
      { numRuns: 100 },
    );
    await app.close();
  });
});
