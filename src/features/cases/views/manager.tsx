// The manager's pages: the dashboard of delays (per organisation and per site) and the organisation's settings
// for cases (predefined subjects, shared mailbox). Figures come with their table: people may read or look.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import type { Dashboard } from '../manager.ts';
import type { OrganisationSettings } from '../organisation-settings.ts';
import type { MonthDelays, WaitingCase } from '../store.ts';
import { lifeEventLabels, usefulnessLabels } from '../labels.ts';
import { errorOf, formatDate, TextField } from '../../../platform/views/form.tsx';
import { todayInParis } from '../../../platform/dates.ts';

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** A delay in hours as people say it: "5 h", "2,5 jours". */
export function delayText(hours: number | null): string {
  if (hours == null) return '—';
  if (hours < 48) return `${Math.round(hours).toLocaleString('fr-FR')} h`;
  return `${(Math.round((hours / 24) * 10) / 10).toLocaleString('fr-FR')} jours`;
}

function DelaysTable({ id, caption, months }: { id: string; caption: string; months: MonthDelays[] }) {
  if (months.length === 0) return <p>Aucune saisine sur la période.</p>;
  return (
    <div class="fr-table fr-table--no-caption" id={id}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div class="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Mois</th>
                  <th scope="col">Saisines</th>
                  <th scope="col">Première réponse, médiane</th>
                  <th scope="col">Première réponse, 9 sur 10 avant</th>
                  <th scope="col">Clôture, médiane</th>
                  <th scope="col">Clôture, 9 sur 10 avant</th>
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr data-month={m.month}>
                    <th scope="row">{monthLabel(m.month)}</th>
                    <td>{m.cases}</td>
                    <td>{delayText(m.firstAnswerMedian)}</td>
                    <td>{delayText(m.firstAnswerP90)}</td>
                    <td>{delayText(m.closingMedian)}</td>
                    <td>{delayText(m.closingP90)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

function WaitingList({ cases, now }: { cases: WaitingCase[]; now: Date }) {
  if (cases.length === 0) return <p>Aucune saisine n’attend.</p>;
  return (
    <ol>
      {cases.map((c) => (
        <li data-waiting={c.id}>
          <a href={`/dossiers/${c.id}`}>Dossier {c.reference}</a> —{' '}
          {c.subject ?? lifeEventLabels[c.lifeEvent]}
          {c.urgent ? ' (urgent)' : ''} : attend depuis{' '}
          {delayText((now.getTime() - c.since.getTime()) / 3_600_000)}
        </li>
      ))}
    </ol>
  );
}

/** The dashboard of an organisation's (or a site's) cases. */
export function DashboardPage({
  ctx,
  dashboard,
  now,
  error,
}: {
  ctx: ViewContext;
  dashboard: Dashboard;
  now: Date;
  error?: string;
}) {
  const d = dashboard;
  const scopeName = d.site ? d.site.name : d.organisation;
  const useful = d.usefulness.yes + d.usefulness.partly + d.usefulness.no;
  return (
    <Layout
      ctx={ctx}
      title="Tableau de bord des saisines"
      breadcrumb={[{ href: '/dossiers', label: 'Saisines' }]}
    >
      <h1>Tableau de bord des saisines</h1>
      <p class="fr-text--lead">
        {scopeName}, depuis le {formatDate(todayInParis(d.since))} — hors procédures standard.
      </p>
      {d.sites.length > 0 && (
        <form method="get" action="/dossiers/tableau-de-bord" class="fr-mb-4w">
          <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
            <label class="fr-label" for="site">
              Site
            </label>
            <select
              class={`fr-select${error ? ' fr-select--error' : ''}`}
              id="site"
              name="site"
              aria-describedby={error ? 'site-error' : undefined}
            >
              <option value="">Tout l’organisme</option>
              {d.sites.map((s) => (
                <option value={s.id} selected={d.site?.id === s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {error && (
              <p class="fr-error-text" id="site-error">
                {error}
              </p>
            )}
          </div>
          <button class="fr-btn fr-btn--secondary" type="submit">
            Afficher
          </button>
        </form>
      )}
      {d.invited && (
        <section aria-labelledby="recues">
          <h2 id="recues">Saisines reçues par l’organisme</h2>
          <p>Délais comptés depuis l’invitation de l’organisme.</p>
          <DelaysTable
            id="delais-recues"
            caption="Délais des saisines reçues, par mois"
            months={d.invited.months}
          />
          <h3 class="fr-h5">Celles qui attendent le plus votre réponse</h3>
          <WaitingList cases={d.invited.waiting} now={now} />
        </section>
      )}
      <section aria-labelledby="ouvertes">
        <h2 id="ouvertes">Saisines ouvertes par {d.site ? 'le site' : 'l’organisme'}</h2>
        <p>Délais comptés depuis l’ouverture : première réponse d’un organisme invité, puis clôture.</p>
        <DelaysTable
          id="delais-ouvertes"
          caption="Délais des saisines ouvertes, par mois"
          months={d.opened.months}
        />
        <h3 class="fr-h5">Celles qui attendent le plus une réponse</h3>
        <WaitingList cases={d.opened.waiting} now={now} />
      </section>
      <section aria-labelledby="utilite">
        <h2 id="utilite">Utilité des réponses</h2>
        {useful === 0 ? (
          <p>Aucune saisine close avec un avis sur la période.</p>
        ) : (
          <ul id="utilite-chiffres">
            {(['yes', 'partly', 'no'] as const).map((u) => (
              <li>
                {usefulnessLabels[u]} : {d.usefulness[u]} ({Math.round((d.usefulness[u] / useful) * 100)} %)
              </li>
            ))}
          </ul>
        )}
      </section>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-4w">
        <li>
          <a
            class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
            href="/dossiers/export.csv"
          >
            Exporter en CSV (délais en heures et en jours ouvrés)
          </a>
        </li>
      </ul>
    </Layout>
  );
}

/** The organisation's settings for cases. */
export function OrganisationSettingsPage({
  ctx,
  settings,
  errors,
  form,
  notice,
}: {
  ctx: ViewContext;
  settings: OrganisationSettings;
  errors: FieldError[];
  form: { boite?: string; sujet?: string };
  notice?: string;
}) {
  return (
    <Layout ctx={ctx} title="Réglages des saisines" breadcrumb={[{ href: '/dossiers', label: 'Saisines' }]}>
      <h1>Réglages des saisines</h1>
      <p class="fr-text--lead">{settings.organisation}</p>
      {notice && (
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{notice}</p>
        </div>
      )}
      <section aria-labelledby="titre-boite" class="fr-mb-6w">
        <h2 id="titre-boite">Boîte partagée</h2>
        <p>
          Elle reçoit les courriels des saisines adressées à l’organisme (invitations, relances, messages), en
          plus des agents.
        </p>
        <form method="post" action="/dossiers/organisme/boite-partagee" novalidate>
          <CsrfField ctx={ctx} />
          <TextField
            name="boite"
            label="Adresse de la boîte partagée (facultatif)"
            hint="Laissez vide pour ne pas en utiliser."
            type="email"
            value={form.boite ?? settings.sharedMailbox ?? ''}
            error={errorOf(errors, 'boite')}
            autocomplete="off"
          />
          <button class="fr-btn" type="submit">
            Enregistrer la boîte partagée
          </button>
        </form>
      </section>
      <section aria-labelledby="titre-sujets">
        <h2 id="titre-sujets">Objets proposés aux aidants</h2>
        <p>
          Quand un aidant invite votre organisme, il choisit l’objet de la demande dans cette liste (ou en
          écrit un autre) : vos agents trient leurs saisines par objet.
        </p>
        {settings.subjects.length === 0 ? (
          <p>Aucun objet pour le moment.</p>
        ) : (
          <ul>
            {settings.subjects.map((s) => (
              <li data-subject={s.id}>
                <form method="post" action={`/dossiers/organisme/sujets/${s.id}/retrait`} class="fr-mb-1w">
                  <CsrfField ctx={ctx} />
                  {s.label}{' '}
                  <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">
                    Retirer « {s.label} »
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action="/dossiers/organisme/sujets" novalidate>
          <CsrfField ctx={ctx} />
          <TextField
            name="sujet"
            label="Nouvel objet"
            hint="Par exemple : « Rupture de droits RSA », « Indu à expliquer »"
            value={form.sujet}
            error={errorOf(errors, 'sujet')}
            autocomplete="off"
          />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Ajouter l’objet
          </button>
        </form>
      </section>
    </Layout>
  );
}
