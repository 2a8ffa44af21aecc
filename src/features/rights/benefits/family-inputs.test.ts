// The questionnaire's copy of the legal retirement age table must say what the model's rule says.
import { describe, expect, it } from 'vitest';
import { createPlainEngine } from '../model.ts';
import { legalRetirementAgeInMonths } from './family-inputs.ts';

describe('legalRetirementAgeInMonths', () => {
  it('equals the rule `aah . âge limite sans taux plein` for every birth month from 1955 to 1975', () => {
    const engine = createPlainEngine();
    for (let year = 1955; year <= 1975; year++) {
      for (const day of ['01', '15', '31']) {
        for (let month = 1; month <= 12; month++) {
          const mm = String(month).padStart(2, '0');
          if (day === '31' && ['02', '04', '06', '09', '11'].includes(mm)) continue;
          engine.setSituation({ 'demandeur . date de naissance': `${day}/${mm}/${year}` });
          const rule = engine.evaluate('aah . âge limite sans taux plein').nodeValue;
          expect(legalRetirementAgeInMonths(`${year}-${mm}-${day}`), `${year}-${mm}-${day}`).toBe(rule);
        }
      }
    }
  });

  it('gives the cohort ages of the law: 62 years before September 1961, 62 years 9 months for 1964, 64 from 1969', () => {
    expect(legalRetirementAgeInMonths('1961-08-31')).toBe(62 * 12);
    expect(legalRetirementAgeInMonths('1964-06-15')).toBe(62 * 12 + 9);
    expect(legalRetirementAgeInMonths('1965-04-01')).toBe(63 * 12);
    expect(legalRetirementAgeInMonths('1969-01-01')).toBe(64 * 12);
  });
});
