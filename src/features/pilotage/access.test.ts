// Who sees which territory's indicators, edits which register and reads which comments: every role.
import { describe, expect, it } from 'vitest';
import { roles, type Actor, type Role } from '../../platform/auth/roles.ts';
import { canEditRegister, canReadComments, comparesTerritories, visibleTerritories } from './access.ts';
import { addMonths, monthOf, monthsBetween, shortMonthLabel } from './months.ts';

const actor = (role: Role, territoryIds: string[] = ['cahors']): Actor => ({
  id: 'u',
  role,
  organisationId: 'o',
  territoryIds,
});
const territories = [{ id: 'cahors' }, { id: 'figeac' }];

describe('pilotage access', () => {
  it('shows each role the territories it may see', () => {
    const seen = Object.fromEntries(
      roles.map((r) => [r, visibleTerritories(actor(r), territories).map((t) => t.id)]),
    );
    expect(seen).toEqual({
      resident: [],
      helper: [],
      partnerAgent: [],
      organisationManager: ['cahors'],
      territoryPilot: ['cahors'],
      nationalObserver: ['cahors', 'figeac'],
      admin: ['cahors', 'figeac'],
    });
    expect(visibleTerritories(actor('territoryPilot', ['figeac']), territories).map((t) => t.id)).toEqual([
      'figeac',
    ]);
    expect(roles.filter((r) => comparesTerritories(actor(r)))).toEqual(['nationalObserver', 'admin']);
  });

  it('lets a pilot edit and read comments of their territory only; administrators everywhere; nobody else', () => {
    for (const r of roles) {
      const expected = r === 'admin' || r === 'territoryPilot';
      expect(canEditRegister(actor(r), 'cahors'), r).toBe(expected);
      expect(canReadComments(actor(r), 'cahors'), r).toBe(expected);
      expect(canEditRegister(actor(r), 'figeac'), r).toBe(r === 'admin');
    }
  });
});

describe('months', () => {
  it('counts in Paris time and steps across years', () => {
    // 31 December 2026 at 23:30 in Paris is 22:30 UTC: still December there.
    expect(monthOf(new Date('2026-12-31T22:30:00Z'))).toBe('2026-12');
    expect(monthOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01');
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2027-02', '2026-11')).toEqual([]);
    expect(shortMonthLabel('2026-07')).toBe('juil. 2026');
  });
});
