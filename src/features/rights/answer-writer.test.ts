// The batch writes answers byte by byte from pre-encoded parts: the bytes must be exactly JSON.stringify's.
import { describe, expect, it } from 'vitest';
import { AnswerWriter } from './answer-writer.ts';
import { estimate } from './estimate.ts';
import { householdGenerator } from './household-generator.ts';
import type { EstimationRequest } from './contract.ts';

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
});
