// The inbox: the agent's cases by scope (mine, my site, my organisation) and state, a search on the resident's
// name, the subject and the reference, a counter per state, and one card per case (resident, subject, state,
// urgent, overdue) that reads on a 360 px phone as on a desk.
import { Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { inboxCountCap, inboxStates, type InboxRow, type InboxScope, type InboxState } from '../store.ts';
import { maxSearchLength, scopeParams, stateParams, type InboxRequest } from '../inbox.ts';
import { lifeEventLabels, statusBadges, statusLabels } from '../labels.ts';
import { errorOf, formatDateTime } from '../../../platform/views/form.tsx';

export interface InboxPageProps {
  ctx: ViewContext;
  request: InboxRequest;
  scopes: InboxScope[];
  rows: InboxRow[];
  counts: Record<InboxState, number> | null;
  /** The words are common: no counters, a hint to narrow the search. */
  broad: boolean;
  /** The encoded cursors of the newer and older pages, null at either end. */
  previous: string | null;
  next: string | null;
  errors: FieldError[];
  siteName: string | null;
  canOpen: boolean;
  canManage: boolean;
}

const scopeLabels: Record<InboxScope, string> = {
  organisation: 'Mon organisme',
  site: 'Mon site',
  mine: 'Mes dossiers',
  all: 'Toutes les saisines (métadonnées)',
};

const stateLabels: Record<InboxState, string> = {
  all: 'Toutes',
  new: 'Nouvelles',
  'to-answer': 'À traiter',
  overdue: 'En retard',
  answered: 'Répondues',
  closed: 'Closes',
};

/** The URL of an inbox view (its first page, or the page of an encoded cursor). */
export function inboxUrl(p: {
  scope: InboxScope;
  state: InboxState;
  search: string;
  cursor?: string;
}): string {
  const query = new URLSearchParams({ boite: scopeParams[p.scope], etat: stateParams[p.state] });
  if (p.search) query.set('q', p.search);
  if (p.cursor) query.set('curseur', p.cursor);
  return `/dossiers?${query.toString()}`;
}

function count(n: number): string {
  return n >= inboxCountCap ? `${(inboxCountCap - 1).toLocaleString('fr-FR')} et plus` : String(n);
}

function CaseCard({ row, admin }: { row: InboxRow; admin: boolean }) {
  const title = admin
    ? `Dossier ${row.reference}`
    : `${row.resident ?? (row.erased ? 'Données effacées' : 'Usager')} — dossier ${row.reference}`;
  return (
    <li class="fr-mb-2w" data-case={row.id}>
      <div class="fr-card fr-card--sm fr-card--no-arrow">
        <div class="fr-card__body">
          <div class="fr-card__content">
            <h2 class="fr-card__title fr-h6">
              <a href={`/dossiers/${row.id}`}>
                {row.unread ? <strong>{title} (nouveau message)</strong> : title}
              </a>
            </h2>
            <p class="fr-card__desc">
              {row.subject ?? lifeEventLabels[row.lifeEvent] ?? row.lifeEvent}
              {row.subject ? ` — ${lifeEventLabels[row.lifeEvent] ?? row.lifeEvent}` : ''}
            </p>
            <div class="fr-card__start">
              <ul class="fr-badges-group">
                <li>
                  <p class={`fr-badge fr-badge--sm ${statusBadges[row.status]}`}>
                    {statusLabels[row.status]}
                  </p>
                </li>
                {row.urgent && (
                  <li>
                    <p class="fr-badge fr-badge--sm fr-badge--error">Urgent</p>
                  </li>
                )}
                {row.overdue && (
                  <li>
                    <p class="fr-badge fr-badge--sm fr-badge--warning">En retard</p>
                  </li>
                )}
                {row.toAnswer && !row.overdue && (
                  <li>
                    <p class="fr-badge fr-badge--sm fr-badge--info">À traiter</p>
                  </li>
                )}
                {row.consentPending && (
                  <li>
                    <p class="fr-badge fr-badge--sm fr-badge--warning">Accord de l’usager attendu</p>
                  </li>
                )}
              </ul>
            </div>
            <div class="fr-card__end">
              <p class="fr-card__detail">
                Ouvert par {row.helperOrganisation}
                {row.helperSite ? ` (${row.helperSite})` : ''} · dernière activité{' '}
                {formatDateTime(row.updatedAt)}
              </p>
            </div>
          </div>
        </div>
      </div>
    </li>
  );
}

/** The inbox page. */
export function InboxPage(p: InboxPageProps) {
  const { ctx, request } = p;
  const admin = request.scope === 'all';
  const searchError = errorOf(p.errors, 'q');
  const otherErrors = p.errors.filter((e) => e.field !== 'q');
  return (
    <Layout ctx={ctx} title="Saisines" breadcrumb={[]}>
      <h1>Saisines</h1>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-3w">
        {p.canOpen && (
          <li>
            <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/dossiers/nouveau">
              Ouvrir une saisine
            </a>
          </li>
        )}
        {p.canManage && (
          <>
            <li>
              <a
                class="fr-btn fr-btn--secondary fr-icon-line-chart-line fr-btn--icon-left"
                href="/dossiers/tableau-de-bord"
              >
                Tableau de bord des délais
              </a>
            </li>
            <li>
              <a
                class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
                href="/dossiers/export.csv"
              >
                Exporter en CSV (sans données personnelles)
              </a>
            </li>
            <li>
              <a
                class="fr-btn fr-btn--tertiary fr-icon-settings-5-line fr-btn--icon-left"
                href="/dossiers/organisme"
              >
                Réglages de l’organisme
              </a>
            </li>
          </>
        )}
        {!admin && (
          <li>
            <a
              class="fr-btn fr-btn--tertiary fr-icon-mail-line fr-btn--icon-left"
              href="/parametres/courriels"
            >
              Mes courriels
            </a>
          </li>
        )}
      </ul>
      {otherErrors.length > 0 && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h2 class="fr-alert__title">
            {otherErrors.some((e) => e.field === 'curseur') ? 'Lien de page non valide' : 'Filtre inconnu'}
          </h2>
          {otherErrors.map((e) => (
            <p>{e.message}</p>
          ))}
        </div>
      )}
      {p.scopes.length > 1 && (
        <nav class="fr-mb-2w" aria-label="Boîtes de réception">
          <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
            {p.scopes.map((scope) => (
              <li>
                <a
                  class={`fr-btn fr-btn--sm${scope === request.scope ? '' : ' fr-btn--secondary'}`}
                  href={inboxUrl({ scope, state: request.state, search: request.search })}
                  aria-current={scope === request.scope ? 'page' : undefined}
                >
                  {scope === 'site' && p.siteName ? `Mon site : ${p.siteName}` : scopeLabels[scope]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {!admin && (
        <form method="get" action="/dossiers" class="fr-mb-3w" role="search">
          <input type="hidden" name="boite" value={scopeParams[request.scope]} />
          <input type="hidden" name="etat" value={stateParams[request.state]} />
          <div class={`fr-input-group${searchError ? ' fr-input-group--error' : ''}`}>
            <label class="fr-label" for="q">
              Rechercher un usager, un objet ou une référence
              <span class="fr-hint-text" id="q-hint">
                Nom, prénom, objet ou début de référence ; {maxSearchLength} caractères au plus.
              </span>
            </label>
            <div class="fr-input-wrap fr-input-wrap--addon">
              <input
                class={`fr-input${searchError ? ' fr-input--error' : ''}`}
                type="search"
                id="q"
                name="q"
                value={request.search}
                aria-describedby={searchError ? 'q-hint q-error' : 'q-hint'}
                autocomplete="off"
              />
              <button class="fr-btn" type="submit">
                Rechercher
              </button>
            </div>
            {searchError && (
              <p class="fr-error-text" id="q-error">
                {searchError}
              </p>
            )}
          </div>
        </form>
      )}
      {p.broad && (
        <p class="fr-text--sm" id="recherche-large">
          Ces mots se trouvent dans un grand nombre de saisines : les voici, des plus récentes aux plus
          anciennes, sans compteurs. Précisez (nom et prénom, référence) pour les compter.
        </p>
      )}
      {(p.counts || p.broad || admin) && (
        <nav class="fr-mb-3w" aria-label="Filtrer par état">
          <ul class="fr-tags-group">
            {inboxStates.map((state) => (
              <li>
                <a
                  class="fr-tag"
                  href={inboxUrl({ scope: request.scope, state, search: request.search })}
                  aria-current={state === request.state ? 'page' : undefined}
                  data-state={stateParams[state]}
                >
                  {stateLabels[state]}
                  {p.counts ? ` (${count(p.counts[state])})` : ''}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {p.errors.length > 0 ? (
        // A wrong request lists nothing: saying "no case" would be untrue; the way back is.
        <p>
          <a href="/dossiers">Revenir à la boîte de réception</a>
        </p>
      ) : p.rows.length === 0 ? (
        <p>
          {request.search
            ? `Aucune saisine ne correspond à « ${request.search} » dans ce filtre.`
            : 'Aucune saisine dans ce filtre pour le moment.'}
        </p>
      ) : (
        <ul class="sc-list-reset" aria-label="Saisines, de la plus récemment modifiée à la plus ancienne">
          {p.rows.map((row) => (
            <CaseCard row={row} admin={admin} />
          ))}
        </ul>
      )}
      {(p.previous || p.next) && (
        // Pages follow the last activity (a cursor, not a page number): a case that moves while the agent reads
        // is neither listed twice nor skipped, and the 20th page costs what the first does. The links keep their
        // words on a phone (DSFR's "--label", not "--lg-label", which shows only an arrow below 992 px).
        <nav role="navigation" class="fr-pagination" aria-label="Pages de la boîte de réception">
          <ul class="fr-pagination__list">
            {p.previous && (
              <li>
                <a
                  class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--label"
                  href={inboxUrl({ ...request, cursor: p.previous })}
                  rel="prev"
                >
                  Précédent
                </a>
              </li>
            )}
            {p.next && (
              <li>
                <a
                  class="fr-pagination__link fr-pagination__link--next fr-pagination__link--label"
                  href={inboxUrl({ ...request, cursor: p.next })}
                  rel="next"
                >
                  Suivant
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Layout>
  );
}
