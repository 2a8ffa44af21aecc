// The plan as an accessible PDF (pdfkit, standard Helvetica font: no font file to ship). Same content as the page:
// rights with amounts and their explanation, procedures in order with dates, place, hours, papers and links.
// Tagged PDF (ISO 32000 §14.8): a structure tree with headings, paragraphs, lists and the link back to the plan
// (its annotation tied to a Link element), the document's language (fr-FR) and title shown by readers, page
// numbers ("Page 2 sur 3") marked as pagination artifacts so that screen readers skip them.
import PDFDocument from 'pdfkit';
import { frenchDate } from '../../platform/dates.ts';
import { organisationLabels, type Plan } from './plan.ts';
import { amountText, eligibleAmountText } from './format.ts';
import { deadlinePhrase } from './views/reminder-text.ts';

// The standard PDF fonts use WinAnsi: the narrow spaces of French number formatting are not in it.
function clean(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

type Struct = PDFKit.PDFStructureElement;
type AnnotationOptions = PDFKit.Mixins.AnnotationOption;

/** Renders the plan as PDF bytes; `linkBack` is where the plan lives online (its private link when saved). */
export function planPdf(plan: Plan, generatedOn: string, linkBack: string): Promise<Buffer> {
  const title = `Mon plan : ${plan.lifeEvent.title}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    // Pages stay in memory until the end, so that each can say "Page 2 sur 3".
    bufferPages: true,
    tagged: true,
    pdfVersion: '1.7',
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: title, Author: 'Sans Couture', Subject: 'Plan personnalisé : droits et démarches' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(clean(value), options);
  const root = doc.struct('Document');
  doc.addStructure(root);

  /** One block of the structure tree (H1, H2, H3, P), drawn in the font it needs. */
  const block = (
    parent: Struct,
    tag: 'H1' | 'H2' | 'H3' | 'P',
    value: string,
    style: { bold?: boolean; size?: number; indent?: number } = {},
  ) => {
    parent.add(
      doc.struct(tag, {}, () => {
        doc.font(style.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(style.size ?? 10);
        text(value, style.indent ? { indent: style.indent } : {});
      }),
    );
  };
  /** A list (L > LI > LBody), one item a line with its bullet. */
  const list = (parent: Struct, items: string[], bullet = '•') => {
    const l = doc.struct('L');
    parent.add(l);
    for (const item of items)
      l.add(
        doc.struct('LI', {}, [
          doc.struct('LBody', {}, () => {
            doc.font('Helvetica').fontSize(10);
            text(`${bullet} ${item}`, { indent: 10 });
          }),
        ]),
      );
    l.end();
  };
  /** A section (Sect) of the document. */
  const section = (parent: Struct) => {
    const sect = doc.struct('Sect');
    parent.add(sect);
    return sect;
  };

  block(root, 'H1', title, { bold: true, size: 18 });
  doc.moveDown(0.3);
  block(
    root,
    'P',
    `Date de l’événement : ${frenchDate(plan.eventDate)}${plan.commune ? ` — commune : ${plan.commune.name}` : ''}. Plan établi le ${frenchDate(generatedOn)}.`,
  );
  block(
    root,
    'P',
    `Ce plan rassemble ${plan.gathers.procedures} démarches auprès de ${plan.gathers.organisations} organismes, dans ${plan.gathers.counters} lieux d’accueil.`,
  );
  block(root, 'P', 'Retrouver ce plan en ligne :');
  const linkLabel = 'Retrouver ce plan en ligne';
  const link: Struct = doc.struct('Link', { alt: linkLabel }, () => {
    doc.font('Helvetica').fontSize(10).fillColor('#000091');
    const top = doc.y;
    text(linkBack, { underline: true });
    // The annotation is drawn by hand to give it its description (Contents, PDF/UA 7.18.5) and tie it to the
    // Link element; a pdf string must be a String object (a plain string would be written as a name).
    const annotation = { Contents: new String(linkLabel), structParent: link };
    doc.link(
      50,
      top,
      doc.page.width - 100,
      doc.y - top,
      linkBack,
      annotation as unknown as AnnotationOptions,
    );
    doc.fillColor('black');
  });
  root.add(doc.struct('P', {}, [link]));

  const rights = section(root);
  doc.moveDown();
  block(rights, 'H2', 'Vos droits (estimation)', { bold: true, size: 14 });
  if (plan.hireCost) {
    block(rights, 'H3', `Coût mensuel de l’embauche : ${amountText(plan.hireCost.totalCost, 'monthly')}`, {
      bold: true,
    });
    block(
      rights,
      'P',
      `Salaire brut ${amountText(plan.hireCost.grossMonthlySalary, 'monthly')}, cotisations patronales ${amountText(plan.hireCost.employerContributions, 'monthly')}, salaire net ${amountText(plan.hireCost.netSalary, 'monthly')}.`,
    );
  }
  for (const b of plan.benefits) {
    doc.moveDown(0.4);
    block(
      rights,
      'H3',
      `${b.label} : ${b.eligible === null ? 'à préciser' : b.eligible ? eligibleAmountText(b) : 'pas de droit estimé'}`,
      { bold: true },
    );
    for (const line of b.explanation.split('\n').filter(Boolean)) block(rights, 'P', line, { indent: 10 });
  }
  if (plan.benefits.length === 0 && !plan.hireCost)
    block(rights, 'P', 'Aucune aide à estimer pour ce moment de vie.');

  rights.end();

  const steps = section(root);
  doc.moveDown();
  block(steps, 'H2', 'Vos démarches, dans l’ordre', { bold: true, size: 14 });
  plan.procedures.forEach((p, i) => {
    const step = section(steps);
    doc.moveDown(0.6);
    block(step, 'H3', `${i + 1}. ${p.title}`, { bold: true, size: 12 });
    block(step, 'P', `Organisme : ${organisationLabels[p.organisation]}`);
    if (p.deadline)
      block(
        step,
        'P',
        `${deadlinePhrase(p.deadline, p.deadlineLegal, generatedOn)}${p.deadlineText ? ` (${p.deadlineText})` : ''}`,
      );
    else if (p.deadlineText) block(step, 'P', `Quand : ${p.deadlineText}`);
    list(step, p.steps);
    if (p.documents.length > 0) {
      block(step, 'P', 'À apporter :');
      list(step, p.documents, '–');
    }
    if (p.place) {
      block(
        step,
        'P',
        `Où : ${p.place.name}${p.place.address ? `, ${p.place.address}` : ''}${p.place.phone ? ` — ${p.place.phone}` : ''}`,
      );
      if (p.place.week.length > 0) {
        block(step, 'P', 'Horaires :');
        list(step, p.place.week, '–');
      }
    } else if (p.placeHint) block(step, 'P', `Où : ${p.placeHint}`);
    if (p.online) block(step, 'P', `En ligne : ${p.online.url}`);
    block(step, 'P', `Fiche officielle : ${p.sources[0]?.url ?? ''}`);
    step.end();
  });
  steps.end();
  doc.moveDown();
  block(
    root,
    'P',
    `Contenu relu le ${frenchDate(plan.lifeEvent.lastReview)}. Les montants sont des estimations : seul l’organisme qui verse l’aide décide.`,
    { size: 8 },
  );
  root.end();

  // Page numbers, once the number of pages is known: pagination artifacts, outside the structure tree.
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the bottom margin must not open a new page
    doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
    doc.font('Helvetica').fontSize(8);
    doc.text(`Page ${i + 1} sur ${pages.count}`, 50, doc.page.height - 30, {
      align: 'center',
      width: doc.page.width - 100,
      lineBreak: false,
    });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
