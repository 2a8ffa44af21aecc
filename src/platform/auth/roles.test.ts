import { describe, expect, it } from 'vitest';
import {
  canEditTerritory,
  canInviteUser,
  canListUsers,
  canReadAuditJournal,
  canSeeIndicators,
  roles,
  type Actor,
  type Role,
} from './roles.ts';

const actor = (role: Role, organisationId: string | null = 'org-a', territoryIds = ['cahors']): Actor => ({
  id: 'u1',
  role,
  organisationId,
  territoryIds,
});

describe('authorisation decisions, for every role', () => {
  const expectations: Record<
    Role,
    {
      invitePartnerOwn: boolean;
      invitePartnerOther: boolean;
      inviteAdmin: boolean;
      listOwn: boolean;
      editTerritory: boolean;
      indicators: boolean;
      journal: boolean;
    }
  > = {
    resident: {
      invitePartnerOwn: false,
      invitePartnerOther: false,
      inviteAdmin: false,
      listOwn: false,
      editTerritory: false,
      indicators: false,
      journal: false,
    },
    helper: {
      invitePartnerOwn: false,
      invitePartnerOther: false,
      inviteAdmin: false,
      listOwn: false,
      editTerritory: false,
      indicators: false,
      journal: false,
    },
    partnerAgent: {
      invitePartnerOwn: false,
      invitePartnerOther: false,
      inviteAdmin: false,
      listOwn: false,
      editTerritory: false,
      indicators: false,
      journal: false,
    },
    organisationManager: {
      invitePartnerOwn: true,
      invitePartnerOther: false,
      inviteAdmin: false,
      listOwn: true,
      editTerritory: false,
      indicators: true,
      journal: false,
    },
    territoryPilot: {
      invitePartnerOwn: false,
      invitePartnerOther: false,
      inviteAdmin: false,
      listOwn: false,
      editTerritory: true,
      indicators: true,
      journal: false,
    },
    nationalObserver: {
      invitePartnerOwn: false,
      invitePartnerOther: false,
      inviteAdmin: false,
      listOwn: false,
      editTerritory: false,
      indicators: true,
      journal: false,
    },
    admin: {
      invitePartnerOwn: true,
      invitePartnerOther: true,
      inviteAdmin: true,
      listOwn: true,
      editTerritory: true,
      indicators: true,
      journal: true,
    },
  };
  for (const role of roles) {
    it(`decides for ${role}`, () => {
      const a = actor(role);
      const e = expectations[role];
      expect(canInviteUser(a, { role: 'partnerAgent', organisationId: 'org-a' })).toBe(e.invitePartnerOwn);
      expect(canInviteUser(a, { role: 'partnerAgent', organisationId: 'org-b' })).toBe(e.invitePartnerOther);
      expect(canInviteUser(a, { role: 'admin', organisationId: null })).toBe(e.inviteAdmin);
      expect(canListUsers(a, 'org-a')).toBe(e.listOwn);
      expect(canEditTerritory(a, 'cahors')).toBe(e.editTerritory);
      expect(canSeeIndicators(a, 'cahors')).toBe(e.indicators);
      expect(canReadAuditJournal(a)).toBe(e.journal);
    });
  }
  it('limits a pilot and a manager to their own territory', () => {
    expect(canEditTerritory(actor('territoryPilot'), 'figeac')).toBe(false);
    expect(canSeeIndicators(actor('organisationManager'), 'figeac')).toBe(false);
  });
  it('never lets a manager without organisation invite anyone', () => {
    expect(
      canInviteUser(actor('organisationManager', null), { role: 'partnerAgent', organisationId: null }),
    ).toBe(false);
  });
});
