// The personal plan page: rights with amounts and "pourquoi ce montant ?", procedures in order with their dates,
// the place to go with its hours, the papers to bring; print, PDF, calendar and e-mail. Light: one small extra
// stylesheet, no script of its own.
import type { JSX } from 'preact';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import type { BenefitResult } from '../../rights/contract.ts';
import { frenchDate, frenchMonth } from '../../../platform/dates.ts';
import { amountText, eligibleAmountText } from '../format.ts';
import { reviewText } from '../life-events.ts';
import {
  organisationLabels,
  type Plan,
  type PlannedPlace,
  type PlannedProcedure,
  type TimelineMonth,
} from '../plan.ts';
import { firstDue, monthText, storyOf } from '../timeline.ts';
import { SaveAndClear } from './questionnaire.tsx';
import { calendarSteps } from '../ics.ts';
import { SatisfactionInvite } from '../../pilotage/views/satisfaction.tsx';

const reasonLabels: Record<PlannedPlace['reason'], string> = {
  'same-commune': 'dans votre commune',
  'france-services-commune': 'France Services de votre commune : on vous y aide pour cette démarche',
  'france-services-epci': 'France Services de votre intercommunalité : on vous y aide pour cette démarche',
  'organisation-office': 'accueil de l’organisme dans le bassin de vie',
  'france-services-territory': 'France Services du bassin de vie : on vous y aide pour cette démarche',
  'nearest-france-services':
    'le France Services le plus proche de chez vous : on vous y aide pour cette démarche',
  'nearest-office': 'l’accueil de l’organisme le plus proche de chez vous',
};

/** Why this place, with its distance when it was chosen as the nearest. */
function reasonText(place: PlannedPlace): string {
  const km = place.distanceKm;
  return km === undefined
    ? reasonLabels[place.reason]
    : `${reasonLabels[place.reason]} (${String(km).replace('.', ',')} km à vol d’oiseau)`;
}

function Explanation({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line) => (
        <p class="fr-text--sm fr-mb-1w">{line}</p>
      ))}
    </>
  );
}

function BenefitBlock({
  benefit,
  timeline,
  month,
}: {
  benefit: BenefitResult;
  timeline: readonly TimelineMonth[];
  /** The plan's month (YYYY-MM), the one `benefit` is estimated for. */
  month: string;
}) {
  // Due later than the plan's month (the allocations familiales the month after a birth): say it from that month.
  const due = benefit.eligible ? null : firstDue(timeline, benefit.id);
  const shown = due?.benefit ?? benefit;
  const status =
    shown.eligible === null
      ? 'À préciser : il manque des réponses'
      : shown.eligible
        ? `${due ? `À partir de ${frenchMonth(due.month)} : ` : ''}${eligibleAmountText(shown, due?.month ?? month)}`
        : 'Pas de droit estimé avec vos réponses';
  const story = storyOf(timeline, benefit);
  const months = timeline.filter((m) => m.benefits.some((b) => b.id === benefit.id));
  return (
    <li class="fr-mb-3w" data-benefit={benefit.id}>
      <h3 class="fr-h6 fr-mb-1w">{benefit.label}</h3>
      <p class="fr-mb-1w">
        <span
          class={`fr-badge fr-badge--sm ${shown.eligible ? 'fr-badge--success' : shown.eligible === null ? 'fr-badge--info' : 'fr-badge--new'}`}
        >
          {status}
        </span>{' '}
        <span class="fr-text--sm">— {organisationLabels[benefit.organisation] ?? benefit.organisation}</span>
      </p>
      {story && (
        <p class="fr-mb-1w" data-timeline>
          {story.charAt(0).toUpperCase() + story.slice(1)}.
        </p>
      )}
      {story && months.length > 1 && benefit.frequency === 'monthly' && (
        <details class="fr-mb-1w">
          <summary>Mois par mois</summary>
          <div class="fr-table fr-table--sm fr-table--no-caption fr-mb-0">
            <table data-timeline-table>
              <caption>{benefit.label}, mois par mois</caption>
              <thead>
                <tr>
                  <th scope="col">Mois</th>
                  <th scope="col">Estimation</th>
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr>
                    <th scope="row">
                      {frenchMonth(m.month)}
                      {m.provisional ? ' *' : ''}
                    </th>
                    <td>
                      {monthText(
                        m.benefits.find((b) => b.id === benefit.id)!,
                        m.month,
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {months.some((m) => m.provisional) && (
            <p class="fr-text--xs fr-mb-0">
              * Barèmes pas encore publiés pour ce mois : estimé avec les derniers connus.
            </p>
          )}
        </details>
      )}
      <details class="sc-no-print">
        <summary>Pourquoi ce montant ?</summary>
        {due && <p class="fr-text--sm fr-mb-1w">Calcul pour {frenchMonth(due.month)} :</p>}
        <Explanation text={shown.explanation} />
        {benefit.sources.length > 0 && (
          <ul class="fr-text--xs">
            {benefit.sources.slice(0, 3).map((s) => (
              <li>
                <a href={s.url} rel="noopener">
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        )}
      </details>
      <div class="sc-print-only">
        <Explanation text={shown.explanation} />
      </div>
    </li>
  );
}

function PlaceBlock({ place }: { place: PlannedPlace }) {
  return (
    <div class="fr-mb-1w" data-place={place.slug}>
      <p class="fr-mb-0">
        <strong>Où aller : </strong>
        <a href={`/lieux/${place.slug}`}>{place.name}</a>{' '}
        <span class="fr-text--sm">({reasonText(place)})</span>
      </p>
      {place.address ? (
        <p class="fr-mb-0">{place.address}</p>
      ) : (
        <p class="fr-mb-0 fr-text--sm">Adresse à compléter dans notre annuaire.</p>
      )}
      {place.phone && (
        <p class="fr-mb-0">
          Téléphone : <a href={`tel:${place.phone.replace(/\s/g, '')}`}>{place.phone}</a>
        </p>
      )}
      {place.nextPassage && (
        <p class="fr-mb-0" data-next-passage={place.nextPassage.date}>
          <strong>Prochain passage du bus : </strong>
          {place.nextPassage.text}
        </p>
      )}
      {!place.toComplete && !place.nextPassage && (
        <p class={`fr-badge fr-badge--sm ${place.open ? 'fr-badge--success' : 'fr-badge--info'}`}>
          {place.status}
        </p>
      )}
      {place.week.length > 0 && (
        <ul class="sc-hours fr-text--sm">
          {place.week.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProcedureBlock({
  procedure,
  index,
  today,
}: {
  procedure: PlannedProcedure;
  index: number;
  today: string;
}) {
  const p = procedure;
  // A date already past (a pregnancy declared long ago): say so, never show it as a date still ahead.
  const past = p.deadline !== null && p.deadline < today;
  return (
    <li class="fr-mb-4w sc-procedure" data-procedure={p.id}>
      <h3 class="fr-h5 fr-mb-1w">
        {index + 1}. {p.title}
      </h3>
      <p class="fr-mb-1w">
        {p.deadline ? (
          <span
            class={`fr-badge ${past ? 'fr-badge--new' : p.deadlineLegal ? 'fr-badge--warning' : 'fr-badge--info'}`}
            data-deadline={p.deadline}
          >
            {past
              ? `Date passée (${frenchDate(p.deadline)}) : vérifiez que c’est fait`
              : `${p.deadlineLegal ? 'Date limite' : 'Conseillé'} : ${frenchDate(p.deadline)}`}
          </span>
        ) : (
          <span class="fr-badge fr-badge--info">Pas de date limite</span>
        )}{' '}
        <span class="fr-text--sm">— {organisationLabels[p.organisation]}</span>
      </p>
      {p.deadlineText && <p class="fr-text--sm fr-mb-1w">Quand : {p.deadlineText}.</p>}
      <ul class="fr-mb-1w">
        {p.steps.map((s) => (
          <li>{s}</li>
        ))}
      </ul>
      {p.documents.length > 0 && (
        <>
          <p class="fr-mb-0">
            <strong>À apporter :</strong>
          </p>
          <ul class="fr-mb-1w">
            {p.documents.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
        </>
      )}
      {p.place && p.placeHint && <p class="fr-text--sm fr-mb-0">{p.placeHint}</p>}
      {p.place && <PlaceBlock place={p.place} />}
      {!p.place && p.placeHint && (
        <p class="fr-mb-1w">
          <strong>Où aller : </strong>
          {p.placeHint}
        </p>
      )}
      {p.online && (
        <p class="fr-mb-1w">
          <strong>En ligne : </strong>
          <a href={p.online.url} rel="noopener">
            {p.online.title}
          </a>
          <span class="sc-print-only"> ({p.online.url})</span>
        </p>
      )}
      <p class="fr-text--sm fr-mb-0">
        Fiche officielle :{' '}
        <a href={p.sources[0]?.url} rel="noopener">
          {p.sources[0]?.title}
        </a>
      </p>
    </li>
  );
}

export interface PlanPageProps {
  ctx: ViewContext;
  plan: Plan;
  today: string;
  mailSent: boolean;
  mailValue: string;
  mailErrors: FieldError[];
  /** The resident's file's section (save the answers in it, faire suivre à France Services), if any. */
  filePanel?: JSX.Element | null;
}

/** The plan page. */
export function PlanPage({ ctx, plan, today, mailSent, mailValue, mailErrors, filePanel }: PlanPageProps) {
  const event = plan.lifeEvent;
  const base = `/moments-de-vie/${event.id}`;
  const mailError = mailErrors[0]?.message;
  return (
    <Layout
      ctx={ctx}
      title={`${mailError ? 'Erreur — ' : ''}Votre plan — ${event.title}`}
      breadcrumb={[{ href: '/moments-de-vie', label: 'Moments de vie' }]}
      styles={['/assets/navigator.css']}
    >
      <h1>Votre plan : {event.title}</h1>
      <p>
        Date de l’événement : {frenchDate(plan.eventDate)}
        {plan.commune && <> — commune : {plan.commune.name}</>}. Plan établi le {frenchDate(today)}.
      </p>
      {mailSent && (
        <div class="fr-alert fr-alert--success fr-mb-3w sc-no-print" role="status">
          <p>Le plan a été envoyé par courriel.</p>
        </div>
      )}
      <div class="fr-callout fr-mb-4w" data-gathers>
        <p class="fr-callout__text">
          Ce plan rassemble <strong>{plan.gathers.procedures} démarches</strong> auprès de{' '}
          <strong>{plan.gathers.organisations} organismes</strong>, dans{' '}
          <strong>
            {plan.gathers.counters} {plan.gathers.counters > 1 ? 'lieux d’accueil' : 'lieu d’accueil'}
          </strong>
          .
        </p>
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left sc-no-print">
        <li>
          <a class="fr-btn fr-btn--secondary fr-icon-download-line" href={`${base}/plan.pdf`}>
            Télécharger en PDF
          </a>
        </li>
        {calendarSteps(plan, today).length > 0 && (
          <li>
            <a class="fr-btn fr-btn--secondary fr-icon-calendar-line" href={`${base}/plan.ics`}>
              Ajouter les dates à mon agenda
            </a>
          </li>
        )}
        <li>
          <a class="fr-btn fr-btn--tertiary fr-icon-edit-line" href={`${base}/recapitulatif`}>
            Modifier mes réponses
          </a>
        </li>
      </ul>
      <p class="fr-text--sm sc-no-print">
        Pour imprimer, utilisez la commande Imprimer de votre navigateur : la page s’imprime proprement.
      </p>

      <h2>Vos droits</h2>
      {plan.hireCost && (
        <div class="fr-mb-3w" data-hire-cost>
          <h3 class="fr-h6 fr-mb-1w">
            Coût mensuel de l’embauche : {amountText(plan.hireCost.totalCost, 'monthly')}
          </h3>
          <p>
            Salaire brut {amountText(plan.hireCost.grossMonthlySalary, 'monthly')} + cotisations patronales{' '}
            {amountText(plan.hireCost.employerContributions, 'monthly')}, après la réduction générale. Le
            salarié touche {amountText(plan.hireCost.netSalary, 'monthly')} net avant impôt.
          </p>
          <p class="fr-text--xs">
            Calcul : modèle social de l’Urssaf ({plan.hireCost.sources.map((s) => s.title).join(' ; ')}).
          </p>
        </div>
      )}
      {plan.benefits.length > 0 ? (
        <ul class="sc-list-reset">
          {plan.benefits.map((b) => (
            <BenefitBlock benefit={b} timeline={plan.timeline} month={plan.month} />
          ))}
        </ul>
      ) : (
        !plan.hireCost && <p>Aucune aide à estimer pour ce moment de vie.</p>
      )}
      {plan.missing.length > 0 && (
        <div class="fr-notice fr-notice--info fr-mb-3w sc-no-print">
          <div class="fr-container">
            <div class="fr-notice__body">
              <p class="fr-notice__title">
                Pour préciser les montants, <a href={`${base}/recapitulatif`}>complétez vos réponses</a>.
              </p>
            </div>
          </div>
        </div>
      )}
      {plan.estimation.assumptions.length > 0 && (
        <div class="fr-callout fr-mb-3w" data-assumptions>
          <h3 class="fr-callout__title fr-h6">Ce que nous avons supposé</h3>
          <ul class="fr-callout__text fr-text--md">
            {plan.estimation.assumptions.map((a) => (
              <li>{a.statement}</li>
            ))}
          </ul>
        </div>
      )}
      <p class="fr-text--sm">
        Les montants sont des estimations
        {plan.timeline.length > 1
          ? `, mois par mois de ${frenchMonth(plan.timeline[0]!.month)} à ${frenchMonth(plan.timeline[plan.timeline.length - 1]!.month)},`
          : `, calculées pour ${frenchMonth(plan.month)}`}{' '}
        avec les règles en vigueur. Seul l’organisme qui verse l’aide décide.
      </p>

      <h2>Vos démarches, dans l’ordre</h2>
      <p class="fr-text--sm" data-review>
        {reviewText(event)} Chaque démarche renvoie à sa fiche officielle.
      </p>
      <ol class="sc-list-reset">
        {plan.procedures.map((p, i) => (
          <ProcedureBlock procedure={p} index={i} today={today} />
        ))}
      </ol>
      <p class="fr-text--sm">
        Le lieu proposé est, dans cet ordre : l’accueil de l’organisme dans votre commune, un espace France
        Services ou l’arrêt du bus de votre commune, sinon le lieu le plus proche du centre de votre commune,
        à vol d’oiseau.
      </p>

      {filePanel}
      <section class="sc-no-print fr-mt-4w" aria-labelledby="envoi-titre">
        <h2 id="envoi-titre">Recevoir ce plan par courriel</h2>
        <form method="post" action={`${base}/plan/envoyer`} novalidate>
          <CsrfField ctx={ctx} />
          <div class={`fr-input-group${mailError ? ' fr-input-group--error' : ''}`}>
            <label class="fr-label" for="email">
              Adresse électronique
              <span class="fr-hint-text">Nous ne la gardons pas : elle sert seulement à cet envoi.</span>
            </label>
            <input
              class={`fr-input${mailError ? ' fr-input--error' : ''}`}
              type="email"
              id="email"
              name="email"
              autoComplete="email"
              value={mailValue}
              aria-describedby={mailError ? 'email-error' : undefined}
            />
            {mailError && (
              <p id="email-error" class="fr-error-text">
                {mailError}
              </p>
            )}
          </div>
          <button class="fr-btn fr-btn--secondary" type="submit">
            Envoyer le plan
          </button>
        </form>
      </section>
      <SaveAndClear ctx={ctx} event={event} />
      <SatisfactionInvite subject="plan" lifeEvent={event.id} commune={plan.commune?.inseeCode} />
      <p class="fr-text--xs fr-mt-4w">
        Sources :{' '}
        {event.sources.map((s, i) => (
          <>
            {i > 0 && ' ; '}
            <a href={s.url} rel="noopener">
              {s.title}
            </a>
          </>
        ))}
        .
      </p>
    </Layout>
  );
}
