// The plan as a PDF (pdfkit, standard Helvetica font: no font file to ship). Same content as the page: rights with
// amounts and their explanation, procedures in order with dates, place, papers and links.
import PDFDocument from 'pdfkit';
import { frenchDate } from '../../platform/dates.ts';
import { organisationLabels, type Plan } from './plan.ts';
import { amountText, eligibleAmountText } from './format.ts';

// The standard PDF fonts use WinAnsi: the narrow spaces of French number formatting are not in it.
function clean(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/** Renders the plan as PDF bytes. */
export function planPdf(plan: Plan, generatedOn: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Mon plan — ${plan.lifeEvent.title}`, Author: 'Sans Couture' },
    lang: 'fr-FR',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(clean(value), options);

  doc.font('Helvetica-Bold').fontSize(18);
  text(`Mon plan : ${plan.lifeEvent.title}`);
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  text(
    `Date de l’événement : ${frenchDate(plan.eventDate)}${plan.commune ? ` — commune : ${plan.commune.name}` : ''}. Plan établi le ${frenchDate(generatedOn)}.`,
  );
  text(
    `Ce plan rassemble ${plan.gathers.procedures} démarches auprès de ${plan.gathers.organisations} organismes, dans ${plan.gathers.counters} lieux d’accueil.`,
  );

  doc.moveDown().font('Helvetica-Bold').fontSize(14);
  text('Vos droits (estimation)');
  doc.fontSize(10);
  if (plan.hireCost) {
    doc.font('Helvetica-Bold');
    text(`Coût mensuel de l’embauche : ${amountText(plan.hireCost.totalCost, 'monthly')}`);
    doc.font('Helvetica');
    text(
      `Salaire brut ${amountText(plan.hireCost.grossMonthlySalary, 'monthly')}, cotisations patronales ${amountText(plan.hireCost.employerContributions, 'monthly')}, salaire net ${amountText(plan.hireCost.netSalary, 'monthly')}.`,
    );
  }
  for (const b of plan.benefits) {
    doc.moveDown(0.4).font('Helvetica-Bold');
    text(
      `${b.label} : ${b.eligible === null ? 'à préciser' : b.eligible ? eligibleAmountText(b) : 'pas de droit estimé'}`,
    );
    doc.font('Helvetica');
    text(b.explanation, { indent: 10 });
  }
  if (plan.benefits.length === 0 && !plan.hireCost) text('Aucune aide à estimer pour ce moment de vie.');

  doc.moveDown().font('Helvetica-Bold').fontSize(14);
  text('Vos démarches, dans l’ordre');
  doc.fontSize(10);
  plan.procedures.forEach((p, i) => {
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12);
    text(`${i + 1}. ${p.title}`);
    doc.fontSize(10).font('Helvetica');
    text(`Organisme : ${organisationLabels[p.organisation]}`);
    if (p.deadline) text(`À faire avant le ${frenchDate(p.deadline)} (${p.deadlineText ?? ''})`);
    else if (p.deadlineText) text(`Quand : ${p.deadlineText}`);
    for (const step of p.steps) text(`• ${step}`, { indent: 10 });
    if (p.documents.length > 0) {
      text('À apporter :');
      for (const d of p.documents) text(`– ${d}`, { indent: 10 });
    }
    if (p.place) {
      text(
        `Où : ${p.place.name}${p.place.address ? `, ${p.place.address}` : ''}${p.place.phone ? ` — ${p.place.phone}` : ''}`,
      );
      if (p.place.week.length > 0) text(`Horaires : ${p.place.week.join(' ; ')}`, { indent: 10 });
    } else if (p.placeHint) text(`Où : ${p.placeHint}`);
    if (p.online) text(`En ligne : ${p.online.url}`);
    text(`Fiche officielle : ${p.sources[0]?.url ?? ''}`);
  });
  doc.moveDown().fontSize(8);
  text(
    `Contenu relu le ${frenchDate(plan.lifeEvent.lastReview)}. Les montants sont des estimations : seul l’organisme qui verse l’aide décide.`,
  );
  doc.end();
  return done;
}
