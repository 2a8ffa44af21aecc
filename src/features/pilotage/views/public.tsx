// The public pages of the experiment: the list of territories, each territory's register in read-only (calendar
// with its countdown, milestones, workshops, irritants, solutions with their indicators over the complete months,
// derogation and funding requests, history), and how another territory joins.
import { Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { frenchDate } from '../../../platform/dates.ts';
import { monthLabel } from '../months.ts';
import { publicIndicators } from '../publication.ts';
import {
  conditionLabels,
  domainLabels,
  euros,
  participantLabels,
  stageLabels,
  statusLabels,
  type ConditionKey,
} from '../register.ts';
import type { HistoryEntry, Register } from '../register-store.ts';
import type { TerritorySummary } from '../../territory/membership-store.ts';
import { HistoryList } from './register-edit.tsx';
import { formatCell, ScrollTable } from './chart.tsx';

/** A live figure: a count, 'secret', or nothing published. */
export type LiveValue = number | 'secret' | null;

function Figure({ value }: { value: LiveValue }) {
  if (value === 'secret')
    return (
      <span>
        secret
        <span class="fr-sr-only"> statistique : entre 1 et 10, ou masqué pour protéger un petit nombre</span>
      </span>
    );
  return <>{formatCell(value)}</>;
}

const stageBadge: Record<string, string> = {
  idea: 'fr-badge--info',
  prototype: 'fr-badge--new',
  experiment: 'fr-badge--warning',
  generalised: 'fr-badge--success',
  abandoned: 'fr-badge--error',
};

/** Days between two dates 'YYYY-MM-DD'. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** The countdown of a one-year experiment. */
export function countdownText(today: string, startsOn: string | null, endsOn: string | null): string {
  if (!startsOn || !endsOn) return 'La date de début n’est pas encore fixée.';
  if (today < startsOn) {
    const days = daysBetween(today, startsOn);
    return `Commence dans ${days} jour${days > 1 ? 's' : ''}, le ${frenchDate(startsOn)}.`;
  }
  if (today > endsOn) return `Terminée le ${frenchDate(endsOn)}.`;
  const left = daysBetween(today, endsOn);
  const done = daysBetween(startsOn, today) + 1;
  return `Jour ${done} sur ${daysBetween(startsOn, endsOn) + 1} : il reste ${left} jour${left > 1 ? 's' : ''}, jusqu’au ${frenchDate(endsOn)}.`;
}

/** The public list of the territories in the experiment. */
export function ExperimentsPage({
  ctx,
  territories,
}: {
  ctx: ViewContext;
  territories: (TerritorySummary & { startsOn: string | null; endsOn: string | null })[];
}) {
  return (
    <Layout ctx={ctx} title="L’expérimentation dans les territoires">
      <h1>L’expérimentation dans les territoires</h1>
      <p class="fr-text--lead">
        Des agents publics d’un bassin de vie rebâtissent les services publics à partir des besoins des
        habitants, en un an, avec des ateliers, des prototypes, des dérogations et des financements. Tout ce
        qu’ils décident et tout ce qu’ils mesurent est public ici.
      </p>
      <ul class="fr-grid-row fr-grid-row--gutters sc-list-reset">
        {territories.map((t) => (
          <li class="fr-col-12 fr-col-md-6">
            <div class="fr-tile fr-enlarge-link">
              <div class="fr-tile__body">
                <div class="fr-tile__content">
                  <h2 class="fr-tile__title">
                    <a href={`/experimentation/${t.id}`}>{t.name}</a>
                  </h2>
                  <p class="fr-tile__desc">
                    {t.communes} communes.{' '}
                    {t.startsOn && t.endsOn
                      ? `Du ${frenchDate(t.startsOn)} au ${frenchDate(t.endsOn)}.`
                      : 'Calendrier à fixer.'}
                  </p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <p class="fr-mt-4w">
        <a class="fr-btn fr-btn--secondary" href="/experimentation/rejoindre">
          Rejoindre l’expérimentation
        </a>{' '}
        <a class="fr-link fr-ml-2w" href="/api/v1/open-data">
          Données ouvertes (JSON)
        </a>
      </p>
    </Layout>
  );
}

/** "de novembre 2026", "d’avril 2026". */
const ofMonth = (label: string) => (/^[aeiou]/.test(label) ? `d’${label}` : `de ${label}`);

export interface LiveSeries {
  indicator: string;
  values: { month: string; value: LiveValue }[];
}

/** The public, read-only register of one territory. */
export function PublicRegisterPage({
  ctx,
  territory,
  register,
  history,
  today,
  figuresThrough,
  keyFigures,
  solutionFigures,
}: {
  ctx: ViewContext;
  territory: { id: string; name: string };
  register: Register;
  history: HistoryEntry[];
  today: string;
  /** The last complete month the figures count (null before the first count of the indicators). */
  figuresThrough: string | null;
  keyFigures: LiveSeries[];
  solutionFigures: Map<string, LiveSeries[]>;
}) {
  const e = register.experiment;
  const irritant = (id: string) => register.irritants.find((i) => i.id === id)?.title ?? '';
  const solution = (id: string | null) => register.solutions.find((s) => s.id === id)?.title;
  const months = keyFigures[0]?.values.map((v) => v.month) ?? [];
  return (
    <Layout
      ctx={ctx}
      title={`${e.title}`}
      breadcrumb={[{ href: '/experimentation', label: 'Expérimentation' }]}
      styles={['/assets/pilotage.css']}
    >
      <h1>{e.title}</h1>
      {e.summary && <p class="fr-text--lead">{e.summary}</p>}
      <div class="fr-callout fr-mb-4w">
        <h2 class="fr-callout__title">Un an pour agir</h2>
        <p class="fr-callout__text">{countdownText(today, e.startsOn, e.endsOn)}</p>
      </div>

      <h2>Les chiffres, mois par mois</h2>
      <p id="chiffres-arretes">
        {figuresThrough
          ? `Chiffres arrêtés à la fin du mois ${ofMonth(monthLabel(figuresThrough))}.`
          : 'Les chiffres ne sont pas encore comptés.'}{' '}
        Le mois en cours n’est publié qu’une fois terminé : un chiffre qui bougerait d’un jour à l’autre
        permettrait de reconnaître une personne. {'«\u00a0secret\u00a0»'} : un effectif de 1 à 10, ou masqué
        pour qu’on ne puisse pas le retrouver à partir des autres (secret statistique). Ce sont les chiffres
        des données ouvertes.
      </p>
      <LiveTable
        caption={`Chiffres clés — ${territory.name}`}
        series={keyFigures}
        months={months}
        id="chiffres"
      />

      <h2>Jalons</h2>
      {register.milestones.length === 0 ? (
        <p>Aucun jalon pour l’instant.</p>
      ) : (
        <ol class="sc-timeline">
          {register.milestones.map((m) => (
            <li>
              <p class="fr-mb-0">
                <strong>{frenchDate(m.dueOn)}</strong> — {m.title}{' '}
                {m.doneOn ? (
                  <span class="fr-badge fr-badge--success fr-badge--sm">
                    Atteint le {frenchDate(m.doneOn)}
                  </span>
                ) : m.dueOn < today ? (
                  <span class="fr-badge fr-badge--warning fr-badge--sm">En retard</span>
                ) : (
                  <span class="fr-badge fr-badge--info fr-badge--sm">À venir</span>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}

      <h2>Ateliers</h2>
      {register.workshops.length === 0 ? (
        <p>Aucun atelier pour l’instant.</p>
      ) : (
        register.workshops.map((w) => (
          <div class="fr-mb-3w">
            <h3 class="fr-h6 fr-mb-1w">
              {frenchDate(w.heldOn)} — {w.title}
            </h3>
            <p class="fr-mb-1w">
              Participants :{' '}
              {(Object.keys(participantLabels) as (keyof typeof participantLabels)[])
                .filter((k) => w.participants[k] > 0)
                .map((k) => `${participantLabels[k].toLowerCase()} ${w.participants[k]}`)
                .join(', ')}
              .
            </p>
            {w.irritantIds.length > 0 && (
              <p class="fr-mb-1w">Irritants nommés : {w.irritantIds.map(irritant).join(' ; ')}.</p>
            )}
            {w.notes && <p class="fr-mb-1w">{w.notes}</p>}
          </div>
        ))
      )}

      <h2>Irritants</h2>
      <ul>
        {register.irritants.map((i) => (
          <li>
            <strong>{i.title}</strong>
            {i.description && ` — ${i.description}`}{' '}
            <span class="fr-text--sm">
              (
              {i.origin === 'seed'
                ? 'nommé au lancement'
                : i.origin === 'workshop'
                  ? 'nommé en atelier'
                  : 'ajouté par le pilote'}
              )
            </span>
          </li>
        ))}
      </ul>

      <h2>Solutions</h2>
      {register.solutions.length === 0 && <p>Aucune solution pour l’instant.</p>}
      {register.solutions.map((s) => (
        <section class="fr-mb-4w" aria-labelledby={`solution-${s.id}`}>
          <h3 id={`solution-${s.id}`} class="fr-h5 fr-mb-1w">
            {s.title}{' '}
            <span class={`fr-badge fr-badge--sm ${stageBadge[s.stage]}`}>{stageLabels[s.stage]}</span>
          </h3>
          {s.description && <p class="fr-mb-1w">{s.description}</p>}
          {s.irritantIds.length > 0 && (
            <p class="fr-mb-1w">Répond à : {s.irritantIds.map(irritant).join(' ; ')}.</p>
          )}
          {(solutionFigures.get(s.id) ?? []).length > 0 ? (
            <LiveTable
              caption={`Indicateurs de la solution « ${s.title} »`}
              series={solutionFigures.get(s.id)!}
              months={months}
              id={`solution-${s.id}`}
            />
          ) : (
            <p class="fr-text--sm">Aucun indicateur choisi pour la juger.</p>
          )}
        </section>
      ))}

      <h2>Demandes de dérogation</h2>
      <p class="fr-text--sm">
        Le préfet peut déroger à une norme réglementaire de l’État, dans sept matières et à quatre conditions,
        par un arrêté motivé (décret n° 2020-412 du 8 avril 2020).
      </p>
      {register.derogations.length === 0 && <p>Aucune demande pour l’instant.</p>}
      {register.derogations.map((d) => (
        <section class="fr-mb-4w" aria-labelledby={`derogation-${d.id}`}>
          <h3 id={`derogation-${d.id}`} class="fr-h5 fr-mb-1w">
            {d.title}
          </h3>
          <p class="fr-mb-1w">
            <strong>{statusLabels[d.status]}</strong>
            {d.status === 'granted' && ` par l’arrêté n° ${d.decreeReference} du ${frenchDate(d.decidedOn!)}`}
            {d.status === 'refused' && d.decidedOn && ` le ${frenchDate(d.decidedOn)}`}. Texte : {d.legalText}
            , {d.article}. Matière : {domainLabels[d.domain]}.
            {d.solutionId && ` Pour la solution « ${solution(d.solutionId)} ».`}
          </p>
          <dl>
            {(Object.keys(conditionLabels) as ConditionKey[]).map((k) => (
              <>
                <dt class="fr-text--bold">{conditionLabels[k]}</dt>
                <dd class="fr-mb-1w">{d.conditions[k]}</dd>
              </>
            ))}
          </dl>
        </section>
      ))}

      <h2>Demandes de financement</h2>
      {register.fundings.length === 0 ? (
        <p>Aucune demande pour l’instant.</p>
      ) : (
        <ScrollTable label="Demandes de financement">
          <table>
            <caption>Demandes de financement</caption>
            <thead>
              <tr>
                <th scope="col">Appel à projets</th>
                <th scope="col">Pour</th>
                <th scope="col" class="sc-numeric">
                  Demandé
                </th>
                <th scope="col" class="sc-numeric">
                  Accordé
                </th>
                <th scope="col" class="sc-numeric">
                  Dépensé
                </th>
              </tr>
            </thead>
            <tbody>
              {register.fundings.map((f) => (
                <tr>
                  <th scope="row">{f.call}</th>
                  <td>{solution(f.solutionId) ?? '—'}</td>
                  <td class="sc-numeric">{euros(f.amountAsked)}</td>
                  <td class="sc-numeric">{f.amountGranted === null ? '—' : euros(f.amountGranted)}</td>
                  <td class="sc-numeric">{f.amountSpent === null ? '—' : euros(f.amountSpent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}

      <h2>Historique des changements</h2>
      <HistoryList history={history} />
      <p class="fr-mt-4w">
        <a class="fr-link" href="/api/v1/open-data">
          Les données ouvertes de l’expérimentation
        </a>
      </p>
    </Layout>
  );
}

function LiveTable({
  caption,
  series,
  months,
  id,
}: {
  caption: string;
  series: LiveSeries[];
  months: string[];
  id: string;
}) {
  return (
    <ScrollTable id={`direct-${id}`} label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Indicateur</th>
            {months.map((m) => (
              <th scope="col" class="sc-numeric">
                {monthLabel(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr data-indicator={s.indicator}>
              <th scope="row">{publicIndicators[s.indicator]?.label ?? s.indicator}</th>
              {s.values.map((v) => (
                <td class="sc-numeric">
                  <Figure value={v.value} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

const joinCommands = [
  'npx sans-couture territory add --id figeac --name "Bassin de vie de Figeac" \\',
  '  --bassin-de-vie 46102 --zoning-file table-appartenance-geo-communes.csv',
  'npx sans-couture territory add --id grand-cahors --name "Grand Cahors" --epci 200023737',
  'npx sans-couture territory add --id vallee --name "Vallée du Lot" --communes 46001,46005,46022',
].join('\n');

/** How another territory joins the experiment. */
export function JoinPage({ ctx, territories }: { ctx: ViewContext; territories: TerritorySummary[] }) {
  return (
    <Layout
      ctx={ctx}
      title="Rejoindre l’expérimentation"
      breadcrumb={[{ href: '/experimentation', label: 'Expérimentation' }]}
      styles={['/assets/pilotage.css']}
    >
      <h1>Rejoindre l’expérimentation</h1>
      <p class="fr-text--lead">
        D’autres territoires peuvent rejoindre l’expérimentation : un bassin de vie, une intercommunalité ou
        un ensemble de communes. Il suffit d’une configuration, sans développement.
      </p>
      <h2>Ce qu’il faut réunir</h2>
      <ul>
        <li>Une équipe de pilotage : la préfecture ou la sous-préfecture, des élus, un chef de projet.</li>
        <li>
          Des organismes partenaires qui s’engagent à répondre aux saisines (CAF, CPAM, MSA, France Travail,
          département, communes…) et au moins un lieu d’accueil France Services.
        </li>
        <li>
          Le périmètre : le code du bassin de vie dans la table de zonage des communes publiée par l’INSEE, le
          SIREN de l’intercommunalité, ou la liste des codes INSEE des communes. Une commune n’appartient qu’à
          un territoire.
        </li>
      </ul>
      <h2>Comment l’équipe technique ajoute le territoire</h2>
      <p>Une commande, sur le serveur de la plateforme, parmi :</p>
      <pre class="fr-mb-2w sc-commands" tabIndex={0} aria-label="Commandes d’ajout d’un territoire">
        <code>{joinCommands}</code>
      </pre>
      <p>
        Les communes sont lues dans le code officiel géographique de l’INSEE ; une commune fusionnée depuis la
        table de zonage compte comme la commune nouvelle. La liste des communes est gardée par année de
        géographie. Ensuite, les organismes, les lieux d’accueil et leurs horaires sont chargés, puis les
        comptes des agents et du pilote sont créés par invitation.
      </p>
      <h2>Ce que le territoire obtient</h2>
      <ul>
        <li>
          Les plans personnalisés et les saisines pour ses habitants et ses agents, séparés de ceux des autres
          territoires.
        </li>
        <li>
          Ses indicateurs, pour son équipe de pilotage ; l’observatoire national les compare à ceux des
          autres.
        </li>
        <li>Son registre public : calendrier, ateliers, solutions, dérogations, financements.</li>
        <li>Ses chiffres en données ouvertes, sous Licence Ouverte, avec le secret statistique.</li>
      </ul>
      <h2>Territoires déjà engagés</h2>
      <ul>
        {territories.map((t) => (
          <li>
            <a href={`/experimentation/${t.id}`}>{t.name}</a> — {t.communes} communes
          </li>
        ))}
      </ul>
      <p>Pour en parler : la préfecture de votre département, ou l’équipe du programme national.</p>
    </Layout>
  );
}
