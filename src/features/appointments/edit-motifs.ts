// Use-cases of the motifs pages: an organisation's manager (and the territory's pilot, and administrators)
// lists, creates and edits the motifs of appointments, archives one (no longer offered, its appointments kept)
// or deletes one that no appointment refers to. Each change is journaled in its transaction; a bad form stores
// nothing and says, field by field, what to correct.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { journal } from '../../platform/audit.ts';
import { AppError, forbidden, invalid, notFound, type FieldError } from '../../platform/errors.ts';
import { listOrganisations, listTerritories } from '../territory/store.ts';
import {
  countMotifAppointments,
  deleteMotif,
  findMotif,
  insertMotif,
  listMotifs,
  lockMotif,
  setMotifActive,
  updateMotif,
  type Motif,
  type MotifValues,
} from './store.ts';
import type { MotifChannel } from './tables.ts';

/** An organisation whose motifs the actor may edit. */
export interface MotifOrganisation {
  id: string;
  slug: string;
  name: string;
}

/** Where a motif's appointment takes place, in the words of the form. */
export const channelChoices: Record<MotifChannel, string> = {
  'on-site': 'Sur place',
  phone: 'Par téléphone',
  visio: 'En visioconférence',
  home: 'À domicile',
};

/** The form of a motif, as it is posted (every field a string, maybe missing). */
export interface MotifForm {
  libelle?: string | undefined;
  duree?: string | undefined;
  modalite?: string | undefined;
  reservation?: string | undefined;
  delai_min?: string | undefined;
  delai_max?: string | undefined;
  consignes_avant?: string | undefined;
  consignes_apres?: string | undefined;
}

/** The form's values for a stored motif (to show it for editing). */
export function motifFormOf(m: Motif): Record<keyof MotifForm, string> {
  return {
    libelle: m.name,
    duree: String(m.durationMinutes),
    modalite: m.channel,
    reservation: m.publicBooking ? 'public' : 'agents',
    delai_min: String(m.minDelayHours),
    delai_max: String(m.maxDelayDays),
    consignes_avant: m.instructionsBefore,
    consignes_apres: m.instructionsAfter,
  };
}

const wholeNumber = /^\d{1,6}$/;
const maxInstructions = 1000;

/** Checks a motif form: the values to store, or the French message of each wrong field. */
export function checkMotifForm(form: MotifForm): { values: MotifValues; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = (form.libelle ?? '').trim().replace(/\s+/g, ' ');
  if (!name || name.length > 120)
    errors.push({ field: 'libelle', message: 'Indiquez le libellé du motif (120 caractères au plus).' });
  const duration = (form.duree ?? '').trim();
  const durationMinutes = wholeNumber.test(duration) ? Number(duration) : NaN;
  if (!(durationMinutes >= 5 && durationMinutes <= 480))
    errors.push({
      field: 'duree',
      message: 'La durée est un nombre de minutes entre 5 et 480, par exemple 30.',
    });
  const channel = form.modalite as MotifChannel;
  if (!Object.hasOwn(channelChoices, form.modalite ?? ''))
    errors.push({ field: 'modalite', message: 'Choisissez où se tient le rendez-vous.' });
  if (form.reservation !== 'public' && form.reservation !== 'agents')
    errors.push({
      field: 'reservation',
      message: 'Dites qui peut prendre ce rendez-vous : le public, ou les agents seulement.',
    });
  const min = (form.delai_min ?? '').trim();
  const minDelayHours = wholeNumber.test(min) ? Number(min) : NaN;
  const minValid = minDelayHours >= 0 && minDelayHours <= 8760;
  if (!minValid)
    errors.push({
      field: 'delai_min',
      message: 'Le délai minimum est un nombre d’heures, de 0 à 8760, par exemple 24.',
    });
  const max = (form.delai_max ?? '').trim();
  const maxDelayDays = wholeNumber.test(max) ? Number(max) : NaN;
  const maxValid = maxDelayDays >= 1 && maxDelayDays <= 365;
  if (!maxValid)
    errors.push({
      field: 'delai_max',
      message: 'Le délai maximum est un nombre de jours, de 1 à 365, par exemple 60.',
    });
  // Both are valid numbers: a minimum that reaches the maximum leaves no time at all to book.
  if (minValid && maxValid && minDelayHours >= maxDelayDays * 24)
    errors.push({
      field: 'delai_min',
      message: `Le délai minimum (${minDelayHours} h) doit être plus court que le délai maximum (${maxDelayDays} jours, soit ${maxDelayDays * 24} h).`,
    });
  const instructionsBefore = (form.consignes_avant ?? '').trim();
  const instructionsAfter = (form.consignes_apres ?? '').trim();
  if (instructionsBefore.length > maxInstructions)
    errors.push({ field: 'consignes_avant', message: 'Ces consignes tiennent en 1 000 caractères au plus.' });
  if (instructionsAfter.length > maxInstructions)
    errors.push({ field: 'consignes_apres', message: 'Ces consignes tiennent en 1 000 caractères au plus.' });
  return {
    values: {
      name,
      durationMinutes,
      channel,
      publicBooking: form.reservation === 'public',
      minDelayHours,
      maxDelayDays,
      instructionsBefore,
      instructionsAfter,
    },
    errors,
  };
}

/**
 * The organisations whose motifs the actor edits: their own for a manager, those of their territories for the
 * territory's pilot, every one for an administrator; none for other roles.
 */
export async function motifOrganisations(db: Db, actor: Actor): Promise<MotifOrganisation[]> {
  if (!['organisationManager', 'territoryPilot', 'admin'].includes(actor.role)) return [];
  const territoryIds =
    actor.role === 'admin' ? (await listTerritories(db)).map((t) => t.id) : actor.territoryIds;
  const seen = new Map<string, MotifOrganisation>();
  for (const territoryId of territoryIds)
    for (const o of await listOrganisations(db, territoryId))
      if (actor.role !== 'organisationManager' || o.id === actor.organisationId)
        seen.set(o.id, { id: o.id, slug: o.slug, name: o.name });
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

const outOfScope = () =>
  forbidden('Vous ne gérez que les motifs de votre organisme (ou des organismes de votre territoire).');

/** The organisation of the motifs page: the one named by its slug, or the actor's only one; 403 outside. */
export async function motifOrganisation(
  db: Db,
  actor: Actor,
  slug: string | undefined,
): Promise<{ chosen: MotifOrganisation | null; choices: MotifOrganisation[] }> {
  const choices = await motifOrganisations(db, actor);
  if (choices.length === 0) throw outOfScope();
  if (slug) {
    const chosen = choices.find((o) => o.slug === slug);
    if (!chosen) throw outOfScope();
    return { chosen, choices };
  }
  return { chosen: choices.length === 1 ? choices[0]! : null, choices };
}

/** Every motif of an organisation, archived ones included (the caller has checked the scope). */
export function organisationMotifs(db: Db, organisation: MotifOrganisation): Promise<Motif[]> {
  return listMotifs(db, { organisationId: organisation.id, includeInactive: true });
}

/** The motif a change was made to, and its organisation. */
export interface EditedMotif {
  motif: Motif;
  organisation: MotifOrganisation;
}

/** A motif the actor may edit, with its organisation; 404 when unknown, 403 when another organisation's. */
export async function motifToEdit(
  db: Db,
  actor: Actor,
  motifId: string,
): Promise<EditedMotif & { appointments: number }> {
  const motif = await findMotif(db, motifId);
  if (!motif) throw notFound('Ce motif n’existe pas.');
  const organisation = (await motifOrganisations(db, actor)).find((o) => o.id === motif.organisationId);
  if (!organisation) throw outOfScope();
  return { motif, organisation, appointments: await countMotifAppointments(db, motif.id) };
}

/** Creates a motif for an organisation of the actor's scope; returns its id. */
export async function createMotif(
  db: Db,
  actor: Actor,
  organisation: MotifOrganisation,
  form: MotifForm,
): Promise<string> {
  const { values, errors } = checkMotifForm(form);
  if (errors.length > 0) throw invalid(errors, errors[0]!.message);
  return db.transaction().execute(async (trx) => {
    const id = await insertMotif(trx, organisation.id, values);
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'appointment-motif',
      subjectId: id,
      reason: `motif créé pour ${organisation.slug}`,
    });
    return id;
  });
}

/** Changes a motif; the appointments already booked keep their time and length. */
export async function editMotif(
  db: Db,
  actor: Actor,
  motifId: string,
  form: MotifForm,
): Promise<EditedMotif> {
  const target = await motifToEdit(db, actor, motifId);
  const { motif } = target;
  const { values, errors } = checkMotifForm(form);
  if (errors.length > 0) throw invalid(errors, errors[0]!.message);
  await db.transaction().execute(async (trx) => {
    await updateMotif(trx, motif.id, values);
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'appointment-motif',
      subjectId: motif.id,
      reason:
        values.durationMinutes === motif.durationMinutes
          ? 'motif modifié'
          : `motif modifié (durée ${motif.durationMinutes} → ${values.durationMinutes} min)`,
    });
  });
  return target;
}

/** Archives a motif (no slot offers it any more; its appointments stay) or brings it back. */
export async function setMotifArchived(
  db: Db,
  actor: Actor,
  motifId: string,
  archived: boolean,
): Promise<EditedMotif> {
  const target = await motifToEdit(db, actor, motifId);
  const { motif } = target;
  await db.transaction().execute(async (trx) => {
    await setMotifActive(trx, motif.id, !archived);
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'appointment-motif',
      subjectId: motif.id,
      reason: archived ? 'motif archivé' : 'motif réactivé',
    });
  });
  return target;
}

/** Deletes a motif no appointment refers to; 409 otherwise (archive it instead). */
export async function removeMotif(db: Db, actor: Actor, motifId: string): Promise<EditedMotif> {
  const target = await motifToEdit(db, actor, motifId);
  const { motif } = target;
  await db.transaction().execute(async (trx) => {
    // The lock makes a booking of this motif wait for (or be seen by) the count below: a motif is never
    // deleted under an appointment.
    await lockMotif(trx, motif.id);
    if ((await countMotifAppointments(trx, motif.id)) > 0)
      throw new AppError(
        'conflict',
        'Des rendez-vous ont été pris pour ce motif : archivez-le plutôt (il ne sera plus proposé, les rendez-vous restent).',
      );
    await deleteMotif(trx, motif.id);
    await journal(trx, {
      actor,
      action: 'delete',
      subjectType: 'appointment-motif',
      subjectId: motif.id,
      reason: 'motif supprimé (aucun rendez-vous)',
    });
  });
  return target;
}
