import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatEuros } from './money.ts';

const intl = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

describe('formatEuros', () => {
  it('writes what Intl writes on edge values', () => {
    for (const v of [
      0,
      -0,
      1,
      -5,
      0.005,
      0.015,
      1.005,
      2.675,
      12.345,
      999.995,
      1000,
      1234.5,
      -1234.5,
      99_999.999,
      1_234_567.891,
      123_456_789_012.34,
      1e15,
      1e21,
      -1e21,
      0.1 + 0.2,
    ]) {
      expect(formatEuros(v), String(v)).toBe(intl.format(v));
    }
  });

  it('writes what Intl writes on any amount', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e7, max: 1e7, noNaN: true }),
          fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100),
          fc.integer({ min: 0, max: 1e6 }).map((n) => n / 1000),
        ),
        (v) => {
          expect(formatEuros(v)).toBe(intl.format(v));
        },
      ),
      { numRuns: 50_000 },
    );
  });
});
