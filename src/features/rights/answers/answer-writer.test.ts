// The batch writes answers byte by byte from pre-encoded parts: the bytes must be exactly JSON.stringify's.
import { describe, expect, it } from 'vitest';
import { AnswerWriter } from './answer-writer.ts';
import { estimate } from '../estimate.ts';
import { householdGenerator } from '../household-generator.ts';
import type { BenefitId, BenefitResult, EstimationRequest, EstimationResponse } from '../contract.ts';

describe('AnswerWriter', () => {
  it('writes what JSON.stringify writes, line by line, on generated and incomplete households', () => {
    const generate = householdGenerator(42);
    const requests: EstimationRequest[] = [
      { month: '2026-04', household: { members: [{ role: 'applicant' }] } },
      {
        month: '2024-04',
        household: { members: [{ role: 'applicant', birthDate: '1950-02-03', gir: 2 }] },
        business: { activity: 'services' },
      },
    ];
    for (let i = 0; i < 300; i++) requests.push(generate());
    const writer = new AnswerWriter(1024); // small, to exercise growth
    const expected: string[] = [];
    for (const request of requests) {
      const response = estimate(request);
      writer.response(response);
      expected.push(JSON.stringify(response));
    }
    writer.text('{"error":{"line":3,"title":"É","errors":[]}}\n');
    expected.push('{"error":{"line":3,"title":"É","errors":[]}}');
    const text = Buffer.from(writer.take()).toString('utf8');
    expect(text.split('\n').slice(0, -1)).toEqual(expected);
    expect(text.endsWith('\n')).toBe(true);
    // After take(), the writer starts afresh.
    expect(writer.take().length).toBe(0);
  });

  it('takes into a spare buffer handed back when it is large enough, and into a new one otherwise', () => {
    const writer = new AnswerWriter(1024);
    const response = estimate({ month: '2026-04', household: { members: [{ role: 'applicant' }] } });
    const line = `${JSON.stringify(response)}\n`;
    const length = Buffer.byteLength(line);
    writer.response(response);
    const small = new ArrayBuffer(length - 1);
    const first = writer.takeInto([small]);
    expect(first.buffer).not.toBe(small); // too small: a new buffer, with room to spare
    expect(first.buffer.byteLength).toBeGreaterThan(length);
    expect(first.toString('utf8')).toBe(line);
    writer.response(response);
    const spares = [first.buffer];
    const second = writer.takeInto(spares);
    expect(second.buffer).toBe(first.buffer); // reused: no fresh memory for this chunk
    expect(spares).toEqual([]);
    expect(second.length).toBe(length);
    expect(second.toString('utf8')).toBe(line);
  });

  it("keeps each benefit's own constant parts, whatever the order, summary or missing answers", () => {
    const base = estimate({ month: '2026-04', household: { members: [{ role: 'applicant' }] } });
    const [first, second] = base.benefits as [BenefitResult, BenefitResult];
    const variants: EstimationResponse[] = [
      base,
      { ...base, benefits: [...base.benefits].reverse() },
      // Same first line plus more on that line: another summary.
      {
        ...base,
        benefits: [{ ...first, explanation: `${first.explanation.split('\n')[0]} (suite)` }, second],
      },
      {
        ...base,
        benefits: [
          {
            ...first,
            explanation: `${first.explanation.split('\n')[0]}\nLigne « 1 ».`,
            missing: ['household.members'],
          },
        ],
      },
      // An id the writer has not seen (it must not depend on the registered ones).
      { ...base, benefits: [{ ...first, id: 'autre' as BenefitId, label: 'Autre aide' }, second] },
      base,
    ];
    const writer = new AnswerWriter(64);
    for (const response of variants) writer.response(response);
    const lines = Buffer.from(writer.take()).toString('utf8').split('\n').slice(0, -1);
    expect(lines).toEqual(variants.map((v) => JSON.stringify(v)));
  });

  it('forgets a half-written answer when told to, so the next one starts clean', () => {
    const response = estimate({ month: '2026-04', household: { members: [{ role: 'applicant' }] } });
    const writer = new AnswerWriter(64);
    writer.text('{"month":"2026-04","benefits":[{"id":"rsa"');
    writer.discard();
    writer.response(response, false);
    expect(Buffer.from(writer.take()).toString('utf8')).toBe(JSON.stringify(response));
  });

  it('copies a benefit that is not due as a whole only when it is the very same result', () => {
    const generate = householdGenerator(7);
    let response: EstimationResponse | undefined;
    while (!response?.benefits.some((b) => b.eligible === false)) response = estimate(generate());
    const notDue = response.benefits.find((b) => b.eligible === false) as BenefitResult;
    // Each variant differs from the cached result by one field only (the real result is written before each).
    const variants: BenefitResult[] = [
      { ...notDue, id: 'autre' as BenefitResult['id'] },
      { ...notDue, label: 'Autre intitulé' },
      { ...notDue, organisation: 'autre' as BenefitResult['organisation'] },
      {
        ...notDue,
        frequency: (notDue.frequency === 'monthly' ? 'yearly' : 'monthly') as BenefitResult['frequency'],
      },
      { ...notDue, sources: [{ title: 'Autre source', url: 'https://example.org/' }] },
      { ...notDue, missing: ['household.members'] },
      { ...notDue, amount: 1 },
    ].flatMap((variant) => [notDue, variant]);
    const writer = new AnswerWriter(64);
    for (const benefit of variants) writer.response({ ...response, benefits: [benefit] });
    const lines = Buffer.from(writer.take()).toString('utf8').split('\n').slice(0, -1);
    expect(lines).toEqual(variants.map((benefit) => JSON.stringify({ ...response, benefits: [benefit] })));
  });
});
