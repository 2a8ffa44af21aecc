// The inbox: the cases of the agent, or of their organisation, without personal data.
import { Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { InboxRow, InboxScope } from '../store.ts';
import { lifeEventLabels, statusBadges, statusLabels } from '../labels.ts';
import { formatDateTime } from './form.tsx';

export interface InboxPageProps {
  ctx: ViewContext;
  rows: InboxRow[];
  scope: InboxScope;
  page: number;
  canOpen: boolean;
  canExport: boolean;
}

/** The inbox page. */
export function InboxPage({ ctx, rows, scope, page, canOpen, canExport }: InboxPageProps) {
  const tabs: { scope: InboxScope; label: string }[] =
    scope === 'all'
      ? [{ scope: 'all', label: 'Toutes les saisines (métadonnées)' }]
      : [
          { scope: 'mine', label: 'Mes dossiers' },
          { scope: 'organisation', label: 'Mon organisme' },
        ];
  return (
    <Layout ctx={ctx} title="Saisines" breadcrumb={[]}>
      <h1>Saisines</h1>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-3w">
        {canOpen && (
          <li>
            <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/dossiers/nouveau">
              Ouvrir une saisine
            </a>
          </li>
        )}
        {canExport && (
          <li>
            <a
              class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
              href="/dossiers/export.csv"
            >
              Exporter en CSV (sans données personnelles)
            </a>
          </li>
        )}
        <li>
          <a class="fr-btn fr-btn--tertiary" href="/parametres/courriels">
            Mes courriels
          </a>
        </li>
      </ul>
      <nav class="fr-mb-2w" aria-label="Boîtes de réception">
        <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          {tabs.map((t) => (
            <li>
              <a
                class={`fr-btn fr-btn--sm${t.scope === scope ? '' : ' fr-btn--secondary'}`}
                href={`/dossiers?boite=${t.scope === 'mine' ? 'moi' : t.scope === 'organisation' ? 'organisme' : 'tout'}`}
                aria-current={t.scope === scope ? 'page' : undefined}
              >
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p>Aucune saisine pour le moment.</p>
      ) : (
        <div class="fr-table fr-table--no-caption">
          <table>
            <caption>Saisines, de la plus récemment modifiée à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Dossier</th>
                <th scope="col">Moment de vie</th>
                <th scope="col">Ouvert par</th>
                <th scope="col">État</th>
                <th scope="col">Dernière activité</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-case={r.id}>
                  <td>
                    <a href={`/dossiers/${r.id}`}>
                      {r.unread ? <strong>{r.reference} (nouveau message)</strong> : r.reference}
                    </a>
                  </td>
                  <td>{lifeEventLabels[r.lifeEvent] ?? r.lifeEvent}</td>
                  <td>{r.helperOrganisation}</td>
                  <td>
                    <p class={`fr-badge fr-badge--sm ${statusBadges[r.status]}`}>{statusLabels[r.status]}</p>
                  </td>
                  <td>{formatDateTime(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav role="navigation" class="fr-pagination" aria-label="Pagination">
        <ul class="fr-pagination__list">
          {page > 1 && (
            <li>
              <a
                class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
                href={`/dossiers?boite=${scope === 'mine' ? 'moi' : scope === 'organisation' ? 'organisme' : 'tout'}&page=${page - 1}`}
              >
                Page précédente
              </a>
            </li>
          )}
          <li>
            <a class="fr-pagination__link" aria-current="page" title={`Page ${page}`}>
              {page}
            </a>
          </li>
          {rows.length === 50 && (
            <li>
              <a
                class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                href={`/dossiers?boite=${scope === 'mine' ? 'moi' : scope === 'organisation' ? 'organisme' : 'tout'}&page=${page + 1}`}
              >
                Page suivante
              </a>
            </li>
          )}
        </ul>
      </nav>
    </Layout>
  );
}
