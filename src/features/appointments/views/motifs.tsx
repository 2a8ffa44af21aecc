// The motifs pages: an organisation's motifs (active and archived) with the form to add one, the page of one motif
// to change, archive, bring back or delete it, and the choice of organisation for the territory's pilot and
// administrators. Forms post; no script needed.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { ErrorSummary, errorOf, Fieldset, Radio, TextField } from '../../../platform/views/form.tsx';
import type { Motif } from '../store.ts';
import { channelChoices, type MotifForm, type MotifOrganisation } from '../edit-motifs.ts';

const motifsTitle = 'Motifs de rendez-vous';

/** The way back: agents' managers come from their agenda; pilots and administrators have no agenda. */
function crumbs(ctx: ViewContext, more: { href: string; label: string }[] = []) {
  return [
    ...(ctx.user?.role === 'organisationManager' ? [{ href: '/agenda', label: 'Mon agenda' }] : []),
    ...more,
  ];
}

function delayText(m: Motif): string {
  const min = m.minDelayHours === 0 ? 'dès maintenant' : `au moins ${m.minDelayHours} h avant`;
  return `${min}, jusqu’à ${m.maxDelayDays} jours à l’avance`;
}

/** The fields of a motif, empty for a new one or filled for editing; errors beside each. */
function MotifFields(props: { values: MotifForm; errors: FieldError[] }) {
  const { values: v, errors } = props;
  const e = (f: string) => errorOf(errors, f);
  return (
    <>
      <TextField
        name="libelle"
        label="Libellé"
        hint="Ce que l’usager lit, par exemple « Aide à une démarche administrative »"
        value={v.libelle}
        error={e('libelle')}
      />
      <TextField
        name="duree"
        label="Durée, en minutes"
        hint="De 5 à 480, par exemple 30"
        value={v.duree}
        error={e('duree')}
        inputMode="numeric"
      />
      <Fieldset id="modalite" legend="Où se tient le rendez-vous ?" error={e('modalite')}>
        {Object.entries(channelChoices).map(([value, label]) => (
          <Radio name="modalite" value={value} label={label} checked={v.modalite === value} />
        ))}
      </Fieldset>
      <Fieldset id="reservation" legend="Qui peut prendre ce rendez-vous ?" error={e('reservation')}>
        <Radio
          name="reservation"
          value="public"
          label="Le public, en ligne (et les agents)"
          checked={v.reservation === 'public'}
        />
        <Radio
          name="reservation"
          value="agents"
          label="Les agents seulement, pour un usager"
          checked={v.reservation === 'agents'}
        />
      </Fieldset>
      <TextField
        name="delai_min"
        label="Délai minimum avant le rendez-vous, en heures"
        hint="0 : réservable jusqu’au dernier moment ; 24 : au plus tard la veille"
        value={v.delai_min}
        error={e('delai_min')}
        inputMode="numeric"
      />
      <TextField
        name="delai_max"
        label="Réservable au plus tôt, en jours à l’avance"
        hint="De 1 à 365, par exemple 60"
        value={v.delai_max}
        error={e('delai_max')}
        inputMode="numeric"
      />
      <TextField
        name="consignes_avant"
        label="Consignes montrées avant la réservation (facultatif)"
        hint="Par exemple : « Ayez votre numéro d’allocataire. »"
        value={v.consignes_avant}
        error={e('consignes_avant')}
        textarea
      />
      <TextField
        name="consignes_apres"
        label="Consignes montrées après la réservation et dans la confirmation (facultatif)"
        hint="Par exemple : « Apportez une pièce d’identité. »"
        value={v.consignes_apres}
        error={e('consignes_apres')}
        textarea
      />
    </>
  );
}

/** The labels of the fields, for the error summary. */
const fieldLabels: Record<string, string> = {
  libelle: 'Libellé',
  duree: 'Durée',
  modalite: 'Lieu du rendez-vous',
  reservation: 'Qui réserve',
  delai_min: 'Délai minimum',
  delai_max: 'Délai maximum',
  consignes_avant: 'Consignes avant',
  consignes_apres: 'Consignes après',
};

/** The motifs of an organisation and the form to add one. */
export function MotifsPage(props: {
  ctx: ViewContext;
  organisation: MotifOrganisation;
  /** More than one organisation to choose from (pilots, administrators). */
  canChoose: boolean;
  motifs: Motif[];
  values: MotifForm;
  errors: FieldError[];
  notice?: string;
}) {
  const { ctx, organisation, motifs, errors } = props;
  const active = motifs.filter((m) => m.active);
  const archived = motifs.filter((m) => !m.active);
  const row = (m: Motif) => (
    <tr data-motif={m.id}>
      <td>
        <a href={`/agenda/motifs/${m.id}`}>{m.name}</a>
      </td>
      <td>{m.durationMinutes} min</td>
      <td>{channelChoices[m.channel]}</td>
      <td>{m.publicBooking ? 'Le public' : 'Les agents seulement'}</td>
      <td>{delayText(m)}</td>
    </tr>
  );
  const table = (caption: string, list: Motif[]) => (
    // On a phone the table scrolls: its region takes the keyboard's focus to be scrolled.
    <div class="fr-table">
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div class="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Motif</th>
                  <th scope="col">Durée</th>
                  <th scope="col">Où</th>
                  <th scope="col">Qui réserve</th>
                  <th scope="col">Quand réserver</th>
                </tr>
              </thead>
              <tbody>{list.map(row)}</tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
  return (
    <Layout
      ctx={ctx}
      title={`${motifsTitle} — ${organisation.name}`}
      breadcrumb={crumbs(ctx, props.canChoose ? [{ href: '/agenda/motifs', label: motifsTitle }] : [])}
    >
      <h1>{motifsTitle}</h1>
      <p class="fr-text--lead">{organisation.name}</p>
      {props.notice && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <ErrorSummary errors={errors} labels={fieldLabels} />
      <p>
        Un motif dit pour quoi l’on prend rendez-vous, combien de temps il dure et qui peut le prendre. Les
        agents le proposent ensuite sur leurs plages d’ouverture (« Mes plages et absences »).
      </p>
      {active.length === 0 ? <p>Aucun motif proposé pour le moment.</p> : table('Motifs proposés', active)}
      {archived.length > 0 && table('Motifs archivés (plus proposés)', archived)}
      <h2>Ajouter un motif</h2>
      <form method="post" action="/agenda/motifs" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="organisme" value={organisation.slug} />
        <MotifFields values={props.values} errors={errors} />
        <button class="fr-btn" type="submit">
          Ajouter le motif
        </button>
      </form>
    </Layout>
  );
}

/** One motif: change it, archive it or bring it back, delete it when no appointment refers to it. */
export function MotifPage(props: {
  ctx: ViewContext;
  organisation: MotifOrganisation;
  motif: Motif;
  /** Appointments booked for this motif, whatever their status. */
  appointments: number;
  values: MotifForm;
  errors: FieldError[];
}) {
  const { ctx, motif, organisation, errors } = props;
  const back = `/agenda/motifs?organisme=${organisation.slug}`;
  return (
    <Layout
      ctx={ctx}
      title={`Motif « ${motif.name} »`}
      breadcrumb={crumbs(ctx, [{ href: back, label: motifsTitle }])}
    >
      <h1>Motif « {motif.name} »</h1>
      <p class="fr-text--lead">
        {organisation.name}
        {!motif.active && <span class="fr-badge fr-badge--warning fr-ml-1w">Archivé</span>}
      </p>
      <ErrorSummary errors={errors} labels={fieldLabels} />
      <p>
        {props.appointments === 0
          ? 'Aucun rendez-vous n’a été pris pour ce motif.'
          : `${props.appointments} rendez-vous pris pour ce motif : une nouvelle durée ne vaut que pour les créneaux à venir, les rendez-vous déjà pris gardent leur heure et leur durée.`}
      </p>
      <form method="post" action={`/agenda/motifs/${motif.id}`} novalidate class="fr-mb-4w">
        <CsrfField ctx={ctx} />
        <MotifFields values={props.values} errors={errors} />
        <button class="fr-btn" type="submit">
          Enregistrer le motif
        </button>
      </form>
      <h2 class="fr-h4">{motif.active ? 'Ne plus proposer ce motif' : 'Proposer de nouveau ce motif'}</h2>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <form
            method="post"
            action={`/agenda/motifs/${motif.id}/${motif.active ? 'archiver' : 'reactiver'}`}
          >
            <CsrfField ctx={ctx} />
            <button class="fr-btn fr-btn--secondary" type="submit">
              {motif.active ? 'Archiver le motif' : 'Réactiver le motif'}
            </button>
          </form>
        </li>
        {props.appointments === 0 && (
          <li>
            <form method="post" action={`/agenda/motifs/${motif.id}/supprimer`}>
              <CsrfField ctx={ctx} />
              <button class="fr-btn fr-btn--tertiary" type="submit">
                Supprimer le motif
              </button>
            </form>
          </li>
        )}
      </ul>
      <p class="fr-text--sm">
        Un motif archivé n’est plus proposé, ni au public ni aux agents ; les rendez-vous déjà pris restent.
        {props.appointments > 0 && ' Il ne peut pas être supprimé : des rendez-vous y renvoient.'}
      </p>
    </Layout>
  );
}

/** The territory's pilot and administrators first choose the organisation. */
export function ChooseOrganisationPage(props: { ctx: ViewContext; organisations: MotifOrganisation[] }) {
  return (
    <Layout ctx={props.ctx} title={motifsTitle} breadcrumb={crumbs(props.ctx)}>
      <h1>{motifsTitle}</h1>
      <p>Choisissez l’organisme dont vous voulez voir ou modifier les motifs de rendez-vous.</p>
      <ul>
        {props.organisations.map((o) => (
          <li>
            <a href={`/agenda/motifs?organisme=${o.slug}`}>{o.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
