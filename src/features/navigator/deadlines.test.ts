// Deadlines: Easter-based holidays, the next working day, and the rules of the content files.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  easterSunday,
  frenchDate,
  isNonWorkingDay,
  nextWorkingDay,
  parseDate,
  publicHolidays,
} from '../../platform/dates.ts';
import { computeDeadline } from './deadlines.ts';

describe('French public holidays', () => {
  it('finds Easter Sunday (known dates)', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the eleven holidays, with Easter Monday, Ascension and Whit Monday', () => {
    const h2026 = publicHolidays(2026);
    expect(h2026.size).toBe(11);
    expect(h2026.get('2026-04-06')).toBe('Lundi de Pâques');
    expect(h2026.get('2026-05-14')).toBe('Ascension');
    expect(h2026.get('2026-05-25')).toBe('Lundi de Pentecôte');
    expect(h2026.has('2026-07-14')).toBe(true);
  });

  it('Easter is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const easter = easterSunday(year);
        expect(parseDate(easter)!.getUTCDay()).toBe(0);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
      }),
    );
  });
});

describe('deadlines', () => {
  it('declares a birth within 5 days, moved to the next working day', () => {
    // Born Friday 8 May 2026 (a holiday): day 5 is Wednesday 13 May, a working day.
    expect(computeDeadline('2026-05-08', { days: 5, extendToWorkingDay: true })).toBe('2026-05-13');
    // Born Monday 1 June 2026: day 5 is Saturday 6 June → Monday 8 June.
    expect(computeDeadline('2026-06-01', { days: 5, extendToWorkingDay: true })).toBe('2026-06-08');
    // Born Wednesday 1 April 2026: day 5 is Monday 6 April, Easter Monday → Tuesday 7 April.
    expect(computeDeadline('2026-04-01', { days: 5, extendToWorkingDay: true })).toBe('2026-04-07');
    // Born Saturday 9 May 2026: day 5 is Thursday 14 May, Ascension → Friday 15 May.
    expect(computeDeadline('2026-05-09', { days: 5, extendToWorkingDay: true })).toBe('2026-05-15');
  });

  it('never ends on a non-working day when extended', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 60 }),
        (date, days) => {
          const start = date.toISOString().slice(0, 10);
          const deadline = computeDeadline(start, { days, extendToWorkingDay: true })!;
          expect(isNonWorkingDay(deadline)).toBe(false);
          expect(deadline >= addDays(start, days)).toBe(true);
          // At most a long weekend of holidays later.
          expect(deadline <= addDays(start, days + 4)).toBe(true);
        },
      ),
    );
  });

  it('counts months, year ends, the 15th of next month, and days without Sundays and holidays', () => {
    expect(computeDeadline('2026-01-31', { months: 1 })).toBe('2026-02-28');
    expect(computeDeadline('2026-10-01', { months: -6 })).toBe('2026-04-01');
    expect(computeDeadline('2026-03-10', { endOfYear: true })).toBe('2026-12-31');
    expect(computeDeadline('2026-12-10', { dayOfNextMonth: 15 })).toBe('2027-01-15');
    // Death on Thursday 30 April 2026: 6 days, not counting 1 May, Sunday 3 May and 8 May → Saturday 9 May.
    expect(computeDeadline('2026-04-30', { countDaysExcludingSundaysAndHolidays: 6 })).toBe('2026-05-09');
    expect(computeDeadline('2026-04-30', { legal: false } as never)).toBeNull();
  });

  it('gives a micro-entrepreneur’s first monthly turnover declaration the end of the 4th month after the start', () => {
    // The Urssaf's table: a start in January is declared by 31 May, in February by 30 June, in March by 31 July.
    const first = { lastDayOfMonthAfter: 4, extendToWorkingDay: true };
    expect(computeDeadline('2027-01-04', first)).toBe('2027-05-31');
    expect(computeDeadline('2027-01-31', first)).toBe('2027-05-31');
    expect(computeDeadline('2026-02-15', first)).toBe('2026-06-30');
    // A start in November 2026: 31 March 2027, a Wednesday.
    expect(computeDeadline('2026-11-20', first)).toBe('2027-03-31');
    // A start in March 2027: 31 July 2027 is a Saturday → Monday 2 August.
    expect(computeDeadline('2027-03-01', first)).toBe('2027-08-02');
  });

  it('counts from the first day of the month of the event when the law does (allocation veuvage: 2 years)', () => {
    // A death on 4 September 2026: the request is due before 1 September 2028, so by 31 August 2028.
    const veuvage = { fromStartOfMonth: true, months: 24, days: -1 };
    expect(computeDeadline('2026-09-04', veuvage)).toBe('2028-08-31');
    expect(computeDeadline('2026-12-01', veuvage)).toBe('2028-11-30');
  });

  it('reads only real dates and writes them in French', () => {
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('2026-2-3')).toBeNull();
    expect(frenchDate('2026-06-01')).toBe('lundi 1er juin 2026');
    expect(nextWorkingDay('2026-12-25')).toBe('2026-12-28');
  });
});
