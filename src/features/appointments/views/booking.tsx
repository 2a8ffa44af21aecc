// The resident's booking pages, without an account and without JavaScript: the free slots of a place, the form
// (name, e-mail or phone, consent), and the page of the link received (confirmation, calendar file, cancel, move).
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { frenchDate } from '../../../platform/dates.ts';
import type { Place } from '../../territory/store.ts';
import type { Motif, AppointmentRow } from '../store.ts';
import { channelLabels, placeLine, whenText } from '../messages.ts';
import { CheckField, Errors, TextField } from './form.tsx';
import { SatisfactionInvite } from '../../pilotage/views/satisfaction.tsx';

/** "9 h", "9 h 30". */
export function hourText(time: string): string {
  const [h, m] = time.split(':');
  return `${Number(h)} h${m === '00' ? '' : ` ${m}`}`;
}

/** One day's free slots: links (GET) to the booking form, so that no script is needed. */
export interface DaySlots {
  date: string;
  slots: { id: string; time: string; motifName: string }[];
}

function PlaceHeader({ place }: { place: Place }) {
  return (
    <p class="fr-mb-3w">
      <strong>{place.name}</strong>
      {place.address && (
        <>
          <br />
          {place.address}, {place.postalCode} {place.commune?.name}
        </>
      )}
    </p>
  );
}

/** The free slots of a place, by day, with the choice of motif. */
export function SlotsPage(props: {
  ctx: ViewContext;
  place: Place;
  motifs: Motif[];
  motif: Motif | null;
  days: DaySlots[];
  from: string;
  nextFrom: string;
  previousFrom: string | null;
  notice?: string;
  base: string;
  /** Appended to every link (an agent booking from a shared case carries `dossier`). */
  carry?: Record<string, string>;
  title?: string;
}) {
  const { ctx, place, motifs, motif, days } = props;
  const link = (params: Record<string, string>) =>
    `${props.base}?${new URLSearchParams({ lieu: place.slug, ...(motif ? { motif: motif.id } : {}), ...props.carry, ...params })}`;
  const carry = props.carry ? `&${new URLSearchParams(props.carry)}` : '';
  const title = props.title ?? 'Prendre rendez-vous';
  return (
    <Layout ctx={ctx} title={title} breadcrumb={[{ href: `/lieux/${place.slug}`, label: place.name }]}>
      <h1>{title}</h1>
      <PlaceHeader place={place} />
      {props.notice && (
        <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert">
          <p>{props.notice}</p>
        </div>
      )}
      {motifs.length === 0 ? (
        <p>
          Ce lieu ne propose pas encore de rendez-vous en ligne. Téléphonez-lui ou venez aux heures
          d’ouverture.
        </p>
      ) : (
        <>
          <h2 class="fr-h4">Pour quoi ?</h2>
          <ul class="fr-tags-group fr-mb-3w">
            {motifs.map((m) => (
              <li>
                <a
                  class="fr-tag"
                  href={`${props.base}?${new URLSearchParams({ lieu: place.slug, motif: m.id, ...props.carry })}`}
                  aria-current={motif?.id === m.id ? 'true' : undefined}
                >
                  {m.name} ({m.durationMinutes} min, {channelLabels[m.channel]})
                </a>
              </li>
            ))}
          </ul>
          {motif?.instructionsBefore && <p class="fr-text--sm">{motif.instructionsBefore}</p>}
          <h2 class="fr-h4">Quand ?</h2>
          {days.length === 0 ? (
            <p>Aucun créneau libre entre le {frenchDate(props.from)} et le jour affiché suivant.</p>
          ) : (
            days.map((day) => (
              <section class="fr-mb-3w" data-day={day.date}>
                <h3 class="fr-h6 fr-mb-1w">{frenchDate(day.date)}</h3>
                <ul class="sc-slots">
                  {day.slots.map((slot) => (
                    <li>
                      <a
                        class="fr-btn fr-btn--secondary fr-btn--sm"
                        href={`${props.base}/reserver?creneau=${slot.id}${carry}`}
                        data-slot={slot.id}
                      >
                        {hourText(slot.time)}
                        <span class="fr-sr-only">
                          {' '}
                          le {frenchDate(day.date)}, {slot.motifName}
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )}
          <ul class="fr-btns-group fr-btns-group--inline-md">
            {props.previousFrom && (
              <li>
                <a class="fr-btn fr-btn--tertiary" href={link({ du: props.previousFrom })}>
                  Jours précédents
                </a>
              </li>
            )}
            <li>
              <a class="fr-btn fr-btn--tertiary" href={link({ du: props.nextFrom })}>
                Jours suivants
              </a>
            </li>
          </ul>
        </>
      )}
    </Layout>
  );
}

/** The form to book one slot. */
export function BookingFormPage(props: {
  ctx: ViewContext;
  action: string;
  slotId: string;
  place: Place;
  motif: Motif;
  date: string;
  time: string;
  values: Record<string, string | undefined>;
  errors: FieldError[];
  /** The slot was taken in between: say so kindly and point at the others. */
  taken?: string;
  otherSlotsUrl: string;
  /**
   * An agent books for a resident; from a shared case, its reference and whether the resident's contact was
   * taken from it (null: the form was sent back with what the agent typed).
   */
  onBehalf?: { caseId: string | null; reference?: string; prefilled?: boolean | null };
}) {
  const { ctx, place, motif, values, errors } = props;
  return (
    <Layout
      ctx={ctx}
      title="Vos coordonnées pour le rendez-vous"
      breadcrumb={[{ href: props.otherSlotsUrl, label: 'Prendre rendez-vous' }]}
    >
      <h1>{props.onBehalf ? 'Prendre rendez-vous pour un usager' : 'Vos coordonnées pour le rendez-vous'}</h1>
      {props.taken ? (
        <div class="fr-alert fr-alert--warning fr-mb-4w" role="alert">
          <h2 class="fr-alert__title">Ce créneau n’est plus libre</h2>
          <p>{props.taken}</p>
          <p>
            <a href={props.otherSlotsUrl}>Voir les autres créneaux libres</a>
          </p>
        </div>
      ) : (
        <Errors errors={errors} />
      )}
      <div class="fr-callout fr-mb-4w">
        <p class="fr-callout__text">
          {motif.name} — {frenchDate(props.date)} à {hourText(props.time)} ({motif.durationMinutes} minutes,{' '}
          {channelLabels[motif.channel]})
          <br />
          {place.name}
          {place.address ? `, ${place.address}, ${place.postalCode ?? ''} ${place.commune?.name ?? ''}` : ''}
        </p>
      </div>
      {props.onBehalf?.reference && (
        <div class="fr-notice fr-notice--info fr-mb-4w" id="dossier">
          <div class="fr-container">
            <div class="fr-notice__body">
              <p class="fr-notice__title">
                Pour l’usager du dossier{' '}
                <a href={`/dossiers/${props.onBehalf.caseId}`}>{props.onBehalf.reference}</a>
                {props.onBehalf.prefilled === true &&
                  ' : ses coordonnées sont reprises du dossier, vérifiez-les avec lui.'}
                {props.onBehalf.prefilled === false &&
                  ' : ses coordonnées ne sont pas reprises (consentement expiré ou données effacées), demandez-les-lui.'}{' '}
                Le rendez-vous sera noté dans les échanges du dossier.
              </p>
            </div>
          </div>
        </div>
      )}
      {motif.instructionsBefore && <p>{motif.instructionsBefore}</p>}
      {!props.taken && (
        <form method="post" action={props.action} novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="creneau" value={props.slotId} />
          {props.onBehalf?.caseId && <input type="hidden" name="dossier" value={props.onBehalf.caseId} />}
          <TextField
            name="prenom"
            label="Prénom"
            value={values.prenom}
            errors={errors}
            autoComplete="given-name"
          />
          <TextField name="nom" label="Nom" value={values.nom} errors={errors} autoComplete="family-name" />
          <TextField
            name="courriel"
            label="Adresse de courriel"
            hint="Pour recevoir la confirmation, le rappel et le lien pour annuler. Ou bien un téléphone."
            type="email"
            value={values.courriel}
            errors={errors}
            autoComplete="email"
          />
          <TextField
            name="telephone"
            label="Téléphone portable"
            hint="Pour recevoir un SMS de rappel. Format : 06 12 34 56 78"
            type="tel"
            value={values.telephone}
            errors={errors}
            autoComplete="tel"
          />
          <CheckField
            name="consentement"
            label={
              props.onBehalf
                ? 'L’usager est d’accord pour que ses coordonnées servent à ce rendez-vous (rappel, annulation) ; elles sont effacées 3 mois après.'
                : 'J’accepte que ces coordonnées servent à ce rendez-vous (confirmation, rappel, annulation) ; elles sont effacées 3 mois après.'
            }
            checked={values.consentement === 'oui'}
            errors={errors}
          />
          <button class="fr-btn" type="submit">
            Confirmer le rendez-vous
          </button>
        </form>
      )}
    </Layout>
  );
}

/** The page of the link received: the appointment, its calendar file, cancel or move. */
export function ManagePage(props: {
  ctx: ViewContext;
  token: string;
  appointment: AppointmentRow;
  problem: string | null;
  confirmed: boolean;
  cancelled: boolean;
  errors: FieldError[];
  /** Given by the page of the link: once the appointment is past, it asks for the resident's opinion. */
  now?: Date;
}) {
  const { ctx, appointment: a, token, problem } = props;
  const base = `/rendez-vous/gerer/${token}`;
  return (
    <Layout ctx={ctx} title="Votre rendez-vous" breadcrumb={[]}>
      <h1>Votre rendez-vous</h1>
      {props.confirmed && (
        <div class="fr-alert fr-alert--success fr-mb-4w" role="status">
          <h2 class="fr-alert__title">Rendez-vous confirmé</h2>
          <p>
            Gardez cette page : son adresse sert à annuler ou déplacer le rendez-vous. Elle vous est aussi
            envoyée.
          </p>
        </div>
      )}
      {props.cancelled && (
        <div class="fr-alert fr-alert--success fr-mb-4w" role="status">
          <h2 class="fr-alert__title">Rendez-vous annulé</h2>
          <p>Le créneau est libéré pour quelqu’un d’autre. Merci de nous avoir prévenus.</p>
        </div>
      )}
      <Errors errors={props.errors} />
      <div class="fr-callout fr-mb-4w">
        <h2 class="fr-callout__title fr-h5">{a.motif_name}</h2>
        <p class="fr-callout__text">
          Le {whenText(a.starts_at)} ({a.duration_minutes} minutes, {channelLabels[a.channel]})
          <br />
          {placeLine(a)}
          {a.place_phone && (
            <>
              <br />
              Téléphone du lieu : {a.place_phone}
            </>
          )}
        </p>
      </div>
      {problem ? (
        <>
          <p class="fr-alert fr-alert--info fr-mb-4w">{problem}</p>
          {/* Once the appointment has taken place (not cancelled), the link asks how it went (issue 17). */}
          {props.now &&
            a.starts_at.getTime() <= props.now.getTime() &&
            a.status !== 'cancelled-by-resident' &&
            a.status !== 'cancelled-by-service' && (
              <SatisfactionInvite
                subject="appointment"
                commune={a.place_commune}
                territoryId={a.place_territory}
              />
            )}
        </>
      ) : (
        <>
          {a.instructions_after && <p>{a.instructions_after}</p>}
          <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
            <li>
              <a class="fr-btn fr-btn--secondary" href={`${base}/rendez-vous.ics`}>
                Ajouter à mon agenda
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href={`${base}/deplacer`}>
                Choisir un autre créneau
              </a>
            </li>
          </ul>
          <form method="post" action={`${base}/annuler`}>
            <CsrfField ctx={ctx} />
            <button class="fr-btn fr-btn--tertiary" type="submit">
              Annuler ce rendez-vous
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

/** Move: the free slots of the same place and motif, each a button that moves the appointment. */
export function MovePage(props: {
  ctx: ViewContext;
  token: string;
  appointment: AppointmentRow;
  days: DaySlots[];
}) {
  const { ctx, token, appointment: a, days } = props;
  return (
    <Layout
      ctx={ctx}
      title="Déplacer votre rendez-vous"
      breadcrumb={[{ href: `/rendez-vous/gerer/${token}`, label: 'Votre rendez-vous' }]}
    >
      <h1>Déplacer votre rendez-vous</h1>
      <p>
        Actuellement : {a.motif_name}, le {whenText(a.starts_at)}, {a.place_name}. Choisissez un autre créneau
        : l’ancien sera libéré.
      </p>
      {days.length === 0 && (
        <p>Aucun autre créneau libre dans les semaines qui viennent : appelez le lieu.</p>
      )}
      {days.map((day) => (
        <section class="fr-mb-3w">
          <h2 class="fr-h6 fr-mb-1w">{frenchDate(day.date)}</h2>
          <ul class="sc-slots">
            {day.slots.map((slot) => (
              <li>
                <form method="post" action={`/rendez-vous/gerer/${token}/deplacer`}>
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="creneau" value={slot.id} />
                  <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
                    {hourText(slot.time)}
                    <span class="fr-sr-only"> le {frenchDate(day.date)}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
