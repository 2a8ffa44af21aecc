// Pages of sharing: "Faire suivre à France Services" from a plan, the resident following their request, the
// site's inbox and request page (open a shared case, propose an appointment), what each organisation may see of
// the file (with the withdrawal), and the agents' view of the files shared with their organisation.
import type { FieldError } from '../../../platform/errors.ts';
import { frenchDate } from '../../../platform/dates.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import { CommuneSelect } from '../../../platform/views/form.tsx';
import type { LifeEvent } from '../../navigator/life-events.ts';
import { lifeEventLabels, statusLabels } from '../../cases/labels.ts';
import type { InvitableOrganisation } from '../../cases/store.ts';
import type { CaseStatus } from '../../cases/tables.ts';
import { amountText } from '../../navigator/format.ts';
import type { Plan } from '../../navigator/plan.ts';
import { documentKindLabel } from '../facts.ts';
import type { FileView } from '../file.ts';
import { shareParts, type OrganisationAccess } from '../sharing.ts';
import type { DocumentRow, RequestRow, ShareRow, Site } from '../store.ts';
import { Agreement, ChoiceGroup, ErrorSummary, Table, TextField, day, sizeText } from './common.tsx';
import { FactsList } from './file.tsx';
import { requestStatusLabels } from './labels.ts';

type Communes = { inseeCode: string; name: string }[];
const partLabel = (p: string) => shareParts.find(([id]) => id === p)?.[1] ?? p;

function docLabel(d: DocumentRow): string {
  return `${documentKindLabel(d.kind)} — ${d.name} (${sizeText(d.size)})`;
}

/** "Faire suivre à France Services": the site, what to send, the agreement. */
export function ForwardPage(props: {
  ctx: ViewContext;
  event: LifeEvent;
  sites: Site[];
  documents: DocumentRow[];
  values: {
    lieu: string;
    parties: string[];
    documents: string[];
    message: string;
    accord: boolean;
    partage: boolean;
  };
  errors: FieldError[];
}) {
  const { ctx, event, values, errors } = props;
  const base = `/moments-de-vie/${event.id}`;
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 ? 'Erreur — ' : ''}Faire suivre à France Services`}
      breadcrumb={[
        { href: base, label: event.title },
        { href: `${base}/plan`, label: 'Votre plan' },
      ]}
    >
      <h1>Faire suivre à France Services</h1>
      <p>
        Un agent France Services reçoit votre plan « {event.title} » et ce que vous choisissez de votre
        dossier. Il vous propose un rendez-vous ou ouvre pour vous un dossier partagé avec les organismes
        concernés. Vous suivez votre demande depuis « Mon dossier ».
      </p>
      <ErrorSummary errors={errors} groups={['lieu', 'parties', 'documents']} />
      <form method="post" action={`${base}/faire-suivre`} novalidate>
        <CsrfField ctx={ctx} />
        <ChoiceGroup
          name="lieu"
          legend="Quel espace France Services ?"
          type="radio"
          options={props.sites.map((s) => [s.slug, s.name, s.communeName ?? undefined] as const)}
          checked={[values.lieu]}
          errors={errors}
        />
        <ChoiceGroup
          name="parties"
          legend="Ce que vous envoyez de votre dossier"
          hint="Le plan est toujours envoyé. Rien d’autre n’est vu sans votre accord."
          type="checkbox"
          options={shareParts}
          checked={values.parties}
          errors={errors}
        />
        {props.documents.length > 0 && (
          <ChoiceGroup
            name="documents"
            legend="Vos documents à joindre"
            type="checkbox"
            options={props.documents.map((d) => [d.fileId, docLabel(d)] as const)}
            checked={values.documents}
            errors={errors}
          />
        )}
        <TextField
          name="message"
          label="Votre message (facultatif)"
          value={values.message}
          errors={errors}
          textarea
        />
        <Agreement
          name="partage_organismes"
          checked={values.partage}
          errors={errors}
          label="France Services peut montrer ces mêmes éléments aux organismes qu’elle invitera sur un dossier partagé pour moi (CAF, CPAM…)."
        />
        <Agreement
          name="accord"
          checked={values.accord}
          errors={errors}
          label="J’accepte que France Services voie ces éléments pendant 3 mois pour suivre ma demande. Je peux retirer mon accord à tout moment."
        />
        <button class="fr-btn" type="submit">
          Envoyer ma demande
        </button>
      </form>
    </Layout>
  );
}

/** The resident follows one of their requests. */
export function ResidentRequestPage(props: {
  ctx: ViewContext;
  request: RequestRow;
  share: ShareRow | null;
  sent: boolean;
  today: string;
}) {
  const { ctx, request, share } = props;
  const live = share && !share.withdrawnAt && props.today < share.expiresOn;
  return (
    <Layout
      ctx={ctx}
      title="Ma demande à France Services"
      breadcrumb={[{ href: '/mon-dossier', label: 'Mon dossier' }]}
    >
      <h1>Ma demande à France Services</h1>
      {props.sent && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>Votre demande est envoyée. Vous serez prévenu par courriel de sa réponse.</p>
        </div>
      )}
      <dl>
        <dt>
          <strong>Envoyée à</strong>
        </dt>
        <dd>{request.placeName ?? request.organisationName}</dd>
        <dt>
          <strong>Le</strong>
        </dt>
        <dd>{day(request.createdAt)}</dd>
        <dt>
          <strong>Moment de vie</strong>
        </dt>
        <dd>
          {lifeEventLabels[request.lifeEvent] ?? request.lifeEvent}
          {request.eventDate ? `, le ${frenchDate(request.eventDate)}` : ''}
        </dd>
        <dt>
          <strong>État</strong>
        </dt>
        <dd data-request-status>{requestStatusLabels[request.status]}</dd>
      </dl>
      {request.appointmentText && (
        <div class="fr-callout fr-mb-3w">
          <h2 class="fr-callout__title fr-h6">Rendez-vous proposé</h2>
          <p class="fr-callout__text">{request.appointmentText}</p>
          <a class="fr-btn fr-btn--secondary" href="/rendez-vous">
            Prendre ou changer un rendez-vous
          </a>
        </div>
      )}
      {request.caseId && (
        <p>
          Un dossier partagé a été ouvert pour vous avec les organismes concernés. Confirmez votre accord avec
          le lien reçu par courriel.
        </p>
      )}
      <h2>Ce que vous avez partagé</h2>
      {share ? (
        <>
          <p>
            {share.parts.length > 0 ? share.parts.map(partLabel).join(' ; ') : 'Le plan seulement'}
            {share.documentIds.length > 0 ? `, et ${share.documentIds.length} document(s)` : ''}.{' '}
            {live
              ? `Accord valable jusqu’au ${frenchDate(share.expiresOn)}.`
              : share.withdrawnAt
                ? 'Vous avez retiré votre accord.'
                : 'Votre accord a pris fin.'}
          </p>
          {live && (
            <form method="post" action={`/mon-dossier/partages/${share.id}/retirer`}>
              <CsrfField ctx={ctx} />
              <button class="fr-btn fr-btn--secondary" type="submit">
                Retirer mon accord
              </button>
            </form>
          )}
        </>
      ) : (
        <p>Rien.</p>
      )}
    </Layout>
  );
}

/** The site's inbox of requests. */
export function InboxPage(props: { ctx: ViewContext; requests: RequestRow[] }) {
  return (
    <Layout
      ctx={props.ctx}
      title="Demandes d’usagers"
      breadcrumb={[{ href: '/espace/aidant', label: 'Mon espace' }]}
    >
      <h1>Demandes d’usagers</h1>
      <p>Les plans que des usagers ont fait suivre à votre organisme depuis leur compte.</p>
      {props.requests.length === 0 ? (
        <p>Aucune demande.</p>
      ) : (
        <Table label="Demandes reçues">
          <table>
            <caption>Demandes reçues</caption>
            <thead>
              <tr>
                <th scope="col">Usager</th>
                <th scope="col">Moment de vie</th>
                <th scope="col">Lieu</th>
                <th scope="col">Reçue le</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {props.requests.map((r) => (
                <tr>
                  <td>
                    <a href={`/espace/aidant/demandes/${r.id}`}>{r.residentName}</a>
                  </td>
                  <td>{lifeEventLabels[r.lifeEvent] ?? r.lifeEvent}</td>
                  <td>{r.placeName ?? '—'}</td>
                  <td>{day(r.createdAt)}</td>
                  <td>{requestStatusLabels[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Table>
      )}
    </Layout>
  );
}

const inboxCrumb = [
  { href: '/espace/aidant', label: 'Mon espace' },
  { href: '/espace/aidant/demandes', label: 'Demandes d’usagers' },
];

/** One request as the site's helper sees it. */
export function RequestPage(props: {
  ctx: ViewContext;
  request: RequestRow;
  event: LifeEvent | null;
  plan: Plan | null;
  file: FileView | null;
  communes: Communes;
  errors: FieldError[];
  appointment: string;
  done: string | null;
}) {
  const { ctx, request, plan, file, errors } = props;
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 ? 'Erreur — ' : ''}Demande de ${request.residentName}`}
      breadcrumb={inboxCrumb}
    >
      <h1>Demande de {request.residentName}</h1>
      {props.done && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.done}</p>
        </div>
      )}
      <p>
        {props.event?.title ?? request.lifeEvent}
        {request.eventDate ? `, le ${frenchDate(request.eventDate)}` : ''}. Reçue le {day(request.createdAt)}{' '}
        pour {request.placeName ?? request.organisationName}. État : {requestStatusLabels[request.status]}.
      </p>
      {request.message && (
        <div class="fr-callout fr-mb-3w">
          <h2 class="fr-callout__title fr-h6">Son message</h2>
          <p class="fr-callout__text">{request.message}</p>
        </div>
      )}
      <h2>Son plan</h2>
      {plan ? (
        <>
          <ul data-plan-benefits>
            {plan.benefits.map((b) => (
              <li>
                {b.label} :{' '}
                {b.eligible === true
                  ? amountText(b.amount, b.frequency)
                  : b.eligible === false
                    ? 'pas de droit estimé'
                    : 'réponses manquantes'}
              </li>
            ))}
          </ul>
          <p>Démarches : {plan.procedures.map((p) => p.title).join(' ; ')}.</p>
        </>
      ) : (
        <p>Le plan ne peut pas être recalculé (date de l’événement manquante).</p>
      )}
      <h2>Ce qu’il partage de son dossier</h2>
      {file ? (
        <>
          <FactsList facts={file.facts} communes={props.communes} />
          {file.documents.length > 0 && (
            <ul>
              {file.documents.map((d) => (
                <li>
                  <a href={`/espace/aidant/demandes/${request.id}/documents/${d.fileId}`} download>
                    {docLabel(d)}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p>L’usager a retiré son accord, ou il a pris fin : son dossier n’est plus visible.</p>
      )}
      {request.status !== 'withdrawn' && (
        <>
          <h2>Répondre</h2>
          {request.caseId ? (
            <p>Une saisine partagée est ouverte pour cette demande.</p>
          ) : (
            <a class="fr-btn fr-mb-3w" href={`/espace/aidant/demandes/${request.id}/saisine`}>
              Ouvrir une saisine partagée
            </a>
          )}
          <form method="post" action={`/espace/aidant/demandes/${request.id}/rendez-vous`} novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              name="rendez_vous"
              label="Proposer un rendez-vous"
              hint="Le jour, l’heure et le lieu ; l’usager le voit dans son compte et le reçoit par courriel. Les créneaux se gèrent sur la page Rendez-vous."
              value={props.appointment}
              errors={errors}
              textarea
            />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button class="fr-btn fr-btn--secondary" type="submit">
                  Proposer ce rendez-vous
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--tertiary" href="/rendez-vous">
                  Voir les créneaux
                </a>
              </li>
            </ul>
          </form>
        </>
      )}
    </Layout>
  );
}

/** The form of a shared case opened from a request, pre-filled from the resident's file. */
export function CaseFromRequestPage(props: {
  ctx: ViewContext;
  request: RequestRow;
  organisations: InvitableOrganisation[];
  /** The communes of the helper's territory, by name. */
  communes: { inseeCode: string; name: string }[];
  documents: DocumentRow[];
  values: {
    prenom: string;
    nom: string;
    date_naissance: string;
    commune: string;
    question: string;
    organismes: string[];
    pieces: string[];
  };
  errors: FieldError[];
}) {
  const { ctx, request, values, errors } = props;
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 ? 'Erreur — ' : ''}Ouvrir une saisine partagée`}
      breadcrumb={[
        ...inboxCrumb,
        { href: `/espace/aidant/demandes/${request.id}`, label: request.residentName },
      ]}
    >
      <h1>Ouvrir une saisine partagée</h1>
      <p>
        L’identité vient du dossier de l’usager quand il l’a partagée : vous n’avez pas à la redemander.
        L’usager confirme la saisine par le lien envoyé à l’adresse de son compte.
      </p>
      <ErrorSummary errors={errors} groups={['organismes', 'pieces']} />
      <form method="post" action={`/espace/aidant/demandes/${request.id}/saisine`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField name="prenom" label="Prénom" value={values.prenom} errors={errors} />
        <TextField name="nom" label="Nom" value={values.nom} errors={errors} />
        <TextField
          name="date_naissance"
          label="Date de naissance"
          hint="AAAA-MM-JJ"
          type="date"
          value={values.date_naissance}
          errors={errors}
        />
        <CommuneSelect
          name="commune"
          label="Commune de l’usager (facultatif)"
          hint="Celle de son dossier ou de son plan quand elle est du territoire ; elle sert aux indicateurs par commune"
          value={values.commune}
          communes={props.communes}
          empty="Non renseignée"
          error={errors.find((e) => e.field === 'commune')?.message}
        />
        <TextField
          name="question"
          label="Situation et question"
          value={values.question}
          errors={errors}
          textarea
        />
        <ChoiceGroup
          name="organismes"
          legend="Organismes à inviter"
          type="checkbox"
          options={props.organisations.map((o) => [o.id, o.name] as const)}
          checked={values.organismes}
          errors={errors}
        />
        {props.documents.length > 0 && (
          <ChoiceGroup
            name="pieces"
            legend="Documents partagés par l’usager à joindre"
            type="checkbox"
            options={props.documents.map((d) => [d.fileId, docLabel(d)] as const)}
            checked={values.pieces}
            errors={errors}
          />
        )}
        <button class="fr-btn" type="submit">
          Ouvrir la saisine
        </button>
      </form>
    </Layout>
  );
}

/** What each organisation may see of the resident's file, and the withdrawal. */
export function SharesPage(props: {
  ctx: ViewContext;
  access: OrganisationAccess[];
  documents: DocumentRow[];
  today: string;
  errors: FieldError[];
  done: string | null;
}) {
  const { ctx, today, errors } = props;
  const liveOf = (s: ShareRow) => !s.withdrawnAt && today < s.expiresOn;
  const withCases = props.access.filter((a) => a.cases.length > 0);
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 ? 'Erreur — ' : ''}Ce que chaque organisme voit`}
      breadcrumb={[{ href: '/mon-dossier', label: 'Mon dossier' }]}
    >
      <h1>Ce que chaque organisme voit de mon dossier</h1>
      <p>
        Un organisme ne voit de votre dossier que ce que vous lui avez partagé, jusqu’à la date dite. Retirez
        votre accord quand vous voulez : il n’y a plus accès à l’instant. Les aidants à qui vous avez donné un
        mandat sont dans <a href="/mon-dossier/mandats">Mes mandats</a>.
      </p>
      {props.done && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.done}</p>
        </div>
      )}
      {props.access.length === 0 && <p>Aucun organisme ne voit votre dossier.</p>}
      {props.access.map((a) => (
        <section class="fr-mb-4w" data-organisation={a.organisationId}>
          <h2 class="fr-h4">{a.organisationName}</h2>
          {a.shares.filter(liveOf).length === 0 ? (
            <p>Ne voit rien de votre dossier.</p>
          ) : (
            <ul>
              {a.shares.filter(liveOf).map((s) => (
                <li class="fr-mb-2w" data-share={s.id}>
                  Voit : {s.parts.length > 0 ? s.parts.map(partLabel).join(' ; ') : 'votre plan seulement'}
                  {s.documentIds.length > 0
                    ? ` ; documents : ${
                        props.documents
                          .filter((d) => s.documentIds.includes(d.fileId))
                          .map((d) => documentKindLabel(d.kind))
                          .join(', ') || s.documentIds.length
                      }`
                    : ''}
                  . {s.givenVia === 'request' ? 'Pour votre demande' : 'Pour votre dossier partagé'}, depuis
                  le {day(s.givenAt)}, jusqu’au {frenchDate(s.expiresOn)}.
                  <form method="post" action={`/mon-dossier/partages/${s.id}/retirer`}>
                    <CsrfField ctx={ctx} />
                    <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
                      Retirer mon accord à {a.organisationName}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          {a.cases.length > 0 && (
            <p class="fr-text--sm">
              Participe à vos saisines :{' '}
              {a.cases
                .map(
                  (c) =>
                    `${lifeEventLabels[c.lifeEvent] ?? c.lifeEvent} (${statusLabels[c.status as CaseStatus] ?? c.status})`,
                )
                .join(' ; ')}
              .
            </p>
          )}
        </section>
      ))}
      {withCases.length > 0 && (
        <>
          <h2>Partager avec un organisme de mes saisines</h2>
          <ErrorSummary errors={errors} groups={['organisme', 'parties', 'documents']} />
          <form method="post" action="/mon-dossier/partages" novalidate>
            <CsrfField ctx={ctx} />
            <ChoiceGroup
              name="organisme"
              legend="Avec quel organisme ?"
              type="radio"
              options={withCases.flatMap((a) =>
                a.cases.map(
                  (c) =>
                    [
                      `${c.caseId}|${a.organisationId}`,
                      `${a.organisationName} — ${lifeEventLabels[c.lifeEvent] ?? c.lifeEvent}`,
                    ] as const,
                ),
              )}
              checked={[]}
              errors={errors}
            />
            <ChoiceGroup
              name="parties"
              legend="Quoi ?"
              type="checkbox"
              options={shareParts}
              checked={[]}
              errors={errors}
            />
            {props.documents.length > 0 && (
              <ChoiceGroup
                name="documents"
                legend="Quels documents ?"
                type="checkbox"
                options={props.documents.map((d) => [d.fileId, docLabel(d)] as const)}
                checked={[]}
                errors={errors}
              />
            )}
            <button class="fr-btn" type="submit">
              Partager pour 12 mois
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

/** The files shared with the agent's organisation. */
export function SharedListPage(props: { ctx: ViewContext; shares: (ShareRow & { residentName: string })[] }) {
  return (
    <Layout ctx={props.ctx} title="Dossiers partagés avec votre organisme">
      <h1>Dossiers partagés avec votre organisme</h1>
      <p>Ce que des usagers ont choisi de partager avec votre organisme, tant que leur accord vaut.</p>
      {props.shares.length === 0 ? (
        <p>Aucun dossier partagé.</p>
      ) : (
        <ul>
          {props.shares.map((s) => (
            <li>
              <a href={`/espace/dossiers-partages/${s.id}`}>{s.residentName}</a> —{' '}
              {s.parts.map(partLabel).join(' ; ') || 'plan seulement'}, jusqu’au {frenchDate(s.expiresOn)}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** One shared file as the organisation's agent sees it. */
export function SharedFilePage(props: {
  ctx: ViewContext;
  share: ShareRow;
  residentName: string;
  file: FileView;
  communes: Communes;
}) {
  const { share, file } = props;
  return (
    <Layout
      ctx={props.ctx}
      title={`Dossier partagé de ${props.residentName}`}
      breadcrumb={[{ href: '/espace/dossiers-partages', label: 'Dossiers partagés' }]}
    >
      <h1>Dossier partagé de {props.residentName}</h1>
      <p>
        Partagé avec {share.organisationName} : {share.parts.map(partLabel).join(' ; ') || 'aucune partie'},
        jusqu’au {frenchDate(share.expiresOn)}. Votre consultation est inscrite au journal de l’usager.
      </p>
      <FactsList facts={file.facts} communes={props.communes} />
      {file.documents.length > 0 && (
        <>
          <h2>Documents</h2>
          <ul>
            {file.documents.map((d) => (
              <li>
                <a href={`/espace/dossiers-partages/${share.id}/documents/${d.fileId}`} download>
                  {docLabel(d)}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
