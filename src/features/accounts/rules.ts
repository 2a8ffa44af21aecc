// Pure checks of an invitation (one form, or one CSV line): e-mail, name, role, organisation, and whether
// the inviting user may create it. No I/O: the caller passes what the database knows.
import {
  canInviteUser,
  isRole,
  roleLabels,
  roles,
  type Actor,
  type Role,
} from '../../platform/auth/roles.ts';
import type { FieldError } from '../../platform/errors.ts';
import { foldLabel } from './csv.ts';

/** An organisation as invitations see it. */
export interface OrganisationRef {
  id: string;
  slug: string;
  name: string;
}

/** An invitation as typed by the inviting user. */
export interface InvitationInput {
  email: string;
  name: string;
  role: string;
  /** Slug or name of the organisation; empty for none (organisation managers: their own). */
  organisation: string;
}

/** A checked invitation, ready to be stored. */
export interface CheckedInvitation {
  email: string;
  name: string;
  role: Role;
  organisation: OrganisationRef | null;
}

// Roles that belong to an organisation: the agent acts for it.
const rolesWithOrganisation = new Set<Role>(['helper', 'partnerAgent', 'organisationManager']);

// Short French names people type in a spreadsheet, besides the full labels and the codes.
const roleAliases: Record<string, Role> = {
  aidant: 'helper',
  'agent polyvalent': 'helper',
  'agent france services': 'helper',
  agent: 'partnerAgent',
  partenaire: 'partnerAgent',
  instructeur: 'partnerAgent',
  referent: 'partnerAgent',
  responsable: 'organisationManager',
  pilote: 'territoryPilot',
  observateur: 'nationalObserver',
  admin: 'admin',
};

const roleByLabel = new Map<string, Role>();
for (const role of roles) {
  roleByLabel.set(foldLabel(role), role);
  roleByLabel.set(foldLabel(roleLabels[role]), role);
}
for (const [alias, role] of Object.entries(roleAliases)) roleByLabel.set(alias, role);

/** The role of a French label or a code ("Agent partenaire", "agent partenaire", "partnerAgent"), or null. */
export function roleFromLabel(value: string): Role | null {
  if (isRole(value)) return value;
  return roleByLabel.get(foldLabel(value)) ?? null;
}

/** Trimmed, lower-case e-mail: how addresses are stored and compared. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

// Deliberately simple: one @, no spaces, a dot in the domain. The mail itself proves the address.
const emailPattern = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]{2,}$/;

/** Whether a (normalised) e-mail address looks deliverable. */
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && emailPattern.test(email);
}

/** Finds an organisation by slug or name (case and accents ignored). */
export function findOrganisation(organisations: OrganisationRef[], value: string): OrganisationRef | null {
  const folded = foldLabel(value);
  return (
    organisations.find((o) => o.slug === value.trim().toLowerCase() || foldLabel(o.name) === folded) ?? null
  );
}

/** The roles an actor may give (what the role list of the form offers). */
export function invitableRoles(actor: Actor): Role[] {
  if (actor.role === 'admin') return [...roles];
  return roles.filter((role) => canInviteUser(actor, { role, organisationId: actor.organisationId }));
}

/**
 * Checks one invitation. Field names are those of the form: email, name, role, organisation.
 * `existing` holds the normalised e-mails that already have an account.
 */
export function checkInvitation(
  actor: Actor,
  input: InvitationInput,
  refs: { organisations: OrganisationRef[]; existing: Set<string> },
): { ok: true; value: CheckedInvitation } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const email = normaliseEmail(input.email);
  if (email === '') errors.push({ field: 'email', message: 'Indiquez l’adresse électronique.' });
  else if (!isValidEmail(email))
    errors.push({
      field: 'email',
      message: `Adresse électronique invalide : « ${input.email.trim()} ». Format attendu : nom@domaine.fr`,
    });
  else if (refs.existing.has(email))
    errors.push({ field: 'email', message: `Un compte existe déjà pour ${email}.` });

  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '') errors.push({ field: 'name', message: 'Indiquez le prénom et le nom.' });
  else if (name.length > 120)
    errors.push({ field: 'name', message: 'Le nom compte plus de 120 caractères.' });

  const role = input.role.trim() === '' ? null : roleFromLabel(input.role);
  if (input.role.trim() === '') errors.push({ field: 'role', message: 'Indiquez le rôle.' });
  else if (!role)
    errors.push({
      field: 'role',
      message: `Rôle inconnu : « ${input.role.trim()} ». Rôles possibles : ${roles.map((r) => roleLabels[r]).join(', ')}.`,
    });

  let organisation: OrganisationRef | null = null;
  if (input.organisation.trim() !== '') {
    organisation = findOrganisation(refs.organisations, input.organisation);
    if (!organisation)
      errors.push({
        field: 'organisation',
        message: `Organisme inconnu : « ${input.organisation.trim()} ».`,
      });
  } else if (actor.role === 'organisationManager' && actor.organisationId) {
    // An organisation manager invites into their own organisation when the column is left empty.
    organisation = refs.organisations.find((o) => o.id === actor.organisationId) ?? null;
  }
  if (
    role &&
    !organisation &&
    rolesWithOrganisation.has(role) &&
    !errors.some((e) => e.field === 'organisation')
  ) {
    errors.push({ field: 'organisation', message: `Le rôle « ${roleLabels[role]} » demande un organisme.` });
  }
  if (
    role &&
    !errors.some((e) => e.field === 'organisation') &&
    !canInviteUser(actor, { role, organisationId: organisation?.id ?? null })
  ) {
    const field =
      actor.role === 'organisationManager' && organisation && organisation.id !== actor.organisationId
        ? 'organisation'
        : 'role';
    errors.push({
      field,
      message:
        field === 'organisation'
          ? 'Votre rôle ne permet d’inviter que dans votre propre organisme.'
          : `Votre rôle ne permet pas d’inviter un compte « ${roleLabels[role]} ».`,
    });
  }
  if (errors.length > 0 || !role) return { ok: false, errors };
  return { ok: true, value: { email, name, role, organisation } };
}
