// Use-cases that change the offer in the pages: who may edit what, a place's exceptional closures, a service
// marked as checked, the freshness report and the reminder to the owners of services not checked for months
// (places: edit-places.ts; services: edit-services.ts; organisations: edit-organisations.ts). Organisation managers
// change their organisation's places and services; the territory's pilot and administrators any of the territory.
// Every change is journaled, in its transaction.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { canEditTerritory } from '../../platform/auth/roles.ts';
import { journal } from '../../platform/audit.ts';
import { forbidden, invalid, notFound, type FieldError } from '../../platform/errors.ts';
import { addMonths, parseDate } from '../../platform/dates.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import {
  deleteClosure,
  findPlace,
  findServiceById,
  forgetTerritory,
  insertClosure,
  listOrganisations,
  listPlaces,
  listServices,
  listTerritories,
  listStaleServices,
  markServiceChecked,
  markStaleNotified,
  organisationManagers,
  type Place,
} from './store.ts';
import type { Service } from './services.ts';

/** Whether an actor may change a place or service of an organisation on a territory. */
export function canEditOffer(actor: Actor, territoryId: string, organisationId: string | null): boolean {
  if (canEditTerritory(actor, territoryId)) return true;
  return (
    actor.role === 'organisationManager' &&
    organisationId != null &&
    actor.organisationId === organisationId &&
    actor.territoryIds.includes(territoryId)
  );
}

/** The territories whose offer an actor works on: every one for an administrator. */
export async function editableTerritories(db: Db, actor: Actor): Promise<string[]> {
  if (actor.role === 'admin') return (await listTerritories(db)).map((t) => t.id);
  return actor.territoryIds;
}

/** The place an actor may edit, or a 404 / 403. */
export async function placeToEdit(db: Db, actor: Actor, slug: string): Promise<Place> {
  const place = await findPlace(db, slug);
  if (!place) throw notFound('Ce lieu n’existe pas.');
  if (!canEditOffer(actor, place.territoryId, place.organisation?.id ?? null))
    throw forbidden('Vous ne pouvez modifier que les lieux de votre organisme.');
  return place;
}

/** Adds an exceptional closure to a place. */
export async function addClosure(
  db: Db,
  actor: Actor,
  slug: string,
  form: { du?: string; au?: string; motif?: string },
): Promise<void> {
  const place = await placeToEdit(db, actor, slug);
  const errors: FieldError[] = [];
  const from = form.du ?? '';
  const to = form.au || from;
  if (!parseDate(from)) errors.push({ field: 'du', message: 'Date de début invalide : AAAA-MM-JJ.' });
  if (!parseDate(to) || to < from)
    errors.push({ field: 'au', message: 'La date de fin doit être le même jour ou après.' });
  if (errors.length > 0) throw invalid(errors, errors[0]!.message);
  await db.transaction().execute(async (trx) => {
    const id = await insertClosure(trx, place.id, {
      startsOn: from,
      endsOn: to,
      reason: (form.motif ?? '').trim().slice(0, 120),
    });
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'place-closure',
      subjectId: id,
      reason: `fermeture de ${slug} du ${from} au ${to}`,
    });
  });
  forgetTerritory(db);
}

/** Removes an exceptional closure. */
export async function removeClosure(db: Db, actor: Actor, slug: string, closureId: string): Promise<void> {
  const place = await placeToEdit(db, actor, slug);
  await db.transaction().execute(async (trx) => {
    if (!(await deleteClosure(trx, place.id, closureId))) throw notFound('Cette fermeture n’existe pas.');
    await journal(trx, {
      actor,
      action: 'delete',
      subjectType: 'place-closure',
      subjectId: closureId,
      reason: `fermeture de ${slug} retirée`,
    });
  });
  forgetTerritory(db);
}

/** Records that a service's information was checked today by its owner. */
export async function confirmServiceChecked(
  db: Db,
  actor: Actor,
  serviceId: string,
  today: string,
): Promise<void> {
  const service = await findServiceById(db, serviceId);
  if (!service) throw notFound('Ce service n’existe pas.');
  if (!canEditOffer(actor, service.territoryId, service.organisation.id))
    throw forbidden('Vous ne pouvez vérifier que les services de votre organisme.');
  await db.transaction().execute(async (trx) => {
    await markServiceChecked(trx, service.id, today);
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'service',
      subjectId: service.id,
      reason: 'informations vérifiées',
    });
  });
  forgetTerritory(db);
}

/**
 * The offer an actor may edit on a territory: organisations (pilot, administrator), places and services (hidden
 * ones included), with the services not checked within the window.
 */
export async function offerOf(db: Db, actor: Actor, territoryId: string, today: string, months: number) {
  const [all, places, organisations] = await Promise.all([
    listServices(db, { territoryId, includeUnpublished: true }),
    listPlaces(db, { territoryId }),
    listOrganisations(db, territoryId),
  ]);
  const services = all.filter((s) => canEditOffer(actor, territoryId, s.organisation.id));
  const staleBefore = addMonths(today, -months);
  return {
    organisations: canEditTerritory(actor, territoryId) ? organisations : [],
    places: places.filter((p) => canEditOffer(actor, territoryId, p.organisation?.id ?? null)),
    services,
    stale: services.filter((s) => s.lastCheckedOn < staleBefore),
    staleBefore,
  };
}

/** The freshness report of a territory: services not checked since `months` months. */
export async function freshnessReport(
  db: Db,
  territoryId: string,
  today: string,
  months: number,
): Promise<Service[]> {
  return listStaleServices(db, territoryId, addMonths(today, -months));
}

/** Tells each organisation's managers about its services not checked for `months` months (once a month). */
export async function notifyStaleServices(
  db: Db,
  today: string,
  months: number,
  publicUrl: string,
): Promise<number> {
  const stale = await listStaleServices(db, null, addMonths(today, -months));
  const byOrganisation = new Map<string, Service[]>();
  for (const service of stale) {
    const row = await db
      .selectFrom('services')
      .select('stale_notified_on')
      .where('id', '=', service.id)
      .executeTakeFirst();
    if (row?.stale_notified_on && row.stale_notified_on > addMonths(today, -1)) continue;
    byOrganisation.set(service.organisation.id, [
      ...(byOrganisation.get(service.organisation.id) ?? []),
      service,
    ]);
  }
  let sent = 0;
  for (const [organisationId, services] of byOrganisation) {
    const managers = await organisationManagers(db, organisationId);
    await db.transaction().execute(async (trx) => {
      for (const m of managers) {
        await queueMail(
          trx,
          {
            to: m.email,
            subject: `${services.length} service(s) de votre organisme à vérifier`,
            text: [
              `Bonjour,`,
              '',
              `Ces services n’ont pas été vérifiés depuis plus de ${months} mois : les usagers lisent peut-être des informations fausses.`,
              ...services.map((s) => `- ${s.name} (vérifié le ${s.lastCheckedOn})`),
              '',
              `Vérifiez-les ou corrigez-les ici : ${publicUrl}/offre`,
            ].join('\n'),
          },
          `offer-stale:${organisationId}:${m.id}:${today.slice(0, 7)}`,
        );
        sent++;
      }
      await markStaleNotified(
        trx,
        services.map((s) => s.id),
        today,
      );
    });
  }
  return sent;
}
