// The offer's forms accept French phone numbers as people write them, and nothing else.
import { describe, expect, it } from 'vitest';
import { FormChecks, isFrenchPhone } from './offer-checks.ts';

describe('French phone numbers', () => {
  it('accepts national, international, overseas and short service numbers', () => {
    for (const phone of [
      '05 65 20 40 40',
      '05.65.20.40.40',
      '0565204040',
      '0809 401 401',
      '07 62 60 96 94',
      '+33 5 65 20 40 40',
      '+33 (0)5 65 20 40 40',
      '+262 262 12 34 56',
      '3230',
      '39 49',
      '115',
    ])
      expect(isFrenchPhone(phone), phone).toBe(true);
  });

  it('refuses what is not one, with a French message for the field', () => {
    for (const phone of [
      '12',
      '1234',
      '05 65 20 40',
      '05 65 20 40 40 40',
      '+44 20 7946 0958',
      'O5 65 20 40 40',
      '00 65 20 40 40',
    ])
      expect(isFrenchPhone(phone), phone).toBe(false);
    const check = new FormChecks();
    expect(check.phone('telephone', '12')).toBe('12');
    expect(check.errors).toEqual([
      {
        field: 'telephone',
        message:
          'Ce numéro n’est pas un numéro de téléphone français (exemples : 05 65 20 40 40, +33 5 65 20 40 40, 3230).',
      },
    ]);
    expect(new FormChecks().phone('telephone', '  ')).toBeNull();
  });
});
