// The bus tour's editing pages: the tour with its stops and a form to add one; a stop with its calendar's form,
// its coming passages to cancel one, the cancelled ones to restore, and its removal. Each is re-shown after a
// wrong field with the French message beside it, the error summary at the top and what the person typed kept.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { frenchDate } from '../../../platform/dates.ts';
import { ErrorSummary, errorOf, SelectGroup, TextField } from '../../../platform/views/form.tsx';
import { hourText, rhythmText, type Passage } from '../bus.ts';
import type { BusStop } from '../store.ts';
import type { BusTour } from '../bus-store.ts';
import { Notice, one, type FormValues } from './offer-forms.tsx';

export const stopFieldLabels: Record<string, string> = {
  commune: 'Commune',
  adresse: 'Lieu de l’arrêt',
  premier: 'Premier passage',
  rythme: 'Rythme',
  debut: 'Heure d’arrivée',
  fin: 'Heure de départ',
  dernier: 'Dernier passage',
  date: 'Passage à annuler',
  motif: 'Motif',
  'rendez-vous': 'Rendez-vous pris',
};

/** The calendar's fields, shared by adding and changing a stop. */
function CalendarFields({ v, errors }: { v: FormValues; errors: FieldError[] }) {
  const e = (name: string) => errorOf(errors, name);
  return (
    <>
      <TextField
        name="premier"
        label="Premier passage"
        hint="Sa date donne le jour de la semaine des passages suivants (AAAA-MM-JJ)."
        type="date"
        value={one(v, 'premier')}
        error={e('premier')}
        required
      />
      <TextField
        name="rythme"
        label="Rythme, en semaines"
        hint="1 : chaque semaine ; 2 : une semaine sur deux ; jusqu’à 8."
        value={one(v, 'rythme')}
        error={e('rythme')}
        inputMode="numeric"
        required
      />
      <TextField
        name="debut"
        label="Heure d’arrivée du bus"
        hint="Exemple : 09:15"
        value={one(v, 'debut')}
        error={e('debut')}
        required
      />
      <TextField
        name="fin"
        label="Heure de départ du bus"
        hint="Exemple : 12:30"
        value={one(v, 'fin')}
        error={e('fin')}
        required
      />
      <TextField
        name="dernier"
        label="Dernier passage (facultatif)"
        hint="Laissez vide si l’arrêt continue (AAAA-MM-JJ)."
        type="date"
        value={one(v, 'dernier')}
        error={e('dernier')}
      />
    </>
  );
}

/** The stops of a tour and the form adding one. */
export function TourPage(props: {
  ctx: ViewContext;
  tour: BusTour;
  stops: BusStop[];
  values?: FormValues;
  errors: FieldError[];
  notice?: string;
}) {
  const { ctx, tour, stops, errors } = props;
  const v = props.values ?? { rythme: '2' };
  const e = (name: string) => errorOf(errors, name);
  return (
    <Layout
      ctx={ctx}
      title={`Arrêts du bus : ${tour.name}`}
      breadcrumb={[{ href: '/offre', label: 'L’offre du territoire' }]}
    >
      <h1>{tour.name}</h1>
      <Notice text={props.notice} />
      <ErrorSummary errors={errors} labels={stopFieldLabels} />
      <p>
        Les usagers voient ces passages sur la page du bus de leur commune, sur leur plan et quand ils
        prennent rendez-vous : un rendez-vous ne se prend que pendant un passage.
      </p>
      <h2>Arrêts</h2>
      {stops.length === 0 ? (
        <p>Aucun arrêt pour l’instant.</p>
      ) : (
        <ul>
          {stops.map((s) => (
            <li class="fr-mb-2w" data-stop={s.id}>
              <strong>{s.place.communeName}</strong> — {s.place.name}
              {s.place.address ? `, ${s.place.address}` : ''}
              <br />
              {rhythmText(s)}, de {hourText(s.starts)} à {hourText(s.ends)}, depuis le{' '}
              {frenchDate(s.firstDate)}
              {s.untilDate ? ` jusqu’au ${frenchDate(s.untilDate)}` : ''}
              {s.cancellations.length > 0 &&
                ` ; ${s.cancellations.length === 1 ? 'un passage annulé' : `${s.cancellations.length} passages annulés`}`}
              <br />
              <a href={`/offre/bus/${tour.slug}/arrets/${s.id}`}>
                Modifier, annuler un passage ou retirer
                <span class="fr-sr-only"> l’arrêt de {s.place.communeName}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2 id="ajouter">Ajouter un arrêt</h2>
      <form method="post" action={`/offre/bus/${tour.slug}/arrets`} class="fr-mb-4w" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset class="fr-fieldset" aria-labelledby="ou-legend">
          <legend class="fr-fieldset__legend" id="ou-legend">
            Où
          </legend>
          <div class="fr-fieldset__element">
            <TextField
              name="commune"
              label="Commune (code INSEE)"
              hint="Cinq caractères, exemple : 46007 pour Arcambal. Une commune du territoire."
              value={one(v, 'commune')}
              error={e('commune')}
              required
            />
          </div>
          <div class="fr-fieldset__element">
            <TextField
              name="adresse"
              label="Lieu de l’arrêt (facultatif)"
              hint="Exemple : place de la mairie. Si le bus s’arrête déjà dans la commune, son arrêt est repris."
              value={one(v, 'adresse')}
              error={e('adresse')}
            />
          </div>
        </fieldset>
        <fieldset class="fr-fieldset" aria-labelledby="quand-legend">
          <legend class="fr-fieldset__legend" id="quand-legend">
            Quand
          </legend>
          <div class="fr-fieldset__element">
            <CalendarFields v={v} errors={errors} />
          </div>
        </fieldset>
        <button class="fr-btn" type="submit">
          Ajouter l’arrêt
        </button>
      </form>
    </Layout>
  );
}

/** The values of a stored stop's calendar. */
export function stopFormValues(stop: BusStop): FormValues {
  return {
    premier: stop.firstDate,
    rythme: String(stop.everyWeeks),
    debut: stop.starts,
    fin: stop.ends,
    dernier: stop.untilDate ?? '',
  };
}

/** One stop: its calendar, its coming passages (to cancel one), its cancelled passages, its removal. */
export function StopPage(props: {
  ctx: ViewContext;
  tour: BusTour;
  stop: BusStop;
  passages: Passage[];
  values?: FormValues;
  errors: FieldError[];
  notice?: string;
}) {
  const { ctx, tour, stop, errors } = props;
  // What was sent (a calendar or a cancellation) over what is stored: the other form keeps the stored values.
  const v = { ...stopFormValues(stop), ...(props.values ?? {}) };
  const e = (name: string) => errorOf(errors, name);
  const base = `/offre/bus/${tour.slug}/arrets/${stop.id}`;
  const coming = props.passages.filter((p) => !p.cancelled);
  const appointmentsError = e('rendez-vous');
  return (
    <Layout
      ctx={ctx}
      title={`Arrêt du bus à ${stop.place.communeName}`}
      breadcrumb={[
        { href: '/offre', label: 'L’offre du territoire' },
        { href: `/offre/bus/${tour.slug}`, label: tour.name },
      ]}
    >
      <h1>Arrêt du bus à {stop.place.communeName}</h1>
      <Notice text={props.notice} />
      <ErrorSummary errors={errors} labels={stopFieldLabels} />
      {appointmentsError && (
        <div class="fr-alert fr-alert--error fr-mb-3w" id="rendez-vous">
          <h2 class="fr-alert__title">Des rendez-vous sont pris</h2>
          <p>{appointmentsError}</p>
        </div>
      )}
      <p>
        {stop.place.name}
        {stop.place.address ? `, ${stop.place.address}` : ''} —{' '}
        <a href={`/bus/${stop.place.communeInsee}`}>page publique du bus à {stop.place.communeName}</a>
      </p>
      <h2>Jours et heures</h2>
      <p>
        Aujourd’hui : {rhythmText(stop)}, de {hourText(stop.starts)} à {hourText(stop.ends)}.
      </p>
      <form method="post" action={base} class="fr-mb-4w" novalidate>
        <CsrfField ctx={ctx} />
        <CalendarFields v={v} errors={errors} />
        <button class="fr-btn" type="submit">
          Enregistrer les jours et heures
        </button>
      </form>
      <h2>Annuler un passage</h2>
      <p>
        Les usagers voient le passage annulé, comme une fermeture, sur la page du bus et celle de l’arrêt.
      </p>
      {coming.length === 0 ? (
        <p>Aucun passage à venir dans les douze semaines qui viennent.</p>
      ) : (
        <form method="post" action={`${base}/annulations`} class="fr-mb-4w" novalidate>
          <CsrfField ctx={ctx} />
          <SelectGroup name="date" label="Passage à annuler" error={e('date')}>
            <option value="">Choisir</option>
            {coming.map((p) => (
              <option value={p.date} selected={one(v, 'date') === p.date}>
                {frenchDate(p.date)}, {hourText(p.starts)} – {hourText(p.ends)}
              </option>
            ))}
          </SelectGroup>
          <TextField
            name="motif"
            label="Motif affiché aux usagers (facultatif)"
            hint="Exemple : bus en panne"
            value={one(v, 'motif')}
            error={e('motif')}
          />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Annuler ce passage
          </button>
        </form>
      )}
      {stop.cancellations.length > 0 && (
        <>
          <h2>Passages annulés</h2>
          <ul>
            {stop.cancellations.map((c) => (
              <li data-cancellation={c.date}>
                {frenchDate(c.date)}
                {c.reason ? ` (${c.reason})` : ''}
                <form method="post" action={`${base}/annulations/${c.id}/retablir`} class="fr-mt-1w">
                  <CsrfField ctx={ctx} />
                  <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                    Rétablir le passage<span class="fr-sr-only"> du {frenchDate(c.date)}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Retirer l’arrêt</h2>
      <p>Le bus ne passera plus à {stop.place.communeName} pour cet arrêt ; le lieu reste dans l’annuaire.</p>
      <form method="post" action={`${base}/supprimer`}>
        <CsrfField ctx={ctx} />
        <button class="fr-btn fr-btn--tertiary" type="submit">
          Retirer l’arrêt de {stop.place.communeName}
        </button>
      </form>
    </Layout>
  );
}
