// The pages of the private link and of the reminders: the save page (what is kept, until when, and the opt-in to
// reminders), the saved page with the link, the stop page of the reminders, the notice of a refused address on
// the next visit of the link, and the pages of a link that expired, was erased or does not exist. Plain forms:
// everything works without JavaScript.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { frenchDate } from '../../../platform/dates.ts';
import type { LifeEvent } from '../life-events.ts';
import type { FormValues } from '../questions.ts';
import { consentSentence, type ExpiryBasis, type PlannedReminder, type RefusalNotice } from '../reminders.ts';
import type { ReminderChannel } from '../tables.ts';
import { ErrorSummary } from './fields.tsx';
import { deadlinePhrase } from './reminder-text.ts';

const base = (event: LifeEvent) => `/moments-de-vie/${event.id}`;
const crumbs = [{ href: '/moments-de-vie', label: 'Moments de vie' }];

function value(values: FormValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

const errorOf = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

/** "+33612345678" as people write it: 06 12 34 56 78. */
export function displayPhone(e164: string): string {
  const national = e164.startsWith('+33') ? `0${e164.slice(3)}` : e164;
  return national.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** The reminders to come, grouped by step: "Déclarer la naissance — date limite : … (rappels le … et le …)". */
function ScheduleList({ schedule }: { schedule: PlannedReminder[] }) {
  const steps = new Map<string, { reminder: PlannedReminder; days: string[] }>();
  for (const r of schedule) {
    const entry = steps.get(r.procedure.id) ?? { reminder: r, days: [] };
    entry.days.push(frenchDate(r.sendOn));
    steps.set(r.procedure.id, entry);
  }
  return (
    <ul data-reminder-schedule>
      {[...steps.values()].map(({ reminder, days }) => (
        <li>
          <strong>{reminder.procedure.title}</strong> —{' '}
          {deadlinePhrase(reminder.procedure.deadline, reminder.procedure.legal)}
          <br />
          <span class="fr-text--sm">
            {days.length > 1 ? 'Rappels' : 'Rappel'} le {days.join(' et le ')}
          </span>
        </li>
      ))}
    </ul>
  );
}

function TextInput(props: {
  name: string;
  label: string;
  hint: string;
  type: 'email' | 'tel';
  autoComplete: string;
  values: FormValues;
  errors: FieldError[];
}) {
  const error = errorOf(props.errors, props.name);
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={props.name}>
        {props.label}
        <span class="fr-hint-text">{props.hint}</span>
      </label>
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={props.name}
        name={props.name}
        type={props.type}
        autoComplete={props.autoComplete}
        spellcheck={false}
        value={value(props.values, props.name)}
        aria-describedby={error ? `${props.name}-error` : undefined}
      />
      {error && (
        <p id={`${props.name}-error`} class="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

export interface SavePageProps {
  ctx: ViewContext;
  event: LifeEvent;
  /** Whether this browser holds answers to save. */
  hasAnswers: boolean;
  /** The last day the link would work, and why that day. */
  expiresOn: string;
  expiryBasis: ExpiryBasis;
  /** The reminders that would be sent (empty: nothing dated ahead). */
  schedule: PlannedReminder[];
  smsAvailable: boolean;
  values: FormValues;
  errors: FieldError[];
}

/** The save page: what is kept and until when, the opt-in to reminders, and the button. */
export function SavePage(props: SavePageProps) {
  const { ctx, event, hasAnswers, expiresOn, expiryBasis, schedule, smsAvailable, values, errors } = props;
  const remindersError = errorOf(errors, 'reminders');
  const consentError = errorOf(errors, 'consent');
  const chosen = value(values, 'reminders') || 'non';
  const options: [string, string][] = [
    ['non', 'Non merci'],
    ['courriel', 'Par courriel'],
    ...(smsAvailable ? [['sms', 'Par SMS'] as [string, string]] : []),
  ];
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 ? 'Erreur — ' : ''}Enregistrer mon plan — ${event.title}`}
      breadcrumb={[...crumbs, { href: base(event), label: event.title }]}
    >
      <h1>Enregistrer mon plan</h1>
      <ErrorSummary errors={errors} />
      <p>
        Nous vous donnons un <strong>lien privé</strong> : il rouvre vos réponses et votre plan, sur cet
        appareil ou un autre, jusqu’au <strong data-expires-on={expiresOn}>{frenchDate(expiresOn)}</strong>
        {expiryBasis === 'last-deadline'
          ? ', un mois après la dernière date de votre plan'
          : expiryBasis === 'minimum'
            ? ', soit 30 jours'
            : ', soit deux ans : nous ne gardons pas de réponses plus longtemps'}
        .
      </p>
      <ul>
        <li>
          Nous gardons vos réponses, sans votre nom. Le lien lui-même n’est pas gardé : ne le perdez pas.
        </li>
        <li>Vous pouvez les effacer à tout moment depuis la page qui vous donne le lien.</li>
        <li>Ensuite, elles sont effacées d’elles-mêmes.</li>
      </ul>
      {!hasAnswers ? (
        <div class="fr-callout">
          <p class="fr-callout__text">
            Ce navigateur n’a pas encore de réponses pour ce moment de vie : il n’y a rien à enregistrer.
          </p>
          <a class="fr-btn" href={`${base(event)}/questions`}>
            Répondre aux questions
          </a>
        </div>
      ) : (
        <form method="post" action={`${base(event)}/enregistrer`} novalidate>
          <CsrfField ctx={ctx} />
          {schedule.length > 0 ? (
            <>
              <h2>Recevoir des rappels (facultatif)</h2>
              <p>
                Un message une semaine avant, puis la veille de chaque date de votre plan, avec le lien privé
                et un lien pour arrêter les rappels. Un premier message part tout de suite.
              </p>
              <ScheduleList schedule={schedule} />
              <fieldset
                class={`fr-fieldset${remindersError ? ' fr-fieldset--error' : ''}`}
                id="reminders"
                aria-labelledby={`reminders-legend${remindersError ? ' reminders-messages' : ''}`}
              >
                <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="reminders-legend">
                  Voulez-vous des rappels ?
                </legend>
                {options.map(([optionValue, label]) => (
                  <div class="fr-fieldset__element">
                    <div class="fr-radio-group">
                      <input
                        type="radio"
                        id={`reminders-${optionValue}`}
                        name="reminders"
                        value={optionValue}
                        checked={chosen === optionValue}
                      />
                      <label class="fr-label" for={`reminders-${optionValue}`}>
                        {label}
                      </label>
                    </div>
                  </div>
                ))}
                <div class="fr-messages-group" id="reminders-messages" aria-live="polite">
                  {remindersError && <p class="fr-message fr-message--error">{remindersError}</p>}
                </div>
              </fieldset>
              <TextInput
                name="email"
                label="Adresse électronique"
                hint="Pour les rappels par courriel. Par exemple nom@exemple.fr"
                type="email"
                autoComplete="email"
                values={values}
                errors={errors}
              />
              {smsAvailable ? (
                <TextInput
                  name="phone"
                  label="Numéro de téléphone portable"
                  hint="Pour les rappels par SMS. Par exemple 06 12 34 56 78"
                  type="tel"
                  autoComplete="tel"
                  values={values}
                  errors={errors}
                />
              ) : (
                <p class="fr-text--sm">Les rappels par SMS ne sont pas encore disponibles.</p>
              )}
              <div class={`fr-checkbox-group${consentError ? ' fr-checkbox-group--error' : ''} fr-mb-3w`}>
                <input
                  type="checkbox"
                  id="consent"
                  name="consent"
                  value="oui"
                  checked={value(values, 'consent') === 'oui'}
                  aria-describedby="consent-messages"
                />
                <label class="fr-label" for="consent">
                  {consentSentence(expiresOn)}
                </label>
                <div class="fr-messages-group" id="consent-messages" aria-live="assertive">
                  {consentError && <p class="fr-message fr-message--error">{consentError}</p>}
                </div>
              </div>
            </>
          ) : (
            <p class="fr-text--sm">
              Votre plan n’a pas de date à venir : il n’y a pas de rappel à programmer.
            </p>
          )}
          <button class="fr-btn fr-icon-save-line fr-btn--icon-left" type="submit">
            Enregistrer mon plan
          </button>
        </form>
      )}
    </Layout>
  );
}

/** The reminders just asked for, as the saved page says them. */
export interface SavedReminders {
  channel: ReminderChannel;
  contact: string;
  schedule: PlannedReminder[];
}

/** After saving: the private link, until when it works, the reminders asked for, and how to erase it all. */
export function SavedPage({
  ctx,
  event,
  link,
  expiresOn,
  reminders,
}: {
  ctx: ViewContext;
  event: LifeEvent;
  link: string;
  expiresOn: string;
  reminders: SavedReminders | null;
}) {
  return (
    <Layout ctx={ctx} title={`Réponses enregistrées — ${event.title}`} breadcrumb={crumbs}>
      <h1>Vos réponses sont enregistrées</h1>
      <div class="fr-alert fr-alert--success fr-mb-4w">
        <p>
          Gardez ce lien privé : il permet de reprendre vos réponses jusqu’au{' '}
          <span data-expires-on={expiresOn}>{frenchDate(expiresOn)}</span>.
        </p>
      </div>
      <p>
        <a href={link} class="sc-break-all" data-resume-link>
          {link}
        </a>
      </p>
      <p>
        Copiez-le dans vos notes ou envoyez-le vous. Ne le partagez qu’avec une personne de confiance : il
        donne accès à vos réponses.
      </p>
      {reminders && (
        <div class="fr-callout fr-mb-4w" data-reminders={reminders.channel}>
          <h2 class="fr-callout__title">Rappels activés</h2>
          <p class="fr-callout__text">
            {reminders.channel === 'email'
              ? `Par courriel à ${reminders.contact}`
              : `Par SMS au ${displayPhone(reminders.contact)}`}{' '}
            : un premier message part tout de suite, avec le lien privé. Chaque message contient un lien pour
            arrêter les rappels.
          </p>
          <ScheduleList schedule={reminders.schedule} />
        </div>
      )}
      <p>
        <a class="fr-btn fr-btn--secondary" href={`${base(event)}/recapitulatif`}>
          Revenir à mes réponses
        </a>
      </p>
      {/* Outside a DSFR button group: there, a button with an icon loses its words on a narrow screen. */}
      <form method="post" action={`${link.slice(link.indexOf('/moments-de-vie/'))}/supprimer`}>
        <CsrfField ctx={ctx} />
        <p class="fr-text--sm fr-mb-1w">
          Vous pouvez effacer ces réponses enregistrées dès maintenant
          {reminders ? ', et les rappels avec elles' : ''}.
        </p>
        <button class="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left" type="submit">
          Supprimer ces réponses enregistrées
        </button>
      </form>
    </Layout>
  );
}

/** A private link that expired, was erased, or does not exist: say which, and offer to start again. */
export function ResumeFailedPage({
  ctx,
  event,
  reason,
  erasedOn,
}: {
  ctx: ViewContext;
  event: LifeEvent | null;
  reason: 'expired' | 'erased' | 'unknown';
  erasedOn?: string;
}) {
  const title =
    reason === 'expired'
      ? 'Ce lien a expiré'
      : reason === 'erased'
        ? 'Ces réponses ont été effacées'
        : 'Ce lien ne fonctionne pas';
  const text =
    reason === 'expired'
      ? 'Les réponses enregistrées ne sont gardées qu’un mois après la dernière date du plan (30 jours au moins), pour protéger vos données. Elles ont été effacées, et les rappels avec elles.'
      : reason === 'erased'
        ? `Les réponses de ce lien ont été effacées${erasedOn ? ` le ${frenchDate(erasedOn)}` : ''}, à la demande d’une personne qui avait le lien. Le lien ne fonctionne plus et aucun rappel ne sera envoyé.`
        : 'Le lien est incomplet (vérifiez que vous l’avez copié en entier), ou les réponses ont été effacées.';
  return (
    <Layout ctx={ctx} title={title} breadcrumb={crumbs}>
      <h1>{title}</h1>
      <p>{text}</p>
      <a class="fr-btn" href={event ? `${base(event)}/questions` : '/moments-de-vie'}>
        Recommencer
      </a>
    </Layout>
  );
}

/** After deleting saved answers at the resident's request. */
export function SavedDeletedPage({ ctx, deleted }: { ctx: ViewContext; deleted: boolean }) {
  const title = deleted ? 'Vos réponses enregistrées sont effacées' : 'Ce lien ne fonctionne pas';
  return (
    <Layout ctx={ctx} title={title} breadcrumb={crumbs}>
      <h1>{title}</h1>
      <p>
        {deleted
          ? 'Le lien privé ne fonctionne plus, et les rappels éventuels sont arrêtés. Les réponses gardées dans ce navigateur restent jusqu’à ce que vous les effaciez.'
          : 'Les réponses ont déjà été effacées.'}
      </p>
      <a class="fr-btn" href="/moments-de-vie">
        Moments de vie
      </a>
    </Layout>
  );
}

/** On the next visit of the private link: the reminders' address or number was refused. */
export function RefusalNoticePage({
  ctx,
  event,
  notice,
}: {
  ctx: ViewContext;
  event: LifeEvent;
  notice: RefusalNotice;
}) {
  const what =
    notice.channel === 'email'
      ? `L’adresse ${notice.contact} a été refusée par son serveur de messagerie`
      : `Le numéro ${displayPhone(notice.contact)} a été refusé par l’opérateur`;
  return (
    <Layout ctx={ctx} title={`Vos rappels sont arrêtés — ${event.title}`} breadcrumb={crumbs}>
      <h1>Vos rappels n’ont pas pu être envoyés</h1>
      <div class="fr-alert fr-alert--warning fr-mb-4w" data-refusal={notice.channel}>
        <p>
          {what} : les rappels sont arrêtés et {notice.channel === 'email' ? 'cette adresse' : 'ce numéro'}{' '}
          est effacé{notice.channel === 'email' ? 'e' : ''}. Vos réponses, elles, sont bien là.
        </p>
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={`${base(event)}/recapitulatif`}>
            Voir mes réponses
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={`${base(event)}/enregistrer`}>
            Demander des rappels à une autre adresse
          </a>
        </li>
      </ul>
    </Layout>
  );
}

/** The page of the stop link: stopped now, already stopped, or an unknown link. */
export function StopPage({
  ctx,
  event,
  outcome,
  reason,
}: {
  ctx: ViewContext;
  event: LifeEvent | null;
  outcome: 'stopped' | 'already' | 'unknown';
  reason: 'request' | 'refused' | null;
}) {
  const title =
    outcome === 'stopped'
      ? 'Vos rappels sont arrêtés'
      : outcome === 'already'
        ? 'Vos rappels étaient déjà arrêtés'
        : 'Ce lien ne correspond à aucun rappel';
  return (
    <Layout ctx={ctx} title={title} breadcrumb={crumbs}>
      <h1>{title}</h1>
      {outcome === 'unknown' ? (
        <p>
          Les réponses enregistrées ont été effacées ou leur lien a expiré (les rappels sont alors arrêtés),
          ou le lien est incomplet : vérifiez que vous l’avez copié en entier.
        </p>
      ) : (
        <>
          <p data-stopped>
            {outcome === 'already' && reason === 'refused'
              ? 'L’adresse ou le numéro avait été refusé : aucun rappel ne part plus.'
              : 'Vous ne recevrez plus aucun rappel pour ce plan. Votre adresse ou votre numéro est effacé.'}
          </p>
          <p>
            Votre lien privé fonctionne toujours : pour recevoir de nouveau des rappels, ouvrez-le puis
            enregistrez votre plan une nouvelle fois.
          </p>
        </>
      )}
      <a class="fr-btn fr-btn--secondary" href={event ? base(event) : '/moments-de-vie'}>
        {event ? event.title : 'Moments de vie'}
      </a>
    </Layout>
  );
}
