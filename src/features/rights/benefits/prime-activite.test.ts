// Prime d'activité: the bonification individuelle starts at 59 hours of the gross hourly SMIC and reaches its
// maximum at 120 hours (138 from April 2026) — article D843-2 CSS — so its thresholds move with every SMIC
// revaluation. The SMIC is one shared rule (rules/commun/smic.publicodes), read by the prime and the AAH.
import { describe, expect, it } from 'vitest';
import { plainEvaluator } from '../estimate.ts';
import { toSituation } from '../situation.ts';
import { coveredMonths } from '../schema.ts';

const evaluator = plainEvaluator();

function rules(month: string, names: string[]) {
  return evaluator.evaluate(toSituation({ month, household: { members: [{ role: 'applicant' }] } }), names);
}

describe('prime d’activité — bonification thresholds follow the SMIC', () => {
  // [month, SMIC horaire brut, 59 h, hours at the maximum × SMIC]
  const cases: [string, number, number, number][] = [
    ['2024-10', 11.65, 687.35, 1398.0], // décret du 20 décembre 2023
    ['2024-11', 11.88, 700.92, 1425.6], // décret n° 2024-951
    ['2026-01', 12.02, 709.18, 1442.4], // décret n° 2025-1228
    ['2026-04', 12.02, 709.18, 1658.76], // 138 h from 1 April 2026
    ['2026-06', 12.31, 726.29, 1698.78], // arrêté du 22 mai 2026
  ];
  for (const [month, smic, low, high] of cases) {
    it(`${month}: SMIC ${smic} €, from ${low} € to ${high} €`, () => {
      expect(
        rules(month, [
          "prime d'activité . SMIC horaire brut",
          "prime d'activité . bonification . seuil bas",
          "prime d'activité . bonification . seuil haut",
        ]),
      ).toEqual([smic, low, high]);
    });
  }

  it('reads the same SMIC as the AAH every month the estimation covers', () => {
    for (
      let m = new Date(`${coveredMonths.from}-01T00:00:00Z`);
      m.toISOString().slice(0, 7) <= coveredMonths.to;
      m.setUTCMonth(m.getUTCMonth() + 1)
    ) {
      const month = m.toISOString().slice(0, 7);
      const [prime, aah] = rules(month, [
        "prime d'activité . SMIC horaire brut",
        'aah . abattement . Smic horaire brut',
      ]);
      expect(prime, month).toBe(aah);
    }
  });
});
