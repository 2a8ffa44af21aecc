// The manager's view of their organisation's cases, per organisation and per site: the delays of the first
// answer and of the closing (median and 90th percentile, by month), the usefulness of the answers, and the
// cases waiting longest. "Procédure standard" cases are left out of the figures.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { withPersonalData } from '../../platform/audit.ts';
import { addMonths } from '../../platform/dates.ts';
import { canExport } from './access.ts';
import {
  longestWaiting,
  monthlyDelays,
  organisationName,
  organisationSites,
  usefulnessCounts,
  type MonthDelays,
  type WaitingCase,
} from './store.ts';
import type { Usefulness } from './tables.ts';

/** Everything the dashboard shows. */
export interface Dashboard {
  organisation: string;
  sites: { id: string; name: string }[];
  site: { id: string; name: string } | null;
  since: Date;
  /** The cases the organisation was invited on (none for a site: sites open cases, they are not invited). */
  invited: { months: MonthDelays[]; waiting: WaitingCase[] } | null;
  /** The cases the organisation (or the site) opened. */
  opened: { months: MonthDelays[]; waiting: WaitingCase[] };
  usefulness: Record<Usefulness, number>;
}

/** The manager's dashboard over the last twelve months; `siteId` narrows it to one site of the organisation. */
export async function managerDashboard(
  db: Db,
  actor: Actor,
  siteId: string | undefined,
  now: Date,
  requestId?: string,
): Promise<{ dashboard: Dashboard; errors: FieldError[] }> {
  if (!canExport(actor))
    throw new AppError(
      'forbidden',
      'Seuls les responsables d’organisme voient le tableau de bord des saisines.',
    );
  const organisationId = actor.organisationId!;
  const sites = await organisationSites(db, organisationId);
  const site = siteId ? sites.find((s) => s.id === siteId) : undefined;
  // An unknown site shows the whole organisation, with the message next to the field.
  const errors: FieldError[] =
    siteId && !site
      ? [
          {
            field: 'site',
            message: 'Ce site n’est pas un site de votre organisme : choisissez-en un dans la liste.',
          },
        ]
      : [];
  const since = new Date(`${addMonths(now.toISOString().slice(0, 7) + '-01', -11)}T00:00:00Z`);
  const scope = { organisationId, siteId: site?.id ?? null };
  const dashboard = await withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'case-list',
      subjectId: null,
      reason: 'tableau de bord des saisines',
      requestId,
    },
    async (trx) => ({
      organisation: await organisationName(trx, organisationId),
      sites,
      site: site ?? null,
      since,
      invited: site
        ? null
        : {
            months: await monthlyDelays(trx, scope, 'invited', since),
            waiting: await longestWaiting(trx, scope, 'invited'),
          },
      opened: {
        months: await monthlyDelays(trx, scope, 'opened', since),
        waiting: await longestWaiting(trx, scope, 'opened'),
      },
      usefulness: await usefulnessCounts(trx, scope, since),
    }),
  );
  return { dashboard, errors };
}
