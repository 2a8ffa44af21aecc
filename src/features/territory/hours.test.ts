// Opening hours: closures and public holidays in "open now / opens at", and the OpenStreetMap syntax both ways.
import { describe, expect, it } from 'vitest';
import {
  closedOnFor,
  describeStatus,
  openingStatus,
  parseAnctDay,
  parseOsmOpeningHours,
  parseWeeklyHours,
  toOsmOpeningHours,
} from './hours.ts';

// The ANCT hours of the Grand Cahors bus (list of 1 August 2024, id 262).
const bus = parseWeeklyHours({
  mon: ['09:00-12:00', '14:00-17:15'],
  tue: ['09:15-12:30', '14:00-17:15'],
  wed: ['09:15-12:30'],
  thu: ['09:15-12:30', '14:00-17:15'],
  fri: ['09:15-12:30', '14:00-17:15'],
});

describe('open now, opens at', () => {
  it('is closed on a public holiday and says why', () => {
    // Friday 25 December 2026 (Noël) at 10:00: closed; next opening Monday 28 at 9:00.
    const status = openingStatus(bus, new Date('2026-12-25T10:00:00+01:00'));
    expect(describeStatus(status)).toBe('Fermé (Noël) — ouvre lundi à 9 h');
  });

  it('skips an exceptional closure and the public holiday after it', () => {
    const closedOn = closedOnFor([
      { startsOn: '2026-12-24', endsOn: '2026-12-31', reason: 'congés de fin d’année' },
    ]);
    // Closed 24–31 December, 1 January is a public holiday, 2–3 January a weekend: opens Monday 4 January 2027.
    const status = openingStatus(bus, new Date('2026-12-24T10:00:00+01:00'), closedOn);
    expect(describeStatus(status)).toBe('Fermé (congés de fin d’année) — ouvre lundi 4 janvier 2027 à 9 h');
  });

  it('is open on an ordinary Tuesday morning', () => {
    expect(describeStatus(openingStatus(bus, new Date('2026-12-08T10:00:00+01:00')))).toBe(
      'Ouvert maintenant, jusqu’à 12 h 30',
    );
  });
});

describe('OpenStreetMap opening_hours', () => {
  it('groups days with the same hours, closes on public holidays and lists closures', () => {
    expect(toOsmOpeningHours(bus, { closures: [{ startsOn: '2026-12-24', endsOn: '2026-12-26' }] })).toBe(
      'Mo 09:00-12:00,14:00-17:15; Tu 09:15-12:30,14:00-17:15; We 09:15-12:30; Th-Fr 09:15-12:30,14:00-17:15; PH off; 2026 Dec 24-2026 Dec 26 off',
    );
    expect(toOsmOpeningHours([])).toBeNull();
  });

  it('reads back what it writes', () => {
    const text = toOsmOpeningHours(bus)!;
    expect(parseOsmOpeningHours(text)).toEqual({ ranges: bus, openOnPublicHolidays: false });
    expect(parseOsmOpeningHours('Mo-Fr 09:00-12:00; PH 10:00-12:00').openOnPublicHolidays).toBe(true);
  });

  it('refuses hours it cannot represent, in French', () => {
    expect(() => parseOsmOpeningHours('Mo 25:00-26:00')).toThrow(/non reconnue/);
    expect(() => parseOsmOpeningHours('24/7')).toThrow(/non reconnue/);
    expect(() => parseOsmOpeningHours('Mo 12:00-09:00')).toThrow(/précéder/);
  });

  it('reads the ANCT list’s day format', () => {
    expect(parseAnctDay('09:00 - 12:00 / 14:00 - 17:15')).toEqual(['09:00-12:00', '14:00-17:15']);
    expect(parseAnctDay(null)).toEqual([]);
    expect(() => parseAnctDay('matin')).toThrow(/illisible/);
  });
});
