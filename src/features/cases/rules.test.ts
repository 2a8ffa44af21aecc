// Pure rules of the cases feature: file numbers, working days, access decisions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidCafNumber, isValidNir, isValidTaxNumber } from './identifiers.ts';
import { addWorkingDays, isWorkingDay, publicHolidays } from './working-days.ts';
import {
  canActOnResidentRequest,
  canClose,
  canReadCase,
  canReopen,
  canTake,
  guard,
  sideOf,
  writableKinds,
  type CaseMembership,
} from './access.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { oneYearAfter } from './open-case.ts';

function nirWithKey(body13: string): string {
  const numeric = body13.replace('2A', '19').replace('2B', '18');
  const key = 97 - Number(BigInt(numeric) % 97n);
  return body13 + String(key).padStart(2, '0');
}

describe('social security number (NIR)', () => {
  it('accepts a number whose key matches, with or without spaces, Corsica included', () => {
    expect(isValidNir('285037512345688')).toBe(true);
    expect(isValidNir('2 85 03 75 123 456 88')).toBe(true);
    expect(isValidNir(nirWithKey('1850320A12345'.replace('20A', '2A0')))).toBe(true);
  });
  it('refuses a wrong key, a wrong length, letters', () => {
    expect(isValidNir('285037512345689')).toBe(false);
    expect(isValidNir('28503751234568')).toBe(false);
    expect(isValidNir('28503751234568X')).toBe(false);
    expect(isValidNir('985037512345688')).toBe(false);
  });
  it('accepts exactly one key for any valid body (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('1', '2'),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 95 }),
        fc.integer({ min: 0, max: 999999 }),
        (sex, yy, mm, dept, rest) => {
          const body = `${sex}${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(dept).padStart(2, '0')}${String(rest).padStart(6, '0')}`;
          const nir = nirWithKey(body);
          expect(isValidNir(nir)).toBe(true);
          const wrong = body + String(((Number(nir.slice(13)) + 1) % 97) + 1).padStart(2, '0');
          if (wrong !== nir) expect(isValidNir(wrong)).toBe(false);
        },
      ),
    );
  });
});

describe('other file numbers', () => {
  it('checks CAF and tax numbers', () => {
    expect(isValidCafNumber('1234567')).toBe(true);
    expect(isValidCafNumber('12345678')).toBe(false);
    expect(isValidTaxNumber('1234567890123')).toBe(true);
    expect(isValidTaxNumber('4234567890123')).toBe(false);
    expect(isValidTaxNumber('123456789012')).toBe(false);
  });
});

describe('working days', () => {
  it('knows the moving holidays of 2026 (Easter Monday 6 April, Ascension 14 May, Whit Monday 25 May)', () => {
    const h = publicHolidays(2026);
    expect(h.has('2026-04-06')).toBe(true);
    expect(h.has('2026-05-14')).toBe(true);
    expect(h.has('2026-05-25')).toBe(true);
    expect(h.has('2026-11-11')).toBe(true);
  });
  it('skips weekends and holidays', () => {
    expect(isWorkingDay(new Date('2026-11-28T10:00:00Z'))).toBe(false); // Saturday
    expect(isWorkingDay(new Date('2026-11-11T10:00:00Z'))).toBe(false); // Armistice
    // Friday 6 November 2026 + 5 working days: 9, 10, 12, 13, 16 (the 11th is a holiday).
    expect(addWorkingDays(new Date('2026-11-06T09:00:00Z'), 5).toISOString()).toBe(
      '2026-11-16T09:00:00.000Z',
    );
  });
});

describe('consent length', () => {
  it('allows one year at most, 29 February included', () => {
    expect(oneYearAfter('2026-03-01')).toBe('2027-03-01');
    expect(oneYearAfter('2028-02-29')).toBe('2029-02-28');
  });
});

describe('access to a case', () => {
  const m: CaseMembership = {
    helperOrganisationId: 'fs',
    participantOrganisationIds: ['caf'],
    status: 'in_progress',
  };
  const actor = (role: Role, organisationId: string | null): Actor => ({
    id: 'u',
    role,
    organisationId,
    territoryIds: ['cahors'],
  });
  it('lets only the helper’s organisation and invited organisations read it; administrators see metadata', () => {
    expect(canReadCase(actor('helper', 'fs'), m)).toBe(true);
    expect(canReadCase(actor('partnerAgent', 'caf'), m)).toBe(true);
    expect(canReadCase(actor('organisationManager', 'caf'), m)).toBe(true);
    expect(canReadCase(actor('partnerAgent', 'cpam'), m)).toBe(false);
    expect(canReadCase(actor('admin', null), m)).toBe(false);
    expect(sideOf(actor('admin', null), m)).toBe('metadata');
    expect(canReadCase(actor('territoryPilot', 'fs'), m)).toBe(false);
    expect(canReadCase(actor('resident', null), m)).toBe(false);
  });
  it('gives each side its actions, and none on a closed case but reopening', () => {
    expect(writableKinds(actor('partnerAgent', 'caf'), m)).toEqual([
      'answer',
      'question',
      'not-concerned',
      'internal',
    ]);
    expect(writableKinds(actor('helper', 'fs'), m)).toEqual(['message', 'internal']);
    expect(canTake(actor('helper', 'fs'), m)).toBe(false);
    expect(canClose(actor('partnerAgent', 'caf'), m)).toBe(false);
    const closed = { ...m, status: 'closed' as const };
    expect(writableKinds(actor('partnerAgent', 'caf'), closed)).toEqual([]);
    expect(canReopen(actor('helper', 'fs'), closed)).toBe(true);
    expect(canReopen(actor('partnerAgent', 'caf'), closed)).toBe(false);
  });
  it('lets only the helper’s organisation export or erase the resident’s data, open or closed', () => {
    const closed = { ...m, status: 'closed' as const };
    expect(canActOnResidentRequest(actor('helper', 'fs'), m)).toBe(true);
    expect(canActOnResidentRequest(actor('helper', 'fs'), closed)).toBe(true);
    expect(canActOnResidentRequest(actor('organisationManager', 'fs'), m)).toBe(true);
    expect(canActOnResidentRequest(actor('partnerAgent', 'caf'), m)).toBe(false);
    expect(canActOnResidentRequest(actor('organisationManager', 'caf'), m)).toBe(false);
    expect(canActOnResidentRequest(actor('helper', 'mairie'), m)).toBe(false);
    expect(canActOnResidentRequest(actor('admin', null), m)).toBe(false);
    expect(canActOnResidentRequest(actor('territoryPilot', 'fs'), m)).toBe(false);
    expect(canActOnResidentRequest(actor('resident', null), m)).toBe(false);
  });

  it('guards each action with one French refusal, the role checked before the state', () => {
    const closed = { ...m, status: 'closed' as const };
    const refusal = (a: Actor, mm: CaseMembership, action: Parameters<typeof guard>[2]) => {
      try {
        guard(a, mm, action);
        return 'ok';
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    };
    expect(refusal(actor('partnerAgent', 'caf'), m, { do: 'take' })).toBe('ok');
    expect(refusal(actor('helper', 'fs'), m, { do: 'take' })).toBe(
      'forbidden: Seuls les agents d’un organisme invité prennent en charge la saisine.',
    );
    // A helper learns nothing of the state from a refusal: the same answer on a closed case.
    expect(refusal(actor('helper', 'fs'), closed, { do: 'take' })).toBe(
      refusal(actor('helper', 'fs'), m, { do: 'take' }),
    );
    expect(refusal(actor('partnerAgent', 'caf'), closed, { do: 'take' })).toMatch(
      /^conflict: Ce dossier est clos/,
    );
    expect(refusal(actor('helper', 'fs'), m, { do: 'write', kind: 'answer' })).toBe(
      'forbidden: Vous ne pouvez pas écrire ce type de message sur ce dossier.',
    );
    expect(refusal(actor('helper', 'fs'), m, { do: 'write', kind: 'message' })).toBe('ok');
    expect(refusal(actor('partnerAgent', 'caf'), closed, { do: 'write' })).toMatch(/^conflict/);
    expect(refusal(actor('partnerAgent', 'caf'), m, { do: 'close' })).toBe(
      'forbidden: Seul l’organisme de l’aidant clôt la saisine.',
    );
    expect(refusal(actor('helper', 'fs'), m, { do: 'reopen' })).toBe(
      'conflict: Ce dossier n’est pas clos : il n’y a rien à rouvrir.',
    );
    expect(refusal(actor('helper', 'fs'), closed, { do: 'reopen' })).toBe('ok');
    expect(refusal(actor('partnerAgent', 'caf'), m, { do: 'mark-done' })).toBe('ok');
    expect(refusal(actor('partnerAgent', 'caf'), m, { do: 'resident-request' })).toMatch(/^forbidden/);
  });
});
