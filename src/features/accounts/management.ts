// Administrators manage accounts as they do in Administration+: edit a name and a role, move an agent to
// another organisation (of the account's territory) or site, deactivate and reactivate. The last active
// administrator can be neither deactivated nor demoted. Accounts unused for a long time are deactivated by a
// nightly job, after a warning mail; a login in between keeps them. Every change is journaled.
import type { Config } from '../../config.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { roleLabels, type Actor, type Role } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { cleanStrings } from '../../platform/text.ts';
import { findOrganisation, roleFromLabel, type OrganisationRef } from './rules.ts';
import {
  activeAdministrators,
  disableAccount,
  enableAccount,
  findManagedAccount,
  inactiveAgents,
  listOrganisationRefs,
  listTerritoryRefs,
  lockAccount,
  markInactivityWarned,
  organisationTerritories,
  siteChoices,
  updateAccount,
  type ManagedAccount,
} from './store.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const rolesWithOrganisation = new Set<Role>(['helper', 'partnerAgent', 'organisationManager']);

/** What the edit page needs: the account and the choices. */
export interface AccountPage {
  account: ManagedAccount;
  organisations: OrganisationRef[];
  sites: { id: string; name: string; organisationId: string }[];
  territories: { id: string; name: string }[];
}

function mustBeAdmin(actor: Actor): void {
  if (actor.role !== 'admin')
    throw new AppError('forbidden', 'Seuls les administrateurs gèrent les comptes.');
}

/** The account and the choices of its edit page; the reading is journaled. */
export async function readAccountPage(
  db: Db,
  actor: Actor,
  accountId: string,
  requestId?: string,
): Promise<AccountPage> {
  mustBeAdmin(actor);
  if (!uuid.test(accountId)) throw notFound('Ce compte n’existe pas.');
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'user',
      subjectId: accountId,
      reason: 'fiche du compte',
      requestId,
    },
    async (trx) => {
      const account = await findManagedAccount(trx, accountId);
      if (!account) throw notFound('Ce compte n’existe pas.');
      return {
        account,
        organisations: await listOrganisationRefs(trx),
        sites: await siteChoices(trx),
        territories: await listTerritoryRefs(trx),
      };
    },
  );
}

/** The edit form as typed. */
export interface AccountForm {
  name: string;
  role: string;
  organisation: string;
  site: string;
  territories: string[];
}

/**
 * Edits or moves an account. The organisation must serve every territory of the account (an agent is not moved
 * to an organisation of another territory), the site must be one of the organisation's counters, and the last
 * active administrator keeps their role.
 */
export async function editAccount(
  db: Db,
  actor: Actor,
  accountId: string,
  typed: AccountForm,
  requestId?: string,
): Promise<FieldError[]> {
  mustBeAdmin(actor);
  const form = cleanStrings({ ...typed, territories: [...typed.territories] });
  return db.transaction().execute(async (trx) => {
    await lockAccount(trx, accountId);
    const account = await findManagedAccount(trx, accountId);
    if (!account) throw notFound('Ce compte n’existe pas.');
    const errors: FieldError[] = [];
    const name = form.name.trim().replace(/\s+/g, ' ');
    if (!name) errors.push({ field: 'name', message: 'Indiquez le prénom et le nom.' });
    else if (name.length > 120)
      errors.push({ field: 'name', message: 'Le nom compte plus de 120 caractères.' });
    const role = roleFromLabel(form.role.trim());
    if (!role) errors.push({ field: 'role', message: 'Choisissez un rôle dans la liste.' });
    const organisations = await listOrganisationRefs(trx);
    const organisation = form.organisation.trim() ? findOrganisation(organisations, form.organisation) : null;
    if (form.organisation.trim() && !organisation)
      errors.push({ field: 'organisation', message: 'Choisissez un organisme dans la liste.' });
    else if (role && rolesWithOrganisation.has(role) && !organisation)
      errors.push({
        field: 'organisation',
        message: `Le rôle « ${roleLabels[role]} » demande un organisme.`,
      });
    const known = new Set((await listTerritoryRefs(trx)).map((t) => t.id));
    const territoryIds = [...new Set(form.territories)];
    if (territoryIds.some((t) => !known.has(t)))
      errors.push({ field: 'territories', message: 'Territoire inconnu.' });
    if (organisation && !errors.some((e) => e.field === 'territories')) {
      const served = await organisationTerritories(trx, organisation.id);
      const outside = territoryIds.filter((t) => !served.includes(t));
      if (territoryIds.length > 0 && outside.length > 0)
        errors.push({
          field: 'organisation',
          message: `${organisation.name} n’est pas présent sur le territoire de ce compte : choisissez un organisme du territoire, ou changez d’abord ses territoires.`,
        });
    }
    let siteId: string | null = null;
    if (form.site.trim()) {
      const site = (await siteChoices(trx)).find((s) => s.id === form.site.trim());
      if (!site || site.organisationId !== organisation?.id)
        errors.push({ field: 'site', message: 'Choisissez un site de l’organisme du compte.' });
      else siteId = site.id;
    }
    if (account.role === 'admin' && role && role !== 'admin' && account.status === 'active') {
      const admins = await activeAdministrators(trx);
      if (admins.length <= 1 && admins.includes(account.id))
        errors.push({
          field: 'role',
          message: 'C’est le dernier administrateur actif : nommez-en un autre avant de changer ce rôle.',
        });
    }
    if (errors.length > 0 || !role) return errors;
    await updateAccount(trx, accountId, {
      displayName: name,
      role,
      organisationId: organisation?.id ?? null,
      siteId,
      territoryIds,
    });
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'user',
      subjectId: accountId,
      reason:
        account.organisationId !== (organisation?.id ?? null)
          ? 'changement d’organisme'
          : 'modification du compte',
      requestId,
    });
    return [];
  });
}

/** Deactivates an account (not the last active administrator); its sessions end. */
export async function deactivateAccount(
  db: Db,
  actor: Actor,
  accountId: string,
  now: Date,
  requestId?: string,
): Promise<void> {
  mustBeAdmin(actor);
  if (!uuid.test(accountId)) throw notFound('Ce compte n’existe pas.');
  await db.transaction().execute(async (trx) => {
    await lockAccount(trx, accountId);
    const account = await findManagedAccount(trx, accountId);
    if (!account) throw notFound('Ce compte n’existe pas.');
    if (account.status === 'disabled') return;
    if (account.role === 'admin') {
      const admins = await activeAdministrators(trx);
      if (admins.length <= 1 && admins.includes(account.id))
        throw new AppError(
          'conflict',
          'C’est le dernier administrateur actif : nommez-en un autre avant de le désactiver.',
        );
    }
    await disableAccount(trx, accountId, now);
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'user',
      subjectId: accountId,
      reason: 'désactivation du compte',
      requestId,
    });
  });
}

/** Reactivates a deactivated account. */
export async function reactivateAccount(
  db: Db,
  actor: Actor,
  accountId: string,
  now: Date,
  requestId?: string,
): Promise<void> {
  mustBeAdmin(actor);
  if (!uuid.test(accountId)) throw notFound('Ce compte n’existe pas.');
  await db.transaction().execute(async (trx) => {
    await lockAccount(trx, accountId);
    const account = await findManagedAccount(trx, accountId);
    if (!account) throw notFound('Ce compte n’existe pas.');
    if (account.status !== 'disabled') return;
    await enableAccount(trx, accountId, now);
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'user',
      subjectId: accountId,
      reason: 'réactivation du compte',
      requestId,
    });
  });
}

/** Days between the warning mail and the deactivation. */
export const inactivityWarningDays = 14;

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/**
 * The nightly inactivity pass: agents without a login for (N − 14) days get a warning mail; those still without
 * one 14 days after it are deactivated (never the last active administrator) and told. Mails go through the
 * durable queue, in the transaction that records them.
 */
export async function runInactivity(
  db: Db,
  config: Pick<Config, 'accountInactivityDays' | 'publicUrl'>,
  now: Date,
): Promise<{ warned: number; disabled: number }> {
  const day = 86400_000;
  const warnBefore = new Date(now.getTime() - (config.accountInactivityDays - inactivityWarningDays) * day);
  const disableBefore = new Date(now.getTime() - config.accountInactivityDays * day);
  const deadline = new Date(now.getTime() + inactivityWarningDays * day);
  let warned = 0;
  for (const agent of await inactiveAgents(db, warnBefore, 'not-warned')) {
    await db.transaction().execute(async (trx) => {
      await markInactivityWarned(trx, agent.id, now);
      await queueMail(
        trx,
        {
          to: agent.email,
          subject: 'Votre compte Sans Couture va être désactivé',
          text: [
            `Bonjour ${agent.display_name},`,
            '',
            `Vous ne vous êtes pas connecté à Sans Couture depuis longtemps : votre compte sera désactivé le ${dateFormat.format(deadline)}.`,
            `Pour le garder, connectez-vous avant cette date : ${config.publicUrl}/connexion`,
            '',
            'Sans connexion, le compte est désactivé ; votre administrateur peut le réactiver.',
          ].join('\n'),
        },
        `inactivity-warning:${agent.id}:${now.toISOString().slice(0, 10)}`,
      );
    });
    warned++;
  }
  let disabled = 0;
  const warnedLongAgo = { warnedBefore: new Date(now.getTime() - inactivityWarningDays * day) };
  for (const agent of await inactiveAgents(db, disableBefore, warnedLongAgo)) {
    const done = await db.transaction().execute(async (trx) => {
      await lockAccount(trx, agent.id);
      if (agent.role === 'admin') {
        const admins = await activeAdministrators(trx);
        if (admins.length <= 1 && admins.includes(agent.id)) return false;
      }
      await disableAccount(trx, agent.id, now);
      await journal(trx, {
        actor: null,
        action: 'update',
        subjectType: 'user',
        subjectId: agent.id,
        reason: 'désactivation après inactivité',
      });
      await queueMail(
        trx,
        {
          to: agent.email,
          subject: 'Votre compte Sans Couture est désactivé',
          text: [
            `Bonjour ${agent.display_name},`,
            '',
            'Sans connexion depuis longtemps, votre compte Sans Couture est désactivé.',
            'Pour le retrouver, demandez à votre responsable ou à l’administrateur de le réactiver.',
          ].join('\n'),
        },
        `inactivity-disabled:${agent.id}:${now.toISOString().slice(0, 10)}`,
      );
      return true;
    });
    if (done) disabled++;
  }
  return { warned, disabled };
}
