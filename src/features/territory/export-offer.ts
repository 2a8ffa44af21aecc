// Use-case: the offer of a territory as data·inclusion v1 records, read from the store.
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { exportOffer, type DiService, type DiStructure } from './data-inclusion.ts';
import { listOrganisations, listPlaces, listServices, listTerritories } from './store.ts';

/** The structures and services of a territory; a 404 for an unknown territory. */
export async function exportTerritoryOffer(
  db: Db,
  territoryId: string,
  publicUrl: string,
): Promise<{ structures: DiStructure[]; services: DiService[] }> {
  const territories = await listTerritories(db);
  if (!territories.some((t) => t.id === territoryId)) throw notFound('Ce territoire n’existe pas.');
  const [places, services, organisations] = await Promise.all([
    listPlaces(db, { territoryId }),
    listServices(db, { territoryId }),
    listOrganisations(db, territoryId),
  ]);
  const contacts = new Map(
    organisations.map((o) => [o.slug, { website: o.website, phone: o.phone, email: o.email }]),
  );
  return exportOffer(places, services, contacts, publicUrl);
}
