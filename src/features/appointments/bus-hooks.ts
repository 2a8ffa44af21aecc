// The door of appointments for the bus's tours: before a tour's calendar changes (a stop moved, its hours or
// rhythm changed, a passage cancelled, a stop removed), the territory asks which appointments are still booked at
// its stops, so that none is silently left without a bus. Only times and motifs leave this room: no resident's
// name or contact (the pilot changing a tour need not read them; the agents see them in their agenda).
import type { Executor } from '../../platform/db/database.ts';
import type { BookedAppointment } from '../territory/bus.ts';
import './tables.ts';

/** The appointments booked (not yet held, cancelled or missed) at places from an instant on, by start. */
export async function bookedAppointmentsAt(
  db: Executor,
  placeIds: string[],
  from: Date,
): Promise<BookedAppointment[]> {
  if (placeIds.length === 0) return [];
  const rows = await db
    .selectFrom('appointments')
    .innerJoin('appointment_motifs', 'appointment_motifs.id', 'appointments.motif_id')
    .select([
      'appointments.id',
      'appointments.place_id',
      'appointments.starts_at',
      'appointments.ends_at',
      'appointment_motifs.name',
    ])
    .where('appointments.place_id', 'in', placeIds)
    .where('appointments.status', '=', 'booked')
    .where('appointments.ends_at', '>', from)
    .orderBy('appointments.starts_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    placeId: r.place_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    motif: r.name,
  }));
}
