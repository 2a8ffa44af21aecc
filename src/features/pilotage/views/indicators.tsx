// The indicator page: the choice of territory, months and grain (a GET form, works without JavaScript), then each
// section's tables with their charts and CSV links, and the latest satisfaction comments for the pilot.
import { Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { addMonths, monthLabel, monthsBetween } from '../months.ts';
import type { PageSection } from '../indicator-tables.ts';
import type { Selection } from '../routes-indicators.ts';
import { subjectLabels, wentLabels } from '../indicators.ts';
import { BarChart, DataTableView } from './chart.tsx';
import { formatDateTime, SelectGroup } from '../../../platform/views/form.tsx';

interface Props {
  ctx: ViewContext;
  selection: Selection;
  sections: PageSection[];
  comments: {
    at: Date;
    territoryId: string;
    subject: keyof typeof subjectLabels;
    went: keyof typeof wentLabels;
    comment: string;
  }[];
  refreshedAt: Date | null;
  currentMonth: string;
  query: string;
}

function errorOf(selection: Selection, field: string): string | undefined {
  return selection.errors.find((e) => e.field === field)?.message;
}

function MonthSelect({
  name,
  label,
  value,
  months,
  error,
}: {
  name: string;
  label: string;
  value: string;
  months: string[];
  error?: string | undefined;
}) {
  return (
    <SelectGroup name={name} label={label} error={error}>
      {months.map((m) => (
        <option value={m} selected={m === value}>
          {monthLabel(m)}
        </option>
      ))}
    </SelectGroup>
  );
}

/** The indicator page of a territory, or of every territory side by side. */
export function IndicatorsPage({
  ctx,
  selection,
  sections,
  comments,
  refreshedAt,
  currentMonth,
  query,
}: Props) {
  const title = selection.territory
    ? `Indicateurs — ${selection.territory.name}`
    : 'Indicateurs des territoires';
  const months = monthsBetween(addMonths(currentMonth, -59), currentMonth).reverse();
  const compares = selection.territories.length > 1 || selection.territory === null;
  return (
    <Layout ctx={ctx} title={title} styles={['/assets/pilotage.css']}>
      <h1>{title}</h1>
      <p class="fr-text--lead">
        {/^[aeiou]/.test(monthLabel(selection.from)) ? 'D’' : 'De '}
        {monthLabel(selection.from)} à {monthLabel(selection.to)}
        {selection.to === currentMonth ? ' (mois en cours)' : ''}. Des chiffres agrégés, sans aucune donnée
        personnelle.
      </p>
      <p class="fr-text--sm">
        {refreshedAt
          ? `Chiffres mis à jour le ${formatDateTime(refreshedAt)} ; ils se recalculent toutes les quelques minutes.`
          : 'Les chiffres n’ont pas encore été calculés : ils le seront dans quelques minutes.'}
      </p>
      {selection.errors.length > 0 && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h2 class="fr-alert__title">Le choix contient une erreur</h2>
          <p>Les valeurs par défaut sont affichées ; corrigez le champ signalé.</p>
        </div>
      )}
      <form method="get" action="/pilotage" class="fr-mb-4w">
        <fieldset class="fr-fieldset" aria-labelledby="choix-legende">
          <legend class="fr-fieldset__legend" id="choix-legende">
            Ce que vous voulez voir
          </legend>
          {compares && (
            <div class="fr-fieldset__element">
              <div class="fr-select-group">
                <label class="fr-label" for="territoire">
                  Territoire
                </label>
                <select class="fr-select" id="territoire" name="territoire">
                  {selection.territories.length > 1 && (
                    <option value="tous" selected={selection.territory === null}>
                      Tous les territoires, côte à côte
                    </option>
                  )}
                  {selection.territories.map((t) => (
                    <option value={t.id} selected={selection.territory?.id === t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          {!compares && selection.territory && (
            <input type="hidden" name="territoire" value={selection.territory.id} />
          )}
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <MonthSelect
              name="du"
              label="Du mois de"
              value={selection.from}
              months={months}
              error={errorOf(selection, 'du')}
            />
          </div>
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            <MonthSelect
              name="au"
              label="Au mois de"
              value={selection.to}
              months={months}
              error={errorOf(selection, 'au')}
            />
          </div>
          <div class="fr-fieldset__element">
            <fieldset
              class={`fr-fieldset${errorOf(selection, 'maille') ? ' fr-fieldset--error' : ''}`}
              id="maille"
              aria-labelledby="maille-legende"
            >
              <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id="maille-legende">
                Chiffres par lieu
              </legend>
              {(
                [
                  ['commune', 'Par commune'],
                  ['epci', 'Par intercommunalité (EPCI)'],
                ] as const
              ).map(([value, label]) => (
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                  <div class="fr-radio-group">
                    <input
                      type="radio"
                      id={`maille-${value}`}
                      name="maille"
                      value={value}
                      checked={selection.grain === value}
                    />
                    <label class="fr-label" for={`maille-${value}`}>
                      {label}
                    </label>
                  </div>
                </div>
              ))}
              {errorOf(selection, 'maille') && (
                <div class="fr-messages-group">
                  <p class="fr-message fr-message--error">{errorOf(selection, 'maille')}</p>
                </div>
              )}
            </fieldset>
          </div>
          <div class="fr-fieldset__element">
            <button class="fr-btn" type="submit">
              Afficher
            </button>
          </div>
        </fieldset>
      </form>
      <nav class="fr-summary fr-mb-4w" aria-labelledby="sommaire-titre">
        <h2 class="fr-summary__title" id="sommaire-titre">
          Sommaire
        </h2>
        <ol class="fr-summary__list">
          {sections.map((s) => (
            <li>
              <a class="fr-summary__link" href={`#${s.id}`}>
                {s.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {sections.map((section) => (
        <section class="fr-mb-6w" aria-labelledby={`${section.id}-titre`} id={section.id}>
          <h2 id={`${section.id}-titre`}>{section.title}</h2>
          {section.description && <p>{section.description}</p>}
          {section.tables.map((table) => (
            <>
              {table.chart && <BarChart table={table} />}
              <DataTableView
                table={table}
                csvHref={`/pilotage/tableau.csv?id=${encodeURIComponent(table.id)}&${query}`}
              />
            </>
          ))}
        </section>
      ))}
      {comments.length > 0 && (
        <section class="fr-mb-6w" aria-labelledby="commentaires-titre" id="commentaires">
          <h2 id="commentaires-titre">Derniers commentaires libres</h2>
          <p class="fr-text--sm">
            Effacés automatiquement après quelques mois ; chaque lecture est enregistrée dans le journal. Ils
            ne sont jamais publiés.
          </p>
          <ul>
            {comments.map((c) => (
              <li class="fr-mb-2w">
                <p class="fr-text--sm fr-mb-0">
                  {formatDateTime(c.at)} — {subjectLabels[c.subject]} — {wentLabels[c.went]}
                </p>
                <blockquote class="fr-mt-0">{c.comment}</blockquote>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
