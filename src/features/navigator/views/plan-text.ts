// The plan as plain text, for the e-mail: the rights, then the procedures in order with date, papers, place with
// its phone and opening hours, and official fiche; and a link back to the plan.
import { frenchDate } from '../../../platform/dates.ts';
import { amountText, eligibleAmountText } from '../format.ts';
import { organisationLabels, type Plan } from '../plan.ts';
import { deadlinePhrase } from './reminder-text.ts';

/** The plan as plain text, for the e-mail, written on `today`; `link` leads back to it (the private link when saved). */
export function planText(plan: Plan, today: string, link?: string): string {
  const lines: string[] = [
    `Votre plan : ${plan.lifeEvent.title}`,
    `Date de l’événement : ${frenchDate(plan.eventDate)}`,
    ...(link ? [`Retrouver ce plan en ligne : ${link}`] : []),
    '',
  ];
  lines.push('VOS DROITS (estimation)');
  if (plan.hireCost)
    lines.push(`- Coût mensuel de l’embauche : ${amountText(plan.hireCost.totalCost, 'monthly')}`);
  for (const b of plan.benefits)
    lines.push(
      `- ${b.label} : ${b.eligible === null ? 'à préciser' : b.eligible ? eligibleAmountText(b) : 'pas de droit estimé'}`,
    );
  lines.push('', 'VOS DÉMARCHES, DANS L’ORDRE');
  plan.procedures.forEach((p, i) => {
    lines.push('', `${i + 1}. ${p.title} (${organisationLabels[p.organisation]})`);
    if (p.deadline)
      lines.push(
        `   ${deadlinePhrase(p.deadline, p.deadlineLegal, today)}${p.deadlineText ? ` (${p.deadlineText})` : ''}`,
      );
    else if (p.deadlineText) lines.push(`   Quand : ${p.deadlineText}`);
    if (p.documents.length > 0) lines.push(`   À apporter : ${p.documents.join(' ; ')}`);
    if (p.place) {
      lines.push(`   Où : ${p.place.name}${p.place.address ? `, ${p.place.address}` : ''}`);
      if (p.place.phone) lines.push(`   Téléphone : ${p.place.phone}`);
      // Opening hours one day a line: a phone's mail reader wraps a long line badly.
      if (p.place.week.length > 0) lines.push('   Horaires :', ...p.place.week.map((day) => `     ${day}`));
      else lines.push('   Horaires : non renseignés (appelez avant de vous déplacer)');
    } else if (p.placeHint) lines.push(`   Où : ${p.placeHint}`);
    if (p.online) lines.push(`   En ligne : ${p.online.url}`);
    lines.push(`   Fiche officielle : ${p.sources[0]?.url ?? ''}`);
  });
  lines.push('', 'Les montants sont des estimations : seul l’organisme qui verse l’aide décide.');
  return lines.join('\n').replace(/[\u202f]/g, ' ');
}
