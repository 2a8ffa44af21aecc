// The agents' pages: the day or week agenda with the outcome of each appointment and walk-in visits; the opening
// ranges, one occurrence, absences and the calendar feed. Forms post; no script needed.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { frenchDate, parisDateTime } from '../../../platform/dates.ts';
import type { AppointmentRow, Motif, Range } from '../store.ts';
import { outcomeLabels, statusLabels } from '../agenda.ts';
import { hourText } from './booking.tsx';
import { Errors, TextField } from './form.tsx';

const weekdayNames = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** A place an agent may choose. */
export interface PlaceChoice {
  slug: string;
  name: string;
}

function PlaceSelect(props: { name: string; label: string; places: PlaceChoice[]; errors: FieldError[] }) {
  const error = props.errors.find((e) => e.field === props.name)?.message;
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={props.name}>
        {props.label}
      </label>
      <select class="fr-select" id={props.name} name={props.name}>
        <option value="">Choisir un lieu</option>
        {props.places.map((p) => (
          <option value={p.slug}>{p.name}</option>
        ))}
      </select>
      {error && <p class="fr-error-text">{error}</p>}
    </div>
  );
}

/** The day or week agenda. */
export function AgendaPage(props: {
  ctx: ViewContext;
  from: string;
  days: number;
  appointments: AppointmentRow[];
  places: PlaceChoice[];
  walkIns: { slug: string; name: string; reason: string; count: number }[];
  now: Date;
  notice?: string;
  errors: FieldError[];
}) {
  const { ctx, appointments, from, days } = props;
  const week = days === 7;
  const dates = Array.from({ length: days }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    return d.toISOString().slice(0, 10);
  });
  const shift = (n: number) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return `/agenda?jour=${d.toISOString().slice(0, 10)}${week ? '&vue=semaine' : ''}`;
  };
  return (
    <Layout ctx={ctx} title="Mon agenda" breadcrumb={[]}>
      <h1>Mon agenda</h1>
      {props.notice && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <Errors errors={props.errors} />
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <li>
          <a class="fr-btn fr-btn--tertiary" href={shift(-days)}>
            {week ? 'Semaine précédente' : 'Jour précédent'}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--tertiary" href={shift(days)}>
            {week ? 'Semaine suivante' : 'Jour suivant'}
          </a>
        </li>
        <li>
          <a
            class="fr-btn fr-btn--tertiary"
            href={week ? `/agenda?jour=${from}` : `/agenda?jour=${from}&vue=semaine`}
          >
            {week ? 'Voir le jour' : 'Voir la semaine'}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/agenda/rdv">
            Prendre un rendez-vous pour un usager
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/agenda/plages">
            Mes plages et absences
          </a>
        </li>
        {ctx.user?.role === 'organisationManager' && (
          <li>
            <a class="fr-btn fr-btn--secondary" href="/agenda/motifs">
              Motifs de rendez-vous
            </a>
          </li>
        )}
      </ul>
      {dates.map((date) => {
        const today = appointments.filter((a) => parisDateTime(a.starts_at).date === date);
        return (
          <section class="fr-mb-4w" data-date={date}>
            <h2 class="fr-h5">{frenchDate(date)}</h2>
            {today.length === 0 ? (
              <p class="fr-text--sm">Aucun rendez-vous.</p>
            ) : (
              <div class="fr-table fr-table--no-caption">
                <table>
                  <caption>Rendez-vous du {frenchDate(date)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Heure</th>
                      <th scope="col">Usager</th>
                      <th scope="col">Motif et lieu</th>
                      <th scope="col">Issue</th>
                    </tr>
                  </thead>
                  <tbody>
                    {today.map((a) => (
                      <tr data-appointment={a.id}>
                        <td>{hourText(parisDateTime(a.starts_at).time)}</td>
                        <td>
                          {a.first_name} {a.last_name}
                          {a.phone && (
                            <>
                              <br />
                              {a.phone}
                            </>
                          )}
                          {a.case_id && (
                            <>
                              <br />
                              <a href={`/dossiers/${a.case_id}`}>Dossier partagé</a>
                            </>
                          )}
                        </td>
                        <td>
                          {a.motif_name}
                          <br />
                          {a.place_name}
                          {a.agent_id !== ctx.user?.id && (
                            <>
                              <br />
                              avec {a.agent_name}
                            </>
                          )}
                        </td>
                        <td>
                          <p class="fr-mb-1w">
                            <strong>{statusLabels[a.status]}</strong>
                          </p>
                          {a.status !== 'cancelled-by-resident' && (
                            <form method="post" action={`/agenda/rendez-vous/${a.id}/issue`}>
                              <CsrfField ctx={ctx} />
                              <div class="fr-select-group fr-mb-1w">
                                <label class="fr-label" for={`statut-${a.id}`}>
                                  Issue du rendez-vous de {hourText(parisDateTime(a.starts_at).time)}
                                </label>
                                <select class="fr-select" id={`statut-${a.id}`} name="statut">
                                  {Object.entries(outcomeLabels).map(([value, label]) => (
                                    <option value={value} selected={a.status === value}>
                                      {label}
                                    </option>
                                  ))}
                                </select>
                              </div>
                              <button class="fr-btn fr-btn--sm" type="submit">
                                Enregistrer l’issue
                              </button>
                            </form>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
      <h2>Visite sans rendez-vous</h2>
      <form method="post" action="/agenda/passages" class="fr-mb-4w">
        <CsrfField ctx={ctx} />
        <PlaceSelect name="lieu" label="Lieu (ou arrêt du bus)" places={props.places} errors={props.errors} />
        <TextField
          name="motif"
          label="Motif de la visite"
          hint="Quelques mots, sans nom ni donnée personnelle : « carte grise », « dossier CAF »…"
          errors={props.errors}
        />
        <button class="fr-btn" type="submit">
          Compter la visite
        </button>
      </form>
      {props.walkIns.length > 0 && (
        <div class="fr-table">
          <table>
            <caption>Visites sans rendez-vous des 30 derniers jours, par lieu et motif</caption>
            <thead>
              <tr>
                <th scope="col">Lieu</th>
                <th scope="col">Motif</th>
                <th scope="col">Visites</th>
              </tr>
            </thead>
            <tbody>
              {props.walkIns.map((w) => (
                <tr>
                  <td>{w.name}</td>
                  <td>{w.reason}</td>
                  <td>{w.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** The agent's opening ranges, the form to add one, one occurrence, absences and the calendar feed. */
export function RangesPage(props: {
  ctx: ViewContext;
  ranges: Range[];
  motifs: Motif[];
  places: PlaceChoice[];
  absences: { id: string; starts_at: Date; ends_at: Date; reason: string }[];
  feedUrl: string | null;
  errors: FieldError[];
  notice?: string;
}) {
  const { ctx, errors } = props;
  return (
    <Layout ctx={ctx} title="Mes plages et absences" breadcrumb={[{ href: '/agenda', label: 'Mon agenda' }]}>
      <h1>Mes plages et absences</h1>
      {props.notice && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <Errors errors={errors} />
      <h2>Plages d’ouverture</h2>
      {props.ranges.length === 0 ? (
        <p>Aucune plage : ajoutez-en une pour ouvrir des créneaux.</p>
      ) : (
        <ul>
          {props.ranges.map((r) => (
            <li class="fr-mb-2w" data-range={r.id}>
              {weekdayNames[r.weekday - 1]}, {hourText(r.starts)} – {hourText(r.ends)},{' '}
              {r.everyWeeks === 1 ? 'chaque semaine' : `toutes les ${r.everyWeeks} semaines`}, à {r.placeName}{' '}
              (depuis le {frenchDate(r.firstDate)}
              {r.untilDate ? `, jusqu’au ${frenchDate(r.untilDate)}` : ''})
              <details class="fr-mt-1w">
                <summary>Modifier une seule date</summary>
                <form method="post" action={`/agenda/plages/${r.id}/occurrence`}>
                  <CsrfField ctx={ctx} />
                  <TextField
                    name="date"
                    id={`date-${r.id}`}
                    label={`Date (un ${weekdayNames[r.weekday - 1]})`}
                    type="date"
                    errors={[]}
                  />
                  <div class="fr-checkbox-group fr-mb-2w">
                    <input type="checkbox" id={`annuler-${r.id}`} name="annuler" value="oui" />
                    <label class="fr-label" for={`annuler-${r.id}`}>
                      Pas de plage ce jour-là
                    </label>
                  </div>
                  <TextField
                    name="debut"
                    id={`debut-${r.id}`}
                    label="Ou bien : nouvelle heure de début"
                    hint="HH:MM"
                    errors={[]}
                  />
                  <TextField
                    name="fin"
                    id={`fin-${r.id}`}
                    label="Nouvelle heure de fin"
                    hint="HH:MM"
                    errors={[]}
                  />
                  <button class="fr-btn fr-btn--sm" type="submit">
                    Enregistrer cette date
                  </button>
                </form>
              </details>
            </li>
          ))}
        </ul>
      )}
      <h3>Ajouter une plage</h3>
      <form method="post" action="/agenda/plages" class="fr-mb-4w">
        <CsrfField ctx={ctx} />
        <PlaceSelect name="lieu" label="Lieu (ou arrêt du bus)" places={props.places} errors={errors} />
        <div class="fr-select-group">
          <label class="fr-label" for="jour">
            Jour
          </label>
          <select class="fr-select" id="jour" name="jour">
            {weekdayNames.map((n, i) => (
              <option value={String(i + 1)}>{n}</option>
            ))}
          </select>
        </div>
        <TextField name="debut" label="Début" hint="HH:MM, par exemple 09:00" errors={errors} />
        <TextField name="fin" label="Fin" hint="HH:MM, par exemple 12:00" errors={errors} />
        <div class="fr-select-group">
          <label class="fr-label" for="rythme">
            Rythme
          </label>
          <select class="fr-select" id="rythme" name="rythme">
            <option value="1">Chaque semaine</option>
            <option value="2">Une semaine sur deux</option>
            <option value="4">Toutes les quatre semaines</option>
          </select>
        </div>
        <TextField
          name="premier"
          label="À partir du"
          hint="AAAA-MM-JJ ; vide : aujourd’hui"
          type="date"
          errors={errors}
        />
        <TextField
          name="dernier"
          label="Jusqu’au (facultatif)"
          hint="AAAA-MM-JJ"
          type="date"
          errors={errors}
        />
        <fieldset class="fr-fieldset" id="motifs">
          <legend class="fr-fieldset__legend">Motifs proposés sur cette plage</legend>
          {props.motifs.map((m) => (
            <div class="fr-fieldset__element">
              <div class="fr-checkbox-group">
                <input type="checkbox" id={`motif-${m.id}`} name="motifs" value={m.id} />
                <label class="fr-label" for={`motif-${m.id}`}>
                  {m.name} ({m.durationMinutes} min{m.publicBooking ? '' : ', réservé aux agents'})
                </label>
              </div>
            </div>
          ))}
        </fieldset>
        <button class="fr-btn" type="submit">
          Ajouter la plage
        </button>
      </form>
      <h2>Absences</h2>
      <ul>
        {props.absences.map((a) => (
          <li>
            Du {frenchDate(parisDateTime(a.starts_at).date)} au{' '}
            {frenchDate(parisDateTime(new Date(a.ends_at.getTime() - 1)).date)} {a.reason && `(${a.reason})`}
          </li>
        ))}
      </ul>
      <form method="post" action="/agenda/absences" class="fr-mb-4w">
        <CsrfField ctx={ctx} />
        <TextField name="du" label="Absent du" hint="AAAA-MM-JJ" type="date" errors={errors} />
        <TextField name="au" label="Au (inclus)" hint="AAAA-MM-JJ" type="date" errors={errors} />
        <TextField name="motif" id="motif-absence" label="Motif (facultatif)" errors={errors} />
        <button class="fr-btn" type="submit">
          Ajouter l’absence
        </button>
      </form>
      <h2>Mon agenda dans mon calendrier</h2>
      <p>
        Une adresse secrète que votre logiciel d’agenda lit (format iCalendar) : vos rendez-vous, sans le nom
        des usagers.
      </p>
      {props.feedUrl && (
        <p>
          Adresse de votre flux : <code>{props.feedUrl}</code>
        </p>
      )}
      <form method="post" action="/agenda/flux">
        <CsrfField ctx={ctx} />
        <button class="fr-btn fr-btn--secondary" type="submit">
          {props.feedUrl ? 'Créer une nouvelle adresse' : 'Créer l’adresse de mon flux'}
        </button>
      </form>
    </Layout>
  );
}

/** The first step of booking on behalf of a resident: which place. */
export function ChoosePlacePage(props: {
  ctx: ViewContext;
  places: PlaceChoice[];
  carry: Record<string, string>;
  title: string;
}) {
  return (
    <Layout ctx={props.ctx} title={props.title} breadcrumb={[{ href: '/agenda', label: 'Mon agenda' }]}>
      <h1>{props.title}</h1>
      {props.places.length > 0 && <p>Choisissez le lieu du rendez-vous.</p>}
      {props.places.length === 0 ? (
        <p>Aucun lieu n’ouvre encore de créneaux.</p>
      ) : (
        <ul>
          {props.places.map((p) => (
            <li>
              <a href={`/agenda/rdv?${new URLSearchParams({ lieu: p.slug, ...props.carry })}`}>{p.name}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
