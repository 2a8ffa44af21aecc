// The bus's passages from its stops' calendars: every other week, never on a public holiday, a cancelled passage
// marked; the windows in which the bus is at a stop; the booked appointments a changed calendar leaves out.
import { describe, expect, it } from 'vitest';
import { parisInstant } from '../../platform/dates.ts';
import { closedOnFor } from './hours.ts';
import {
  appointmentsLeftWithoutBus,
  busWindows,
  nextPassage,
  nextPassages,
  passageText,
  rhythmText,
} from './bus.ts';
import type { BusStop } from './store.ts';

const stop: BusStop = {
  id: 's1',
  tour: { id: 't', slug: 'bus', name: 'Bus', staff: '', placeSlug: 'bus', source: '' },
  place: {
    id: 'p',
    slug: 'arret',
    name: 'Arrêt',
    address: null,
    communeInsee: '46007',
    communeName: 'Arcambal',
  },
  weekday: 5,
  everyWeeks: 2,
  firstDate: '2026-12-11',
  untilDate: null,
  starts: '09:15',
  ends: '12:30',
  demo: true,
  cancellations: [],
};

describe('bus passages', () => {
  it('comes every other Friday and skips Christmas and New Year’s Day', () => {
    // Fridays every two weeks from 11 December 2026: 11 Dec, 25 Dec (Noël, skipped), 8 Jan, 22 Jan.
    const passages = nextPassages([stop], '2026-12-07', 50, closedOnFor([]));
    expect(passages.map((p) => p.date)).toEqual(['2026-12-11', '2027-01-08', '2027-01-22']);
    expect(passages[0]!.startsAt.toISOString()).toBe('2026-12-11T08:15:00.000Z');
    expect(rhythmText(stop)).toBe('un vendredi sur deux');
    expect(passageText(passages[0]!)).toBe('vendredi 11 décembre 2026, de 9 h 15 à 12 h 30');
  });

  it('lists a cancelled passage as cancelled, and the next one is the one after', () => {
    const cancelled = { ...stop, cancellations: [{ id: 'c', date: '2026-12-11', reason: 'panne' }] };
    const passages = nextPassages([cancelled], '2026-12-07', 50, closedOnFor([]));
    expect(passages.map((p) => [p.date, p.cancelled])).toEqual([
      ['2026-12-11', { reason: 'panne' }],
      ['2027-01-08', null],
      ['2027-01-22', null],
    ]);
    expect(nextPassage(passages)?.date).toBe('2027-01-08');
  });

  it('is at a stop only during its passages, and says which appointments a change leaves without a bus', () => {
    const stops = [{ ...stop, placeId: 'p', cancellations: [{ id: 'c', date: '2027-01-08', reason: '' }] }];
    const windows = busWindows(
      stops,
      closedOnFor([{ startsOn: '2027-01-22', endsOn: '2027-01-22', reason: '' }]),
    );
    expect(windows('another place')).toBeNull();
    const atStop = windows('p')!;
    expect(atStop('2026-12-11')).toEqual([{ starts: '09:15', ends: '12:30' }]);
    // Not a passage day; a cancelled passage; a day the bus itself is closed.
    expect(atStop('2026-12-18')).toEqual([]);
    expect(atStop('2027-01-08')).toEqual([]);
    expect(atStop('2027-01-22')).toEqual([]);
    const booked = (date: string, from: string, to: string) => ({
      id: `${date} ${from}`,
      placeId: 'p',
      startsAt: parisInstant(date, from),
      endsAt: parisInstant(date, to),
      motif: 'Aide',
    });
    const left = appointmentsLeftWithoutBus(
      [
        booked('2026-12-11', '09:15', '09:45'),
        booked('2026-12-11', '12:15', '12:45'),
        booked('2027-01-08', '10:00', '10:30'),
        { ...booked('2026-12-11', '10:00', '10:30'), placeId: 'no longer a stop' },
      ],
      windows,
    );
    expect(left.map((a) => `${a.placeId} ${a.id}`)).toEqual([
      'p 2026-12-11 12:15',
      'p 2027-01-08 10:00',
      'no longer a stop 2026-12-11 10:00',
    ]);
  });
});
