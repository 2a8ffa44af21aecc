// The texts of the reminders: the first message sent when the resident opts in (it lists the reminders to come),
// then one a week and one a day before each dated deadline. Each carries the plan's private link and the link
// that stops them. E-mails in full sentences; SMS short, with the two links.
import { frenchDate, parseDate } from '../../../platform/dates.ts';

/** The two links every message carries, and how long the private link works. */
export interface ReminderLinks {
  plan: string;
  stop: string;
  /** YYYY-MM-DD, the last day the private link works. */
  planUntil: string;
}

/** A procedure reminded, as it was planned when the resident opted in. */
export interface RemindedProcedure {
  title: string;
  organisation: string | null;
  /** YYYY-MM-DD. */
  deadline: string;
  legal: boolean;
  place: string | null;
}

/**
 * "Date limite : lundi 8 mars 2027" for a legal deadline, "Conseillé avant le lundi 8 mars 2027" for advice; with
 * `today`, a date already past says so, as the plan page does ("Date passée (…) : vérifiez que c’est fait").
 */
export function deadlinePhrase(deadline: string, legal: boolean, today?: string): string {
  if (today && deadline < today) return `Date passée (${frenchDate(deadline)}) : vérifiez que c’est fait`;
  return legal ? `Date limite : ${frenchDate(deadline)}` : `Conseillé avant le ${frenchDate(deadline)}`;
}

/** The same inside a sentence: "date limite le lundi 8 mars 2027", "conseillé avant le lundi 8 mars 2027". */
function deadlineInSentence(deadline: string, legal: boolean): string {
  return `${legal ? 'date limite le' : 'conseillé avant le'} ${frenchDate(deadline)}`;
}

/** "aujourd’hui", "demain", "dans 7 jours": how far the deadline is from the day the message leaves. */
export function daysLeftPhrase(today: string, deadline: string): string {
  const days = Math.round((parseDate(deadline)!.getTime() - parseDate(today)!.getTime()) / 86_400_000);
  if (days <= 0) return 'aujourd’hui';
  if (days === 1) return 'demain';
  return `dans ${days} jours`;
}

function footer(links: ReminderLinks): string[] {
  return [
    `Votre plan et vos réponses (lien privé, valable jusqu’au ${frenchDate(links.planUntil)}) :`,
    links.plan,
    '',
    'Ne plus recevoir ces rappels (un clic suffit) :',
    links.stop,
    '',
    'Vous recevez ce message parce que vous avez demandé des rappels en enregistrant votre plan sur Sans Couture.',
    'Ces dates sont calculées d’après vos réponses : en cas de doute, l’organisme concerné fait foi.',
  ];
}

/** The e-mail sent a week or a day before a deadline. */
export function reminderMail(
  eventTitle: string,
  procedure: RemindedProcedure,
  today: string,
  links: ReminderLinks,
): { subject: string; text: string } {
  const when = daysLeftPhrase(today, procedure.deadline);
  const lines = [
    'Bonjour,',
    '',
    `Rappel de votre plan « ${eventTitle} » : la date de cette démarche est ${when}.`,
    '',
    `${procedure.title}${procedure.organisation ? ` (${procedure.organisation})` : ''}`,
    `${deadlinePhrase(procedure.deadline, procedure.legal)}.`,
    ...(procedure.place ? [`Où : ${procedure.place}`] : []),
    '',
    ...footer(links),
  ];
  return {
    subject: `Rappel : ${procedure.title} — ${deadlineInSentence(procedure.deadline, procedure.legal)}`,
    text: lines.join('\n'),
  };
}

/** The e-mail sent at once when the resident opts in: what will come, and when. */
export function welcomeMail(
  eventTitle: string,
  upcoming: { procedure: RemindedProcedure; sendOn: string }[],
  links: ReminderLinks,
): { subject: string; text: string } {
  const byProcedure = new Map<string, { procedure: RemindedProcedure; days: string[] }>();
  for (const u of upcoming) {
    const key = `${u.procedure.title}|${u.procedure.deadline}`;
    const entry = byProcedure.get(key) ?? { procedure: u.procedure, days: [] };
    entry.days.push(frenchDate(u.sendOn));
    byProcedure.set(key, entry);
  }
  const lines = [
    'Bonjour,',
    '',
    `Vos rappels sont activés pour votre plan « ${eventTitle} ».`,
    'Vous recevrez un message une semaine puis la veille de chaque date de votre plan :',
    '',
    ...[...byProcedure.values()].flatMap(({ procedure, days }) => [
      `- ${procedure.title} : ${deadlineInSentence(procedure.deadline, procedure.legal)} (rappel le ${days.join(' et le ')})`,
    ]),
    '',
    ...footer(links),
  ];
  return { subject: `Rappels activés : ${eventTitle}`, text: lines.join('\n') };
}

/** The SMS sent a week or a day before a deadline. */
export function reminderSms(procedure: RemindedProcedure, today: string, links: ReminderLinks): string {
  return [
    `Sans Couture, rappel : ${procedure.title}. ${deadlinePhrase(procedure.deadline, procedure.legal)} (${daysLeftPhrase(today, procedure.deadline)}).`,
    `Votre plan : ${links.plan}`,
    `Arrêter les rappels : ${links.stop}`,
  ].join('\n');
}

/** The SMS sent at once when the resident opts in. */
export function welcomeSms(eventTitle: string, count: number, links: ReminderLinks): string {
  return [
    `Sans Couture : rappels activés pour votre plan « ${eventTitle} » (${count} ${count > 1 ? 'messages prévus' : 'message prévu'}, une semaine puis la veille de chaque date).`,
    `Votre plan : ${links.plan}`,
    `Arrêter les rappels : ${links.stop}`,
  ].join('\n');
}
