// Inviting users: one by one from the form, or many at once from a CSV file (all or nothing). Each invited
// user receives a mail with a login link; writes of user data go through the audit journal.
import type { Config } from '../../config.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { roleLabels, type Actor } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FieldError } from '../../platform/errors.ts';
import { AppError } from '../../platform/errors.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { CsvInvitationRow } from './csv.ts';
import { createLoginToken, invitationLinkDays, loginLink } from './magic-link.ts';
import { checkInvitation, normaliseEmail, type CheckedInvitation, type InvitationInput } from './rules.ts';
import {
  existingEmails,
  insertInvitedAccount,
  listOrganisationRefs,
  listTerritoryRefs,
  organisationTerritories,
} from './store.ts';

/** What invitations need besides the database. */
export interface InvitationDeps {
  db: Db;
  mailer: Mailer;
  config: Config;
}

/** One line of an import report. */
export interface ImportLine {
  line: number;
  email: string;
  name: string;
  errors: string[];
  /** Set once the account is created. */
  created: boolean;
  /** False when the account was created but its mail could not leave. */
  mailSent: boolean | null;
}

const uniqueViolation = '23505';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === uniqueViolation;
}

async function createInvited(
  trx: Parameters<typeof insertInvitedAccount>[0],
  invitation: CheckedInvitation,
  territoryIds: string[],
) {
  const territories =
    territoryIds.length > 0
      ? territoryIds
      : invitation.organisation
        ? await organisationTerritories(trx, invitation.organisation.id)
        : [];
  const id = await insertInvitedAccount(trx, {
    email: invitation.email,
    displayName: invitation.name,
    role: invitation.role,
    organisationId: invitation.organisation?.id ?? null,
    territoryIds: territories,
  });
  const token = await createLoginToken(trx, id, invitationLinkDays * 24 * 3600_000);
  return { id, token };
}

async function sendInvitationMail(
  deps: InvitationDeps,
  inviter: string,
  invitation: CheckedInvitation,
  token: string,
): Promise<boolean> {
  const where = invitation.organisation ? ` (${invitation.organisation.name})` : '';
  try {
    await deps.mailer.send({
      to: invitation.email,
      subject: 'Vous êtes invité sur Sans Couture',
      text: [
        `Bonjour ${invitation.name},`,
        '',
        `${inviter} vous a créé un compte sur Sans Couture, le service public sans couture du bassin de vie : rôle « ${roleLabels[invitation.role]} »${where}.`,
        '',
        `Pour vous connecter la première fois, ouvrez ce lien (valable ${invitationLinkDays} jours, une seule fois) :`,
        loginLink(deps.config, token),
        '',
        `Ensuite, connectez-vous quand vous voulez sur ${deps.config.publicUrl}/connexion avec cette adresse.`,
      ].join('\n'),
    });
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/** The organisations and territories the forms offer. */
export async function invitationChoices(db: Db) {
  return { organisations: await listOrganisationRefs(db), territories: await listTerritoryRefs(db) };
}

/** Invites one user; returns the field errors, or the new account and whether its mail left. */
export async function inviteUser(
  deps: InvitationDeps,
  actor: Actor & { displayName: string },
  input: InvitationInput,
  territoryIds: string[],
  requestId: string,
): Promise<{ ok: false; errors: FieldError[] } | { ok: true; id: string; email: string; mailSent: boolean }> {
  const { db } = deps;
  const { organisations, territories } = await invitationChoices(db);
  const checked = checkInvitation(actor, input, {
    organisations,
    existing: await existingEmails(db, [normaliseEmail(input.email)]),
  });
  if (!checked.ok) return checked;
  const known = new Set(territories.map((t) => t.id));
  if (territoryIds.some((t) => !known.has(t)))
    return { ok: false, errors: [{ field: 'territories', message: 'Territoire inconnu.' }] };
  // An organisation manager gives only the territories they work on themselves.
  if (actor.role === 'organisationManager' && territoryIds.some((t) => !actor.territoryIds.includes(t))) {
    return {
      ok: false,
      errors: [{ field: 'territories', message: 'Vous ne pouvez donner que vos propres territoires.' }],
    };
  }
  let created: { id: string; token: string };
  try {
    created = await withPersonalData(
      db,
      {
        actor,
        action: 'create',
        subjectType: 'user',
        subjectId: null,
        reason: 'invitation d’un utilisateur',
        requestId,
      },
      (trx) => createInvited(trx, checked.value, territoryIds),
    );
  } catch (error) {
    // Two invitations of the same address at once: the unique index decides, the second gets a clear message.
    if (isUniqueViolation(error))
      return {
        ok: false,
        errors: [{ field: 'email', message: `Un compte existe déjà pour ${checked.value.email}.` }],
      };
    throw error;
  }
  const mailSent = await sendInvitationMail(deps, actor.displayName, checked.value, created.token);
  return { ok: true, id: created.id, email: checked.value.email, mailSent };
}

/**
 * Checks every line of an import, then creates all the accounts in one transaction, or none when any line
 * is wrong. Mails leave after the commit.
 */
export async function importUsers(
  deps: InvitationDeps,
  actor: Actor & { displayName: string },
  rows: CsvInvitationRow[],
  requestId: string,
): Promise<{ ok: boolean; lines: ImportLine[] }> {
  const { db } = deps;
  const organisations = await listOrganisationRefs(db);
  const existing = await existingEmails(db, [
    ...new Set(rows.map((r) => normaliseEmail(r.email)).filter(Boolean)),
  ]);
  const firstLineOf = new Map<string, number>();
  const lines: (ImportLine & { checked: CheckedInvitation | null })[] = rows.map((row) => {
    const result = checkInvitation(actor, row, { organisations, existing });
    const errors = result.ok ? [] : result.errors.map((e) => e.message);
    const email = normaliseEmail(row.email);
    if (email) {
      const first = firstLineOf.get(email);
      if (first !== undefined) errors.push(`Adresse en double dans le fichier : déjà à la ligne ${first}.`);
      else firstLineOf.set(email, row.line);
    }
    return {
      line: row.line,
      email: row.email,
      name: row.name,
      errors,
      created: false,
      mailSent: null,
      checked: result.ok && errors.length === 0 ? result.value : null,
    };
  });
  const strip = (l: (typeof lines)[number]): ImportLine => ({
    line: l.line,
    email: l.email,
    name: l.name,
    errors: l.errors,
    created: l.created,
    mailSent: l.mailSent,
  });
  if (lines.some((l) => l.errors.length > 0)) return { ok: false, lines: lines.map(strip) };

  let tokens: string[];
  try {
    tokens = await withPersonalData(
      db,
      {
        actor,
        action: 'create',
        subjectType: 'user-import',
        subjectId: String(lines.length),
        reason: 'import CSV d’utilisateurs',
        requestId,
      },
      async (trx) => {
        const out: string[] = [];
        for (const line of lines) {
          const created = await createInvited(trx, line.checked!, []);
          await journal(trx, {
            actor,
            action: 'create',
            subjectType: 'user',
            subjectId: created.id,
            reason: `import CSV, ligne ${line.line}`,
            requestId,
          });
          out.push(created.token);
        }
        return out;
      },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      return {
        ok: false,
        lines: lines.map((l) => ({
          ...strip(l),
          errors: [
            'Un compte a été créé entre-temps avec une de ces adresses : importez de nouveau le fichier.',
          ],
        })),
      };
    }
    throw error;
  }
  for (const [i, line] of lines.entries()) {
    line.created = true;
    line.mailSent = await sendInvitationMail(deps, actor.displayName, line.checked!, tokens[i]!);
  }
  return { ok: true, lines: lines.map(strip) };
}
