// What residents and agents receive: the confirmation, reminder and cancellation texts, and calendar files (one
// appointment, or an agent's feed). Texts carry the link to cancel or move, never more personal data than the
// person gave; the agent's feed carries no resident's name.
import { frenchDate, parisDateTime } from '../../platform/dates.ts';
import { escapeText, foldLine } from '../../platform/icalendar.ts';
import type { AppointmentRow } from './store.ts';

/** "mardi 8 décembre 2026 à 9 h 15". */
export function whenText(startsAt: Date): string {
  const { date, time } = parisDateTime(startsAt);
  const [h, m] = time.split(':');
  return `${frenchDate(date)} à ${Number(h)} h${m === '00' ? '' : ` ${m}`}`;
}

/** The place in one line: "France Services de Catus, Place de la Halle, 46150 Catus". */
export function placeLine(
  a: Pick<AppointmentRow, 'place_name' | 'address_line' | 'postal_code' | 'commune_name'>,
) {
  return [a.place_name, a.address_line, [a.postal_code, a.commune_name].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

export const channelLabels: Record<string, string> = {
  'on-site': 'sur place',
  phone: 'par téléphone',
  visio: 'en visioconférence',
  home: 'à domicile',
};

/** The confirmation mail. */
export function confirmationText(a: AppointmentRow, manageUrl: string): string {
  return [
    `Bonjour ${a.first_name ?? ''},`.trim(),
    '',
    `Votre rendez-vous « ${a.motif_name} » (${channelLabels[a.channel] ?? a.channel}) est confirmé :`,
    `le ${whenText(a.starts_at)}, ${placeLine(a)}.`,
    ...(a.instructions_after ? ['', a.instructions_after] : []),
    '',
    'Le fichier joint l’ajoute à votre agenda.',
    `Pour l’annuler ou le déplacer : ${manageUrl}`,
  ].join('\n');
}

/** The reminder (mail and SMS). */
export function reminderText(a: AppointmentRow, manageUrl: string): string {
  return `Rappel : rendez-vous « ${a.motif_name} » le ${whenText(a.starts_at)}, ${placeLine(a)}. Pour annuler ou déplacer : ${manageUrl}`;
}

/** The mail when the service cancels. */
export function cancelledByServiceText(a: AppointmentRow, bookUrl: string): string {
  return [
    `Bonjour ${a.first_name ?? ''},`.trim(),
    '',
    `Votre rendez-vous « ${a.motif_name} » du ${whenText(a.starts_at)} est annulé par le service. Nous vous prions de nous en excuser.`,
    `Pour choisir un autre créneau : ${bookUrl}`,
  ].join('\n');
}

function icsTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function calendar(events: string[][], name: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Sans Couture//Rendez-vous//FR',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function event(
  uid: string,
  start: Date,
  end: Date,
  summary: string,
  location: string,
  now: Date,
  extra: string[] = [],
) {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}@sans-couture`,
    `DTSTAMP:${icsTime(now)}`,
    `DTSTART:${icsTime(start)}`,
    `DTEND:${icsTime(end)}`,
    `SUMMARY:${escapeText(summary)}`,
    `LOCATION:${escapeText(location)}`,
    ...extra,
    'END:VEVENT',
  ];
}

/** One appointment as a calendar file for the resident, with an alarm the day before. */
export function appointmentCalendar(a: AppointmentRow, manageUrl: string, now: Date): string {
  return calendar(
    [
      event(`rdv-${a.id}`, a.starts_at, a.ends_at, `Rendez-vous : ${a.motif_name}`, placeLine(a), now, [
        `DESCRIPTION:${escapeText(`Pour annuler ou déplacer : ${manageUrl}`)}`,
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeText(`Rendez-vous : ${a.motif_name}`)}`,
        'TRIGGER:-P1D',
        'END:VALARM',
      ]),
    ],
    'Rendez-vous',
  );
}

/** An agent's appointments as a calendar feed: motif and place only, never the resident's name. */
export function agentCalendar(appointments: AppointmentRow[], now: Date): string {
  return calendar(
    appointments.map((a) =>
      event(
        `rdv-${a.id}`,
        a.starts_at,
        a.ends_at,
        `${a.status === 'booked' ? 'RDV' : 'RDV annulé'} : ${a.motif_name}`,
        placeLine(a),
        now,
        a.status === 'booked' ? [] : ['STATUS:CANCELLED'],
      ),
    ),
    'Mes rendez-vous',
  );
}

/** A bus stop's coming passages as a calendar. */
export function passagesCalendar(
  passages: { id: string; startsAt: Date; endsAt: Date; summary: string; location: string }[],
  name: string,
  now: Date,
): string {
  return calendar(
    passages.map((p) => event(p.id, p.startsAt, p.endsAt, p.summary, p.location, now)),
    name,
  );
}
