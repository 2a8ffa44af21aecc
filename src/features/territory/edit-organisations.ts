// Use-cases of an organisation in the pages: the territory's pilot and administrators create the organisations
// present on the territory and change their name, kind, description and public contacts. The slug is made from
// the name once and never changes. Every change is journaled in its transaction.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { canEditTerritory } from '../../platform/auth/roles.ts';
import { journal } from '../../platform/audit.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { editableTerritories } from './edit-offer.ts';
import { FormChecks } from './offer-checks.ts';
import {
  findOrganisation,
  insertOrganisation,
  updateOrganisation,
  type OrganisationDetails,
  type OrganisationValues,
} from './offer-store.ts';
import { uniqueSlug } from './offer-slugs.ts';
import { isCode, organisationKinds } from './offer-vocabulary.ts';
import { forgetTerritory } from './store.ts';

/** The form of an organisation. */
export interface OrganisationForm {
  nom?: string;
  type?: string;
  description?: string;
  site?: string;
  telephone?: string;
  courriel?: string;
}

function organisationValues(form: OrganisationForm): OrganisationValues {
  const check = new FormChecks();
  const name = check.required('nom', form.nom, 200, 'Indiquez le nom de l’organisme.');
  const kind = (form.type ?? '').trim();
  if (!isCode(organisationKinds, kind)) check.fail('type', 'Choisissez le type d’organisme.');
  const values = {
    kind,
    name,
    description: check.text('description', form.description, 2000) ?? '',
    website: check.url('site', form.site),
    phone: check.phone('telephone', form.telephone),
    email: check.email('courriel', form.courriel),
  };
  if (check.failed) throw invalid(check.errors, check.errors[0]!.message);
  return values;
}

/** The organisation an actor may edit: the pilot of one of its territories, or an administrator. */
export async function organisationToEdit(db: Db, actor: Actor, slug: string): Promise<OrganisationDetails> {
  const organisation = await findOrganisation(db, slug);
  if (!organisation) throw notFound('Cet organisme n’existe pas.');
  if (actor.role !== 'admin' && !organisation.territoryIds.some((t) => canEditTerritory(actor, t)))
    throw forbidden('Seuls le pilote du territoire et les administrateurs modifient les organismes.');
  return organisation;
}

/** Creates an organisation present on a territory; returns its slug. */
export async function createOrganisation(
  db: Db,
  actor: Actor,
  territoryId: string,
  form: OrganisationForm,
): Promise<string> {
  if (!canEditTerritory(actor, territoryId) || !(await editableTerritories(db, actor)).includes(territoryId))
    throw forbidden('Seuls le pilote du territoire et les administrateurs créent des organismes.');
  const values = organisationValues(form);
  const slug = await db.transaction().execute(async (trx) => {
    const slug = await uniqueSlug(trx, 'organisations', values.name);
    const id = await insertOrganisation(trx, slug, territoryId, values);
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'organisation',
      subjectId: id,
      reason: `organisme ${slug} créé sur le territoire ${territoryId}`,
    });
    return slug;
  });
  forgetTerritory(db);
  return slug;
}

/** Changes an organisation's name, kind, description and public contacts. */
export async function editOrganisation(
  db: Db,
  actor: Actor,
  slug: string,
  form: OrganisationForm,
): Promise<void> {
  const organisation = await organisationToEdit(db, actor, slug);
  const values = organisationValues(form);
  await db.transaction().execute(async (trx) => {
    await updateOrganisation(trx, organisation.id, values);
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'organisation',
      subjectId: organisation.id,
      reason: `organisme ${slug} modifié`,
    });
  });
  forgetTerritory(db);
}
