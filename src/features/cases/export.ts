// CSV export of an organisation's cases for its manager, in French: labels instead of codes, Paris times, and
// the delays computed in hours and in working days. Dates, statuses, organisations and usefulness only — never
// a name, a number, a question or a message.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { withPersonalData } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { canExport } from './access.ts';
import { caseReference, organisationCaseRows } from './store.ts';
import { lifeEventLabels, statusLabels } from './labels.ts';
import { workingDaysBetween } from './working-days.ts';
import type { CaseStatus, Usefulness } from './tables.ts';

const columns = [
  'Référence',
  'État',
  'Moment de vie',
  'Objet',
  'Organisme de l’aidant',
  'Site',
  'Ouvert le',
  'Invité le',
  'Pris en charge le',
  'Première réponse le',
  'Délai de première réponse (heures)',
  'Délai de première réponse (jours ouvrés)',
  'Part terminée le',
  'Clos le',
  'Délai de clôture (heures)',
  'Délai de clôture (jours ouvrés)',
  'Utilité',
  'Réouvertures',
  'Urgent',
  'Procédure standard',
];

const usefulness: Record<Usefulness, string> = { yes: 'Oui', partly: 'En partie', no: 'Non' };

function cell(value: string | number | null): string {
  if (value == null) return '';
  const text = String(value);
  // Quote every field that needs it, and defuse spreadsheet formulas (a cell starting with = + - @).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const parisTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "06/12/2026 14:05", Paris time (what a spreadsheet in France reads as a date). */
export function csvDateTime(d: Date | string | null): string | null {
  return d ? parisTime.format(new Date(d)).replace(',', '') : null;
}

/** Hours between two instants, one decimal, French decimal comma ("26,5"). */
export function hoursBetween(from: Date | string | null, to: Date | string | null): string | null {
  if (!from || !to) return null;
  const hours = (new Date(to).getTime() - new Date(from).getTime()) / 3_600_000;
  return (Math.round(hours * 10) / 10).toFixed(1).replace('.', ',');
}

function workingDays(from: Date | string | null, to: Date | string | null): number | null {
  return from && to ? workingDaysBetween(new Date(from), new Date(to)) : null;
}

/** The CSV of every case the manager's organisation took part in or opened. */
export async function exportOrganisationCases(db: Db, actor: Actor, requestId?: string): Promise<string> {
  if (!canExport(actor))
    throw new AppError('forbidden', 'Seuls les responsables d’organisme exportent les saisines.');
  const orgId = actor.organisationId!;
  return withPersonalData(
    db,
    {
      actor,
      action: 'export',
      subjectType: 'case',
      subjectId: null,
      reason: 'export CSV sans données personnelles',
      requestId,
    },
    async (trx) => {
      const rows = await organisationCaseRows(trx, orgId);
      const lines = [columns.join(';')];
      for (const r of rows) {
        // The delays run from the organisation's invitation, or, for the cases it opened, from the opening.
        const start = r.invited_at ?? r.created_at;
        const firstAnswer = r.first_answer_at ?? r.any_first_answer_at;
        lines.push(
          [
            caseReference(r.id),
            statusLabels[r.status as CaseStatus],
            lifeEventLabels[r.life_event] ?? r.life_event,
            r.subject,
            r.helper_name,
            r.site_name,
            csvDateTime(r.created_at),
            csvDateTime(r.invited_at),
            csvDateTime(r.taken_at),
            csvDateTime(firstAnswer),
            hoursBetween(start, firstAnswer),
            workingDays(start, firstAnswer),
            csvDateTime(r.done_at),
            csvDateTime(r.closed_at),
            hoursBetween(start, r.closed_at),
            workingDays(start, r.closed_at),
            r.usefulness ? usefulness[r.usefulness] : null,
            r.reopened_count,
            r.urgent ? 'oui' : 'non',
            r.standard_procedure ? 'oui' : 'non',
          ]
            .map(cell)
            .join(';'),
        );
      }
      return lines.join('\r\n') + '\r\n';
    },
  );
}
