// Mandates' pages: the resident's (their mandates, giving one from the account, revoking), and the helper's (the
// organisation's mandates, a new mandate at the counter, the code to type or the signed copy to file, the
// printable mandate, and the resident's file under a mandate).
import type { FieldError } from '../../../platform/errors.ts';
import { frenchDate } from '../../../platform/dates.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import { documentKindLabel, mandateScopes, scopeLabel } from '../facts.ts';
import { codeMinutes, mandateDurations } from '../mandates.ts';
import type { FileUnderMandate } from '../mandates.ts';
import type { MandateRow } from '../store.ts';
import {
  ChoiceGroup,
  ErrorSummary,
  FactsTable,
  Table,
  TextField,
  day,
  errorOf,
  sizeText,
  when,
} from './common.tsx';
import { mandateStatusLabels, mandateViaLabels } from './labels.ts';

const residentCrumb = [{ href: '/mon-dossier', label: 'Mon dossier' }];
const helperCrumb = [
  { href: '/espace/aidant', label: 'Mon espace' },
  { href: '/espace/aidant/mandats', label: 'Mandats' },
];
const scopeOptions = mandateScopes.map(([id, label, hint]) => [id, label, hint] as const);
const durationOptions = mandateDurations.map(([id, label]) => [id, label] as const);
const scopeGroups = ['demarches', 'duree', 'confirmation', 'organisme'];

function stateText(m: MandateRow, today: string): string {
  if (m.status === 'active' && today >= m.endsOn) return `terminé le ${frenchDate(m.endsOn)}`;
  if (m.status === 'revoked')
    return `révoqué${m.revokedAt ? ` le ${day(m.revokedAt)}` : ''}${m.revokedByRole === 'resident' ? ' par vous' : m.revokedByRole ? ' par l’aidant' : ''}`;
  return mandateStatusLabels[m.status];
}

/** The resident's mandates, and the form to give one from the account. */
export function ResidentMandatesPage(props: {
  ctx: ViewContext;
  mandates: MandateRow[];
  organisations: { id: string; name: string }[];
  values: { organisme: string; demarches: string[]; duree: string };
  errors: FieldError[];
  today: string;
  done: string | null;
}) {
  const { ctx, errors } = props;
  return (
    <Layout ctx={ctx} title={`${errors.length > 0 ? 'Erreur — ' : ''}Mes mandats`} breadcrumb={residentCrumb}>
      <h1>Mes mandats</h1>
      <p>
        Un mandat permet à un aidant (France Services, mairie…) de voir et de compléter votre dossier pour les
        démarches que vous choisissez, pendant la durée que vous choisissez (un jour à douze mois). Vous
        pouvez le révoquer à tout moment : l’aidant perd l’accès à l’instant.
      </p>
      {props.done && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.done}</p>
        </div>
      )}
      {props.mandates.length === 0 ? (
        <p>Vous n’avez donné aucun mandat.</p>
      ) : (
        <ul class="sc-list-reset" data-mandates>
          {props.mandates.map((m) => (
            <li class="fr-p-2w fr-mb-2w sc-place" data-mandate={m.id}>
              <h2 class="fr-h6 fr-mb-1w">{m.organisationName}</h2>
              <p class="fr-mb-1w">
                Démarches : {m.scopes.map(scopeLabel).join(', ')}. Du {frenchDate(m.startsOn)} au{' '}
                {frenchDate(m.endsOn)} (exclu), {mandateViaLabels[m.givenVia]}. État :{' '}
                <strong>{stateText(m, props.today)}</strong>.
              </p>
              {(m.status === 'active' || m.status === 'pending') && props.today < m.endsOn && (
                <form method="post" action={`/mon-dossier/mandats/${m.id}/revoquer`}>
                  <CsrfField ctx={ctx} />
                  <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
                    Révoquer le mandat donné à {m.organisationName}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2 class="fr-mt-4w">Donner un mandat depuis mon compte</h2>
      <ErrorSummary errors={errors} groups={scopeGroups} />
      <form method="post" action="/mon-dossier/mandats" novalidate>
        <CsrfField ctx={ctx} />
        <ChoiceGroup
          name="organisme"
          legend="À quel organisme ?"
          type="radio"
          options={props.organisations.map((o) => [o.id, o.name] as const)}
          checked={[props.values.organisme]}
          errors={errors}
        />
        <ChoiceGroup
          name="demarches"
          legend="Pour quelles démarches ?"
          hint="Les démarches d’Aidants Connect. L’aidant ne voit que ce qui leur sert."
          type="checkbox"
          options={scopeOptions}
          checked={props.values.demarches}
          errors={errors}
        />
        <ChoiceGroup
          name="duree"
          legend="Pour combien de temps ?"
          type="radio"
          options={durationOptions}
          checked={[props.values.duree]}
          errors={errors}
        />
        <button class="fr-btn" type="submit">
          Donner le mandat
        </button>
      </form>
    </Layout>
  );
}

/** The mandates held by the helper's organisation. */
export function HelperMandatesPage(props: {
  ctx: ViewContext;
  mandates: (MandateRow & { residentName: string })[];
  today: string;
}) {
  return (
    <Layout ctx={props.ctx} title="Mandats" breadcrumb={[{ href: '/espace/aidant', label: 'Mon espace' }]}>
      <h1>Mandats de votre organisme</h1>
      <a class="fr-btn fr-mb-3w" href="/espace/aidant/mandats/nouveau">
        Recevoir un nouveau mandat
      </a>
      {props.mandates.length === 0 ? (
        <p>Aucun mandat.</p>
      ) : (
        <Table label="Mandats reçus par votre organisme">
          <table>
            <caption>Mandats reçus par votre organisme</caption>
            <thead>
              <tr>
                <th scope="col">Usager</th>
                <th scope="col">Démarches</th>
                <th scope="col">Jusqu’au</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {props.mandates.map((m) => (
                <tr>
                  <td>
                    <a href={`/espace/aidant/mandats/${m.id}`}>{m.residentName}</a>
                  </td>
                  <td>{m.scopes.map(scopeLabel).join(', ')}</td>
                  <td>{frenchDate(m.endsOn)} (exclu)</td>
                  <td>{stateText(m, props.today)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Table>
      )}
    </Layout>
  );
}

/** The form of a mandate given at the counter. */
export function NewMandatePage(props: {
  ctx: ViewContext;
  values: { usager: string; demarches: string[]; duree: string; confirmation: string; telephone: string };
  errors: FieldError[];
}) {
  const { ctx, values, errors } = props;
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 ? 'Erreur — ' : ''}Recevoir un mandat`}
      breadcrumb={helperCrumb}
    >
      <h1>Recevoir un mandat</h1>
      <p>
        L’usager vous autorise, vous et votre organisme, à voir et compléter son dossier pour les démarches
        choisies, pour une durée d’un jour à douze mois. Il confirme par un mandat imprimé signé, ou par un
        code qu’il reçoit et vous lit.
      </p>
      <ErrorSummary errors={errors} groups={scopeGroups} />
      <form method="post" action="/espace/aidant/mandats" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="usager"
          label="Adresse électronique du compte de l’usager"
          hint="L’usager crée son compte sur « Mon dossier » s’il n’en a pas."
          type="email"
          value={values.usager}
          errors={errors}
        />
        <ChoiceGroup
          name="demarches"
          legend="Démarches couvertes"
          type="checkbox"
          options={scopeOptions}
          checked={values.demarches}
          errors={errors}
        />
        <ChoiceGroup
          name="duree"
          legend="Durée"
          type="radio"
          options={durationOptions}
          checked={[values.duree]}
          errors={errors}
        />
        <ChoiceGroup
          name="confirmation"
          legend="Confirmation par l’usager"
          type="radio"
          options={[
            [
              'printed',
              'Mandat imprimé, signé par l’usager',
              'Vous déposez ensuite le mandat signé (PDF ou photo).',
            ],
            ['email-code', 'Code envoyé à l’adresse de son compte'],
            ['sms-code', 'Code envoyé par SMS'],
          ]}
          checked={[values.confirmation]}
          errors={errors}
        />
        <TextField
          name="telephone"
          label="Portable de l’usager (pour le code par SMS)"
          type="tel"
          autoComplete="off"
          value={values.telephone}
          errors={errors}
        />
        <button class="fr-btn" type="submit">
          Proposer le mandat
        </button>
      </form>
    </Layout>
  );
}

/** A pending mandate: the code to type, or the signed copy to file. */
export function PendingMandatePage(props: {
  ctx: ViewContext;
  mandate: MandateRow;
  residentName: string;
  errors: FieldError[];
  message: string | null;
  today: string;
}) {
  const { ctx, mandate, errors } = props;
  const title = mandate.status === 'locked' ? 'Mandat bloqué' : 'Confirmer le mandat';
  return (
    <Layout ctx={ctx} title={`${errors.length > 0 ? 'Erreur — ' : ''}${title}`} breadcrumb={helperCrumb}>
      <h1>{title}</h1>
      <p>
        Usager : <strong>{props.residentName}</strong>. Démarches :{' '}
        {mandate.scopes.map(scopeLabel).join(', ')}. Jusqu’au {frenchDate(mandate.endsOn)} (exclu). État :{' '}
        {stateText(mandate, props.today)}.
      </p>
      {props.message && (
        <div
          class={`fr-alert ${mandate.status === 'locked' ? 'fr-alert--error' : 'fr-alert--info'} fr-mb-3w`}
          role="alert"
        >
          <p>{props.message}</p>
        </div>
      )}
      {mandate.status === 'pending' && mandate.givenVia !== 'printed' && (
        <>
          <p>
            Un code de 6 chiffres a été envoyé à l’usager{' '}
            {mandate.givenVia === 'sms-code' ? 'par SMS' : 'par courriel'}. Il vaut {codeMinutes} minutes.
            Trois codes faux bloquent le mandat.
          </p>
          <ErrorSummary errors={errors} />
          <form method="post" action={`/espace/aidant/mandats/${mandate.id}/code`} novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              name="code"
              label="Code lu par l’usager"
              inputMode="numeric"
              value=""
              errors={errors}
            />
            <button class="fr-btn" type="submit">
              Confirmer le mandat
            </button>
          </form>
        </>
      )}
      {mandate.status === 'pending' && mandate.givenVia === 'printed' && (
        <>
          <p>
            <a class="fr-link" href={`/espace/aidant/mandats/${mandate.id}/imprimer`}>
              Imprimer le mandat à faire signer
            </a>
          </p>
          <ErrorSummary errors={errors} />
          <form
            method="post"
            action={`/espace/aidant/mandats/${mandate.id}/signe`}
            enctype="multipart/form-data"
            novalidate
          >
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <div class={`fr-upload-group${errorOf(errors, 'mandat') ? ' fr-upload-group--error' : ''}`}>
              <label class="fr-label" for="mandat">
                Mandat signé
                <span class="fr-hint-text">PDF ou photo (PNG, JPEG, WebP), 10 Mo au plus.</span>
              </label>
              <input
                class="fr-upload"
                type="file"
                id="mandat"
                name="mandat"
                aria-describedby={errorOf(errors, 'mandat') ? 'mandat-error' : undefined}
              />
              {errorOf(errors, 'mandat') && (
                <p id="mandat-error" class="fr-error-text">
                  {errorOf(errors, 'mandat')}
                </p>
              )}
            </div>
            <button class="fr-btn fr-mt-2w" type="submit">
              Déposer le mandat signé
            </button>
          </form>
        </>
      )}
      {mandate.status === 'locked' && (
        <a class="fr-btn" href="/espace/aidant/mandats/nouveau">
          Recommencer un mandat
        </a>
      )}
    </Layout>
  );
}

/** The printable mandate the resident signs at the counter. */
export function PrintableMandatePage(props: { ctx: ViewContext; mandate: MandateRow; residentName: string }) {
  const { mandate } = props;
  return (
    <Layout ctx={props.ctx} title="Mandat à signer" breadcrumb={helperCrumb}>
      <h1>Mandat</h1>
      <p>
        Je soussigné(e) <strong>{props.residentName}</strong> autorise{' '}
        <strong>{mandate.organisationName}</strong> et ses aidants à consulter et compléter mon dossier Sans
        Couture, et à m’aider dans mes démarches, pour :
      </p>
      <ul>
        {mandate.scopes.map((s) => (
          <li>{scopeLabel(s)}</li>
        ))}
      </ul>
      <p>
        Du {frenchDate(mandate.startsOn)} au {frenchDate(mandate.endsOn)} (exclu). Je peux révoquer ce mandat
        à tout moment depuis mon compte (« Mon dossier », « Mes mandats ») ou en le demandant à l’aidant.
        Chaque action faite sous ce mandat est inscrite au journal de mon dossier, que je peux consulter.
      </p>
      <p>Référence du mandat : {mandate.id}</p>
      <p>Fait le {frenchDate(mandate.startsOn)}.</p>
      <p>Signature de l’usager :</p>
      <p class="fr-mb-8w">&nbsp;</p>
      <p>Signature de l’aidant :</p>
    </Layout>
  );
}

/** The resident's file under a mandate, as the helper sees it. */
export function FileUnderMandatePage(props: {
  ctx: ViewContext;
  view: FileUnderMandate;
  today: string;
  communes: { inseeCode: string; name: string }[];
  saved: boolean;
}) {
  const { ctx, view } = props;
  const m = view.mandate;
  return (
    <Layout ctx={ctx} title={`Dossier de ${view.residentName}`} breadcrumb={helperCrumb}>
      <h1>Dossier de {view.residentName}</h1>
      <div class="fr-callout fr-mb-3w">
        <p class="fr-callout__text">
          Sous mandat : {m.scopes.map(scopeLabel).join(', ')}, jusqu’au {frenchDate(m.endsOn)} (exclu). Vous
          ne voyez que ce qui sert à ces démarches. Chaque consultation est inscrite au journal de l’usager.
        </p>
      </div>
      {props.saved && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>Le dossier est enregistré.</p>
        </div>
      )}
      <FactsTable
        caption="Sa situation (parties ouvertes par le mandat)"
        facts={view.file.facts}
        residentId={m.userId}
        names={view.file.names}
        communes={props.communes}
        today={props.today}
      />
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={`/espace/aidant/mandats/${m.id}/situation`}>
            Compléter sa situation
          </a>
        </li>
      </ul>
      <h2>Ses documents</h2>
      {view.file.documents.length === 0 ? (
        <p>Aucun document ouvert par ce mandat.</p>
      ) : (
        <ul>
          {view.file.documents.map((d) => (
            <li>
              <a href={`/espace/aidant/mandats/${m.id}/documents/${d.fileId}`} download>
                {documentKindLabel(d.kind)} — {d.name} ({sizeText(d.size)})
              </a>
              , ajouté le {when(d.createdAt)}
            </li>
          ))}
        </ul>
      )}
      <h2>Fin du mandat</h2>
      <form method="post" action={`/espace/aidant/mandats/${m.id}/revoquer`}>
        <CsrfField ctx={ctx} />
        <button class="fr-btn fr-btn--secondary" type="submit">
          Révoquer ce mandat
        </button>
      </form>
    </Layout>
  );
}
