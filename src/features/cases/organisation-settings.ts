// What an organisation's manager sets for the cases sent to it: the subjects helpers choose from when they open
// a case (as in Administration+), and a shared mailbox that receives the organisation's case mails.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { journal } from '../../platform/audit.ts';
import { canExport } from './access.ts';
import {
  insertSubject,
  isUuid,
  organisationName,
  retireSubject,
  setSharedMailbox,
  sharedMailboxAddress,
  subjectsOf,
  type OrganisationSubject,
} from './store.ts';

/** What the settings page shows. */
export interface OrganisationSettings {
  organisation: string;
  sharedMailbox: string | null;
  subjects: OrganisationSubject[];
}

function managedOrganisation(actor: Actor): string {
  if (!canExport(actor))
    throw new AppError(
      'forbidden',
      'Seuls les responsables d’organisme règlent les saisines de leur organisme.',
    );
  return actor.organisationId!;
}

/** The settings of the manager's organisation. */
export async function readOrganisationSettings(db: Db, actor: Actor): Promise<OrganisationSettings> {
  const organisationId = managedOrganisation(actor);
  return {
    organisation: await organisationName(db, organisationId),
    sharedMailbox: await sharedMailboxAddress(db, organisationId),
    subjects: await subjectsOf(db, [organisationId]),
  };
}

const emailPattern = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]{2,}$/;

/** Sets the shared mailbox (empty: none); returns the field error when the address is not one. */
export async function saveSharedMailbox(
  db: Db,
  actor: Actor,
  typed: string,
  requestId?: string,
): Promise<FieldError[]> {
  const organisationId = managedOrganisation(actor);
  const address = typed.trim().toLowerCase();
  if (address && (address.length > 254 || !emailPattern.test(address)))
    return [
      { field: 'boite', message: 'Indiquez l’adresse de la boîte partagée, par exemple accueil@caf-lot.fr.' },
    ];
  await db.transaction().execute(async (trx) => {
    await setSharedMailbox(trx, organisationId, address || null);
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'organisation',
      subjectId: organisationId,
      reason: 'boîte partagée des saisines',
      requestId,
    });
  });
  return [];
}

/** Adds a predefined subject; returns the field error when it is empty, too long or already there. */
export async function addSubject(db: Db, actor: Actor, typed: string): Promise<FieldError[]> {
  const organisationId = managedOrganisation(actor);
  const label = typed.trim().replace(/\s+/g, ' ');
  if (label.length < 3 || label.length > 150)
    return [{ field: 'sujet', message: 'L’objet compte de 3 à 150 caractères.' }];
  if ((await subjectsOf(db, [organisationId])).length >= 100)
    return [{ field: 'sujet', message: 'Cent objets au plus : retirez-en un avant d’en ajouter.' }];
  if (!(await insertSubject(db, organisationId, label)))
    return [{ field: 'sujet', message: 'Cet objet est déjà dans la liste.' }];
  return [];
}

/** Withdraws a predefined subject of the manager's organisation. */
export async function withdrawSubject(db: Db, actor: Actor, subjectId: string): Promise<void> {
  const organisationId = managedOrganisation(actor);
  if (!isUuid(subjectId) || !(await retireSubject(db, organisationId, subjectId)))
    throw new AppError('not-found', 'Cet objet n’existe pas dans la liste de votre organisme.');
}
