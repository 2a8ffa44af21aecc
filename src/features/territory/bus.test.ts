// The bus's passages from its stops' calendars: every other week, never on a public holiday.
import { describe, expect, it } from 'vitest';
import { closedOnFor } from './hours.ts';
import { nextPassages, rhythmText } from './bus.ts';
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
};

describe('bus passages', () => {
  it('comes every other Friday and skips Christmas and New Year’s Day', () => {
    // Fridays every two weeks from 11 December 2026: 11 Dec, 25 Dec (Noël, skipped), 8 Jan, 22 Jan.
    const passages = nextPassages([stop], '2026-12-07', 50, closedOnFor([]));
    expect(passages.map((p) => p.date)).toEqual(['2026-12-11', '2027-01-08', '2027-01-22']);
    expect(passages[0]!.startsAt.toISOString()).toBe('2026-12-11T08:15:00.000Z');
    expect(rhythmText(stop)).toBe('un vendredi sur deux');
  });
});
