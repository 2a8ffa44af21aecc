// The deadlines of a plan as an iCalendar file (RFC 5545): one all-day event per dated procedure, CRLF line
// ends, text escaped, long lines folded at 75 octets. A legal deadline is "Date limite" and rings twice, at 9 h a
// week before and the day before (VALARM, RFC 5545 §3.6.6); a step that is only advised says "Conseillé avant
// le …" and does not ring.
import { createHash } from 'node:crypto';
import { addDays, frenchDate } from '../../platform/dates.ts';
import { escapeText, foldLine } from '../../platform/icalendar.ts';
import { organisationLabels, type Plan } from './plan.ts';

/**
 * Alarms of a legal deadline, relative to the start of its all-day event (midnight): 9 h seven days before is
 * 6 days and 15 hours earlier, 9 h the day before is 15 hours earlier.
 */
export const deadlineAlarms: readonly { trigger: string; when: string }[] = [
  { trigger: '-P6DT15H', when: 'Dans 7 jours' },
  { trigger: '-PT15H', when: 'Demain' },
];

function basicDate(date: string): string {
  return date.replace(/-/g, '');
}

/** The steps a calendar holds: those with a date still ahead on `today` (a past date would only clutter it). */
export function calendarSteps(plan: Plan, today: string): Plan['procedures'] {
  return plan.procedures.filter((p) => p.deadline !== null && p.deadline >= today);
}

/** The calendar of the plan's deadlines still ahead on `today`. `now` stamps the file (DTSTAMP). */
export function planCalendar(plan: Plan, today: string, now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  // Stable ids: importing the same plan twice updates the events instead of duplicating them.
  const planKey = createHash('sha256')
    .update(`${plan.lifeEvent.id}|${plan.eventDate}|${plan.commune?.inseeCode ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Sans Couture//Plan personnalise//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`Mes démarches — ${plan.lifeEvent.title}`)}`,
  ];
  for (const p of calendarSteps(plan, today)) {
    if (!p.deadline) continue;
    const description = [
      `${organisationLabels[p.organisation]}. ${p.deadlineText ?? ''}`.trim(),
      ...p.steps,
      p.documents.length > 0 ? `À apporter : ${p.documents.join(' ; ')}` : '',
      p.place ? `Où : ${p.place.name}${p.place.address ? `, ${p.place.address}` : ''}` : '',
      p.online ? `En ligne : ${p.online.url}` : '',
      `Fiche officielle : ${p.sources[0]?.url ?? ''}`,
    ].filter(Boolean);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${planKey}-${p.id}@sans-couture`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(p.deadline)}`,
      `DTEND;VALUE=DATE:${basicDate(addDays(p.deadline, 1))}`,
      `SUMMARY:${escapeText(p.deadlineLegal ? `Date limite : ${p.title}` : `Conseillé avant le ${frenchDate(p.deadline)} : ${p.title}`)}`,
      `DESCRIPTION:${escapeText(description.join('\n'))}`,
      ...(p.place?.address ? [`LOCATION:${escapeText(`${p.place.name}, ${p.place.address}`)}`] : []),
      'TRANSP:TRANSPARENT',
      ...(p.deadlineLegal
        ? deadlineAlarms.flatMap((alarm) => [
            'BEGIN:VALARM',
            'ACTION:DISPLAY',
            `TRIGGER:${alarm.trigger}`,
            `DESCRIPTION:${escapeText(`${alarm.when} : date limite pour « ${p.title} »`)}`,
            'END:VALARM',
          ])
        : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
