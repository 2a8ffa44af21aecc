// Use-cases of a service in the pages: its organisation's manager, the territory's pilot and administrators create
// and change it — what it is, for whom, how to use it, what to bring, where it is given, who may use it (INSEE
// codes of the territory's communes) — and may hide it from the public. Saving is checking: the last-checked date
// becomes today. A bad field gives a French message for it and nothing is written; every change is journaled.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { journal } from '../../platform/audit.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { canEditOffer, editableTerritories } from './edit-offer.ts';
import { publics, thematiques, typesService } from './data-inclusion-lists.ts';
import { FormChecks, inseeCodesOf, linesOf, sourceAfterEdit } from './offer-checks.ts';
import { insertService, setServicePlaces, updateService, type ServiceValues } from './offer-store.ts';
import { uniqueSlug } from './offer-slugs.ts';
import { usageModes, type Service } from './services.ts';
import { findServiceById, forgetTerritory, listCommunes, listOrganisations, listPlaces } from './store.ts';

/** The form of a service, as the page posts it (ticked boxes may repeat). */
export interface ServiceForm {
  nom?: string;
  description?: string;
  organisme?: string;
  type?: string;
  thematiques?: string | string[];
  publics?: string | string[];
  precisions_publics?: string;
  frais?: string;
  precisions_frais?: string;
  modes?: string | string[];
  lien?: string;
  telephone?: string;
  courriel?: string;
  prerequis?: string;
  documents?: string;
  lieux?: string | string[];
  distance?: string;
  bus?: string;
  zone?: string;
  publie?: string;
}

/** What the service form offers to choose from on a territory, for an actor. */
export async function serviceFormChoices(db: Db, actor: Actor, territoryId: string) {
  const [organisations, places] = await Promise.all([
    listOrganisations(db, territoryId),
    listPlaces(db, { territoryId }),
  ]);
  return {
    organisations: organisations
      .filter((o) => canEditOffer(actor, territoryId, o.id))
      .map((o) => ({ id: o.id, name: o.name })),
    places: places.map((p) => ({ id: p.id, name: p.name, communeName: p.commune?.name ?? null })),
  };
}

/** The service an actor may edit, or a 404 / 403. */
export async function serviceToEdit(db: Db, actor: Actor, id: string): Promise<Service> {
  const service = await findServiceById(db, id);
  if (!service) throw notFound('Ce service n’existe pas.');
  if (!canEditOffer(actor, service.territoryId, service.organisation.id))
    throw forbidden('Vous ne pouvez modifier que les services de votre organisme.');
  return service;
}

/** Reads a service form into the values to store and the places where it is given; throws the bad fields. */
async function serviceValues(
  db: Db,
  actor: Actor,
  territoryId: string,
  form: ServiceForm,
  today: string,
): Promise<{ values: ServiceValues; placeIds: string[] }> {
  const check = new FormChecks();
  const choices = await serviceFormChoices(db, actor, territoryId);
  const name = check.required('nom', form.nom, 200, 'Indiquez le nom du service.');
  const description = check.required(
    'description',
    form.description,
    10000,
    'Décrivez le service en quelques phrases.',
  );
  const organisationId = choices.organisations.find((o) => o.id === form.organisme)?.id;
  if (!organisationId)
    check.fail(
      'organisme',
      choices.organisations.length > 0
        ? 'Choisissez l’organisme qui rend ce service.'
        : 'Vous ne pouvez pas créer de service sur ce territoire.',
    );
  const kind = form.type ? check.codes('type', form.type, typesService)[0] : undefined;
  const themes = check.codes('thematiques', form.thematiques, thematiques);
  const audience = check.codes('publics', form.publics, publics);
  const fees = form.frais === 'gratuit' || form.frais === 'payant' ? form.frais : null;
  const modes = check.codes('modes', form.modes, usageModes);
  if (modes.length === 0) check.fail('modes', 'Cochez au moins une façon de solliciter le service.');
  const onlineUrl = check.url('lien', form.lien);
  if (modes.includes('online') && !onlineUrl)
    check.fail('lien', 'Indiquez l’adresse du service en ligne (vous avez coché « En ligne »).');
  const placeIds = check.codes(
    'lieux',
    form.lieux,
    choices.places.map((p) => p.id),
  );
  const atDistance = form.distance === 'oui';
  const onBus = form.bus === 'oui';
  if (placeIds.length === 0 && !atDistance && !onBus)
    check.fail('lieux', 'Cochez au moins un lieu, ou « à distance », ou « dans le bus ».');
  const communes = new Set((await listCommunes(db, territoryId)).map((c) => c.inseeCode));
  const zone = inseeCodesOf(form.zone);
  const unknown = zone.filter((code) => !communes.has(code));
  if (unknown.length > 0)
    check.fail(
      'zone',
      `${unknown.length === 1 ? 'Ce code INSEE n’est pas' : 'Ces codes INSEE ne sont pas'} celui d’une commune du territoire : ${unknown.join(', ')}.`,
    );
  const values: ServiceValues = {
    organisationId: organisationId ?? '',
    name,
    description,
    kind: kind ?? null,
    themes,
    publics: audience,
    publicsDetails: check.text('precisions_publics', form.precisions_publics, 1000),
    fees,
    feesDetails: check.text('precisions_frais', form.precisions_frais, 1000),
    usageModes: modes,
    atDistance,
    onBus,
    prerequisites: linesOf(form.prerequis),
    documents: linesOf(form.documents),
    eligibilityZone: zone,
    onlineUrl,
    phone: check.phone('telephone', form.telephone),
    email: check.email('courriel', form.courriel),
    published: form.publie === 'oui',
    lastCheckedOn: today,
    source: 'saisi dans Sans Couture',
  };
  if (values.prerequisites.join('').length > 5000) check.fail('prerequis', 'Ce champ est trop long.');
  if (values.documents.join('').length > 5000) check.fail('documents', 'Ce champ est trop long.');
  if (check.failed) throw invalid(check.errors, check.errors[0]!.message);
  return { values, placeIds };
}

/** Creates a service on a territory; returns its id. Its slug comes from its name. */
export async function createService(
  db: Db,
  actor: Actor,
  territoryId: string,
  form: ServiceForm,
  today: string,
): Promise<string> {
  if (!(await editableTerritories(db, actor)).includes(territoryId))
    throw forbidden('Vous ne pouvez pas créer de service sur ce territoire.');
  const { values, placeIds } = await serviceValues(db, actor, territoryId, form, today);
  const id = await db.transaction().execute(async (trx) => {
    const slug = await uniqueSlug(trx, 'services', values.name);
    const id = await insertService(trx, slug, territoryId, values);
    await setServicePlaces(trx, id, placeIds);
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'service',
      subjectId: id,
      reason: `service ${slug} créé${values.published ? '' : ' (masqué au public)'}`,
    });
    return id;
  });
  forgetTerritory(db);
  return id;
}

/** Changes a service (and marks it checked today); a manager cannot give it to another organisation. */
export async function editService(
  db: Db,
  actor: Actor,
  id: string,
  form: ServiceForm,
  today: string,
): Promise<void> {
  const service = await serviceToEdit(db, actor, id);
  const { values, placeIds } = await serviceValues(db, actor, service.territoryId, form, today);
  await db.transaction().execute(async (trx) => {
    await updateService(trx, service.id, {
      ...values,
      source: sourceAfterEdit(service.source),
    });
    await setServicePlaces(trx, service.id, placeIds);
    const visibility =
      service.published === values.published ? '' : values.published ? ', publié' : ', masqué au public';
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'service',
      subjectId: service.id,
      reason: `service ${service.slug} modifié et vérifié${visibility}`,
    });
  });
  forgetTerritory(db);
}
