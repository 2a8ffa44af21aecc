// CSV export of an organisation's cases for its manager: dates, statuses, organisations and usefulness only,
// never a name, a number, a question or a message.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { withPersonalData } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { canExport } from './access.ts';
import { caseReference, organisationCaseRows } from './store.ts';

const columns = [
  'reference',
  'statut',
  'moment_de_vie',
  'organisme_aidant',
  'ouvert_le',
  'invite_le',
  'pris_en_charge_le',
  'premiere_reponse_le',
  'part_terminee_le',
  'clos_le',
  'utilite',
  'reouvertures',
];

function cell(value: string | number | null): string {
  if (value == null) return '';
  const text = String(value);
  // Quote every field that needs it, and defuse spreadsheet formulas (a cell starting with = + - @).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

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
        lines.push(
          [
            caseReference(r.id),
            r.status,
            r.life_event,
            r.helper_name,
            iso(r.created_at),
            iso(r.invited_at),
            iso(r.taken_at),
            iso(r.first_answer_at),
            iso(r.done_at),
            iso(r.closed_at),
            r.usefulness,
            r.reopened_count,
          ]
            .map(cell)
            .join(';'),
        );
      }
      return lines.join('\r\n') + '\r\n';
    },
  );
}
