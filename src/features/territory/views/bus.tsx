// The public-service bus: the communes it serves, and per commune its coming passages, a printable timetable,
// the calendar file and the link to book a slot at the stop.
import { Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { frenchDate } from '../../../platform/dates.ts';
import { hourText, nextPassage, rhythmText, type Passage } from '../bus.ts';
import type { BusStop } from '../store.ts';

/** The communes the bus serves. */
export function BusIndexPage({ ctx, stops }: { ctx: ViewContext; stops: BusStop[] }) {
  const communes = [...new Map(stops.map((s) => [s.place.communeInsee, s])).values()];
  return (
    <Layout ctx={ctx} title="Le bus France Services" breadcrumb={[]}>
      <h1>Le bus France Services</h1>
      <p class="fr-text--lead">
        Le bus vient dans votre commune avec un agent France Services : vos démarches CAF, Assurance maladie,
        impôts, retraite, titres… sans aller à la ville.
      </p>
      <ul>
        {communes.map((s) => (
          <li>
            <a href={`/bus/${s.place.communeInsee}`}>{s.place.communeName}</a> — {rhythmText(s)},{' '}
            {hourText(s.starts)} – {hourText(s.ends)}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** One commune: next passages, timetable, calendar file, booking. */
export function BusCommunePage(props: {
  ctx: ViewContext;
  communeName: string;
  communeInsee: string;
  stops: BusStop[];
  passages: Passage[];
}) {
  const { ctx, stops, passages } = props;
  const next = nextPassage(passages);
  const cancelled = passages.filter((p) => p.cancelled);
  return (
    <Layout
      ctx={ctx}
      title={`Le bus France Services à ${props.communeName}`}
      breadcrumb={[{ href: '/bus', label: 'Le bus France Services' }]}
    >
      <h1>Le bus France Services à {props.communeName}</h1>
      {next ? (
        <div class="fr-callout fr-mb-4w" data-next-passage={next.date}>
          <h2 class="fr-callout__title fr-h5">Prochain passage</h2>
          <p class="fr-callout__text">
            {frenchDate(next.date)}, de {hourText(next.starts)} à {hourText(next.ends)}
            <br />
            {next.stop.place.address ? `${next.stop.place.address}, ` : ''}
            {props.communeName}
          </p>
          <a class="fr-btn fr-mt-2w sc-no-print" href={`/rendez-vous?lieu=${next.stop.place.slug}`}>
            Prendre rendez-vous dans le bus
          </a>
        </div>
      ) : (
        <p>Aucun passage prévu dans les semaines qui viennent.</p>
      )}
      {cancelled.length > 0 && (
        <div class="fr-alert fr-alert--warning fr-mb-4w" data-cancelled-passages>
          <h2 class="fr-alert__title">{cancelled.length === 1 ? 'Passage annulé' : 'Passages annulés'}</h2>
          <ul>
            {cancelled.map((p) => (
              <li>
                {frenchDate(p.date)}, de {hourText(p.starts)} à {hourText(p.ends)}
                {p.cancelled?.reason ? ` : ${p.cancelled.reason}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>Sans rendez-vous aussi : venez pendant le passage, l’agent vous reçoit dans l’ordre d’arrivée.</p>
      <h2>Horaires</h2>
      <ul>
        {stops.map((s) => (
          <li>
            {rhythmText(s)}, de {hourText(s.starts)} à {hourText(s.ends)} — {s.place.name}
            {s.demo && <span class="fr-text--xs"> (calendrier de démonstration)</span>}
          </li>
        ))}
      </ul>
      <div class="fr-table">
        <table>
          <caption>Les prochains passages</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Heures</th>
            </tr>
          </thead>
          <tbody>
            {passages.map((p) => (
              <tr>
                <td>{frenchDate(p.date)}</td>
                <td>
                  {p.cancelled ? (
                    <>
                      <s>
                        {hourText(p.starts)} – {hourText(p.ends)}
                      </s>{' '}
                      annulé
                    </>
                  ) : (
                    `${hourText(p.starts)} – ${hourText(p.ends)}`
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-md sc-no-print">
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/bus/${props.communeInsee}/passages.ics`}>
            Ajouter les passages à mon agenda
          </a>
        </li>
      </ul>
      <p class="fr-text--sm sc-no-print">
        Cette page s’imprime telle quelle (menu Imprimer de votre navigateur).
      </p>
      {stops[0] && (
        <p class="fr-text--xs">
          {stops[0].tour.name} : {stops[0].tour.staff}. Source : {stops[0].tour.source}.
        </p>
      )}
    </Layout>
  );
}
