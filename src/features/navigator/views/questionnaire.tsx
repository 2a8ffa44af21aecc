// The navigator's pages before the plan: the moments of life, the start page of one, one question per page with
// back and progress, the summary where every answer can be changed, the one-page form of helpers, and the pages
// of the private resume link. Plain forms, POST-redirect-GET: everything works without JavaScript.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import type { LifeEvent } from '../life-events.ts';
import { questions, type Answers, type FormValues, type QuestionId } from '../questions.ts';
import { ErrorSummary, OutsideTerritory, QuestionFields, questionTitle } from './fields.tsx';

type Communes = { inseeCode: string; name: string; postalCodes: string[] }[];
const base = (event: LifeEvent) => `/moments-de-vie/${event.id}`;
const crumbs = [{ href: '/moments-de-vie', label: 'Moments de vie' }];

/** The ten moments of life. */
export function LifeEventsPage({
  ctx,
  events,
}: {
  ctx: ViewContext;
  events: { id: string; label: string; intro: string }[];
}) {
  return (
    <Layout ctx={ctx} title="Moments de vie" breadcrumb={[]}>
      <h1>Ce qui vous arrive</h1>
      <p class="fr-text--lead">
        Choisissez votre situation. Quelques questions, puis un plan : vos droits, vos démarches dans l’ordre,
        où aller et quoi apporter.
      </p>
      <ul class="fr-grid-row fr-grid-row--gutters sc-list-reset">
        {events.map((e) => (
          <li class="fr-col-12 fr-col-md-6">
            <div class="fr-tile fr-enlarge-link">
              <div class="fr-tile__body">
                <div class="fr-tile__content">
                  <h2 class="fr-tile__title">
                    <a href={`/moments-de-vie/${e.id}`}>{e.label}</a>
                  </h2>
                  <p class="fr-tile__desc">{e.intro}</p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The start page of a moment of life. */
export function StartPage({
  ctx,
  event,
  hasAnswers,
}: {
  ctx: ViewContext;
  event: LifeEvent;
  hasAnswers: boolean;
}) {
  return (
    <Layout ctx={ctx} title={event.title} breadcrumb={crumbs}>
      <h1>{event.title}</h1>
      <p class="fr-text--lead">{event.intro}</p>
      <p>
        Nous vous posons seulement les questions utiles à votre plan. Vous pouvez passer une question si vous
        ne savez pas.
      </p>
      <h2>Votre plan contiendra</h2>
      <ul>
        <li>les aides auxquelles vous pouvez avoir droit, avec leur montant estimé ;</li>
        <li>
          les démarches qui vous concernent, dans l’ordre, avec leur date limite, parmi :{' '}
          {event.procedures.map((p) => p.title.charAt(0).toLowerCase() + p.title.slice(1)).join(' ; ')} ;
        </li>
        <li>le lieu où aller près de chez vous, ses horaires et les papiers à apporter.</li>
      </ul>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={`${base(event)}/questions`}>
            {hasAnswers ? 'Continuer mes réponses' : 'Commencer'}
          </a>
        </li>
        {hasAnswers && (
          <li>
            <a class="fr-btn fr-btn--secondary" href={`${base(event)}/recapitulatif`}>
              Revoir mes réponses
            </a>
          </li>
        )}
      </ul>
      <div class="fr-callout fr-mt-4w">
        <h2 class="fr-callout__title">Vous êtes aidant ou agent d’accueil ?</h2>
        <p class="fr-callout__text">
          Toutes les questions tiennent sur une seule page, pour remplir le plan avec la personne que vous
          recevez.
        </p>
        <a class="fr-btn fr-btn--secondary" href={`${base(event)}/formulaire`}>
          Formulaire sur une page
        </a>
      </div>
    </Layout>
  );
}

export interface QuestionPageProps {
  ctx: ViewContext;
  event: LifeEvent;
  question: QuestionId;
  position: number;
  /** At most this many questions after this one (it only goes down as answers rule questions out). */
  remaining: number;
  back: string;
  values: FormValues;
  errors: FieldError[];
  communes: Communes;
  returnTo: 'recapitulatif' | null;
}

/** One question per page, with progress and back. */
export function QuestionPage(props: QuestionPageProps) {
  const { ctx, event, question, position, remaining, back, values, errors, communes, returnTo } = props;
  const title = questionTitle(event, question);
  const action = `${base(event)}/questions/${question}${returnTo ? '?retour=recapitulatif' : ''}`;
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 ? 'Erreur — ' : ''}${title} — ${event.title}`}
      breadcrumb={crumbs}
      skipLinks={[{ href: '#question', label: 'Aller à la question' }]}
    >
      <div class="fr-stepper">
        <p class="fr-stepper__title">
          {event.title}
          <span class="fr-stepper__state" data-progress>
            Question {position}
            {remaining === 0
              ? ' : la dernière'
              : ` : encore ${remaining} question${remaining > 1 ? 's' : ''} au plus`}
          </span>
        </p>
      </div>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={back}>
          Retour
        </a>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={action} novalidate id="question">
        <CsrfField ctx={ctx} />
        <QuestionFields
          event={event}
          question={question}
          values={values}
          errors={errors}
          communes={communes}
          titleAsH1={true}
        />
        <ul class="fr-btns-group fr-btns-group--inline-sm">
          <li>
            <button class="fr-btn" type="submit" name="action" value="continuer">
              Continuer
            </button>
          </li>
          {questions[question].skippable && (
            <li>
              <button class="fr-btn fr-btn--tertiary" type="submit" name="action" value="passer">
                Je ne sais pas, passer
              </button>
            </li>
          )}
        </ul>
      </form>
      {question === 'commune' && <OutsideTerritory />}
    </Layout>
  );
}

export interface SummaryRow {
  question: QuestionId;
  title: string;
  answer: string;
}

/** Every answer, each with a link to change it; then the plan, or saving for later. */
export function SummaryPage({
  ctx,
  event,
  rows,
  complete,
}: {
  ctx: ViewContext;
  event: LifeEvent;
  rows: SummaryRow[];
  complete: boolean;
}) {
  return (
    <Layout ctx={ctx} title={`Vos réponses — ${event.title}`} breadcrumb={crumbs}>
      <h1>Vos réponses</h1>
      <p>Vérifiez vos réponses. Vous pouvez changer chacune d’elles.</p>
      <div class="fr-table fr-table--no-caption">
        <table>
          <caption>Vos réponses</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Votre réponse</th>
              <th scope="col">Modifier</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td>{row.title}</td>
                <td>{row.answer}</td>
                <td>
                  <a class="fr-link" href={`${base(event)}/questions/${row.question}?retour=recapitulatif`}>
                    Modifier<span class="fr-sr-only"> : {row.title}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          {complete ? (
            <a class="fr-btn" href={`${base(event)}/plan`}>
              Voir mon plan
            </a>
          ) : (
            <a class="fr-btn" href={`${base(event)}/questions`}>
              Répondre aux questions restantes
            </a>
          )}
        </li>
      </ul>
      <SaveAndClear ctx={ctx} event={event} />
    </Layout>
  );
}

/** Save for later (private link) and erase the answers from this browser. */
export function SaveAndClear({ ctx, event }: { ctx: ViewContext; event: LifeEvent }) {
  return (
    <div class="fr-grid-row fr-grid-row--gutters fr-mt-4w sc-no-print">
      <div class="fr-col-12 fr-col-md-6">
        <p class="fr-text--sm">
          Un lien privé vous permet de reprendre plus tard, sur cet appareil ou un autre, jusqu’à un mois
          après la dernière date de votre plan. Vous pouvez aussi recevoir des rappels avant chaque date.
        </p>
        <a
          class="fr-btn fr-btn--secondary fr-icon-save-line fr-btn--icon-left"
          href={`${base(event)}/enregistrer`}
        >
          Enregistrer et reprendre plus tard
        </a>
      </div>
      <div class="fr-col-12 fr-col-md-6">
        <form method="post" action={`${base(event)}/effacer`}>
          <CsrfField ctx={ctx} />
          <p class="fr-text--sm">Sur un ordinateur partagé, effacez vos réponses en partant.</p>
          <button class="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left" type="submit">
            Effacer mes réponses
          </button>
        </form>
      </div>
    </div>
  );
}

/** The one-page form for helpers: every question of the moment of life at once. */
export function OnePageForm(props: {
  ctx: ViewContext;
  event: LifeEvent;
  questionIds: QuestionId[];
  values: FormValues;
  errors: FieldError[];
  communes: Communes;
}) {
  const { ctx, event, questionIds, values, errors, communes } = props;
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 ? 'Erreur — ' : ''}Formulaire sur une page — ${event.title}`}
      breadcrumb={[...crumbs, { href: base(event), label: event.title }]}
    >
      <h1>{event.title} : formulaire sur une page</h1>
      <p>
        Seules la date et la commune sont obligatoires. Laissez vide ce que la personne ne sait pas : le plan
        dira ce qui manque.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${base(event)}/formulaire`} novalidate>
        <CsrfField ctx={ctx} />
        {questionIds.map((q) => (
          <QuestionFields
            event={event}
            question={q}
            values={values}
            errors={errors}
            communes={communes}
            titleAsH1={false}
          />
        ))}
        <button class="fr-btn" type="submit">
          Voir le plan
        </button>
      </form>
    </Layout>
  );
}

/** The summary rows of the answered questions. */
export function summaryRows(
  event: LifeEvent,
  list: QuestionId[],
  answers: Answers,
  communes: Communes,
): SummaryRow[] {
  return list
    .filter((q) => answers.skipped?.includes(q) || questions[q].show(answers, { communes }) !== null)
    .map((q) => ({
      question: q,
      title: questionTitle(event, q),
      answer: answers.skipped?.includes(q)
        ? 'Je ne sais pas'
        : (questions[q].show(answers, { communes }) ?? ''),
    }));
}
