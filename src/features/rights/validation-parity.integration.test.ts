// One schema, one validator: a bad request gets the same French field errors from the API and from the batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers.ts';
import { validateEstimationRequest } from './schema.ts';

describe('the API and the batch validate alike', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const bad: unknown[] = [
    { month: '2026-13', household: { members: [] } },
    { month: '2026-05', household: { members: [{ role: 'applicant', birthDate: '2026-02-30', extra: 1 }] } },
    {
      month: '2026-05',
      household: { members: [{ role: 'applicant', disabilityRate: 2 }] },
      business: { activity: 'x' },
    },
    { month: '2026-05', household: { members: [{ role: 'applicant', monthlyNetEarnings: 'mille' }] } },
    { household: { members: [{ role: 'partner' }] } },
  ];

  it.each(bad.map((body, i) => [i, body]))('bad request %i: same errors', async (_i, body) => {
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/estimations', payload: body as object });
    expect(api.statusCode).toBe(400);
    const batch = validateEstimationRequest(structuredClone(body));
    expect('errors' in batch && batch.errors).toEqual(api.json().errors);
    // Never the bare "Valeur invalide" the batch used to give for every schema error.
    expect(api.json().errors.length).toBeGreaterThan(0);
  });
});
