// The case page: the resident and the consent, the organisations and who holds the case, the thread (who
// said what and when, who read the latest message), and the actions the connected agent may take.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import type { CaseDetail, CaseMetadata, InvitableOrganisation, ResidentNotice } from '../store.ts';
import type { WritableKind } from '../access.ts';
import {
  consentKindLabels,
  lifeEventLabels,
  messageKindBadges,
  messageKindLabels,
  statusBadges,
  statusLabels,
  usefulnessLabels,
} from '../labels.ts';
import {
  ErrorSummary,
  errorOf,
  Fieldset,
  formatDate,
  formatDateTime,
  Paragraphs,
  Radio,
  TextField,
} from '../../../platform/views/form.tsx';
import { erasedOnRequestOutcome } from '../resident-request.ts';
import { SatisfactionInvite } from '../../pilotage/views/satisfaction.tsx';

export interface CasePageProps {
  ctx: ViewContext;
  detail: CaseDetail;
  side: 'helper' | 'partner';
  kinds: WritableKind[];
  canTake: boolean;
  canInvite: boolean;
  canMarkDone: boolean;
  canClose: boolean;
  canReopen: boolean;
  /** The helper's organisation exports or erases the resident's data at their request. */
  canActOnResidentRequest: boolean;
  /** Whoever works on the case may mark it "procédure standard". */
  canFlagStandard: boolean;
  /** An agent on an open case books an appointment for its resident (the agenda's booking, prefilled). */
  canBook: boolean;
  /** What the resident was told (helper's side only). */
  notices: ResidentNotice[];
  today: string;
  invitable: InvitableOrganisation[];
  errors: FieldError[];
  form: Record<string, string | undefined>;
  notice?: string;
}

function Identity({ detail }: { detail: CaseDetail }) {
  const r = detail.resident;
  if (detail.erasedAt) {
    const why =
      detail.outcome === erasedOnRequestOutcome
        ? 'à la demande de l’usager'
        : 'durée de conservation atteinte';
    return (
      <p>
        Les données personnelles de ce dossier ont été effacées le {formatDateTime(detail.erasedAt)} ({why}).
      </p>
    );
  }
  return (
    <dl class="sc-dl">
      <dt>Usager</dt>
      <dd>
        {r.firstName} {r.lastName}
      </dd>
      <dt>Date de naissance</dt>
      <dd>{r.birthDate ? formatDate(r.birthDate) : '—'}</dd>
      {r.address && (
        <>
          <dt>Adresse</dt>
          <dd>{r.address}</dd>
        </>
      )}
      {r.commune && (
        <>
          <dt>Commune</dt>
          <dd>
            {r.commune.name} ({r.commune.inseeCode})
          </dd>
        </>
      )}
      {r.phone && (
        <>
          <dt>Téléphone</dt>
          <dd>{r.phone}</dd>
        </>
      )}
      {r.email && (
        <>
          <dt>Courriel</dt>
          <dd>{r.email}</dd>
        </>
      )}
      {r.cafNumber && (
        <>
          <dt>Numéro CAF</dt>
          <dd>{r.cafNumber}</dd>
        </>
      )}
      {r.socialSecurityNumber && (
        <>
          <dt>Numéro de sécurité sociale</dt>
          <dd>{r.socialSecurityNumber}</dd>
        </>
      )}
      {r.taxNumber && (
        <>
          <dt>Numéro fiscal</dt>
          <dd>{r.taxNumber}</dd>
        </>
      )}
      <dt>Moment de vie</dt>
      <dd>{lifeEventLabels[detail.lifeEvent] ?? detail.lifeEvent}</dd>
    </dl>
  );
}

const noticeStepLabels: Record<ResidentNotice['step'], string> = {
  opened: 'Ouverture du dossier',
  answered: 'Réponse d’un organisme',
  closed: 'Clôture du dossier',
};

/** The case page. */
export function CasePage(p: CasePageProps) {
  const { ctx, detail } = p;
  const e = (f: string) => errorOf(p.errors, f);
  const title = `Dossier ${detail.reference}`;
  const latest = detail.messages.at(-1);
  return (
    <Layout ctx={ctx} title={title} breadcrumb={[{ href: '/dossiers', label: 'Saisines' }]}>
      <h1>
        {title} <span class={`fr-badge ${statusBadges[detail.status]}`}>{statusLabels[detail.status]}</span>
        {detail.urgent && <span class="fr-badge fr-badge--error fr-ml-1w">Urgent</span>}
      </h1>
      {detail.subject && <p class="fr-text--lead fr-mb-1w">{detail.subject}</p>}
      <p>
        Ouvert le {formatDateTime(detail.createdAt)} par {detail.createdBy ?? 'un agent'},{' '}
        {detail.helperOrganisation}
        {detail.helperSite ? ` (${detail.helperSite})` : ''}.
        {detail.closedAt && ` Clos le ${formatDateTime(detail.closedAt)}.`}
        {detail.standardProcedure && ' Marqué « procédure standard » : hors statistiques.'}
      </p>
      {p.notice && (
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{p.notice}</p>
        </div>
      )}
      <ErrorSummary errors={p.errors} />

      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <h2 class="fr-h4">L’usager et la situation</h2>
          <Identity detail={detail} />
          {p.canBook && (
            <p>
              <a class="fr-btn fr-btn--secondary" href={`/agenda/rdv?dossier=${detail.id}`}>
                Prendre un rendez-vous pour cette personne
              </a>
            </p>
          )}
          {detail.question && (
            <>
              <h3 class="fr-h6">Question</h3>
              <Paragraphs text={detail.question} />
            </>
          )}
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <h2 class="fr-h4">Consentement</h2>
          {detail.consent?.deliveryFailedAt && detail.consentStatus === 'pending' && (
            <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
              <p>
                Le message de confirmation n’a pas pu être remis à l’usager : vérifiez son adresse ou son
                numéro, ou recueillez un mandat signé et ouvrez une nouvelle saisine.
              </p>
            </div>
          )}
          {detail.consentStatus === 'pending' && !detail.consent?.deliveryFailedAt && (
            <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w">
              <p>
                L’usager n’a pas encore répondu au message de confirmation : les organismes invités ne voient
                rien du dossier et ne sont pas prévenus avant son accord.
              </p>
            </div>
          )}
          {detail.consent && detail.consent.expiresOn < p.today && detail.status !== 'closed' && (
            <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
              <p>
                Le consentement de l’usager a expiré : recueillez-le de nouveau avant de partager d’autres
                informations.
              </p>
            </div>
          )}
          {detail.consent ? (
            <ul>
              <li>{consentKindLabels[detail.consent.kind]}</li>
              <li>
                Donné le {formatDate(detail.consent.givenOn)}, valable jusqu’au{' '}
                {formatDate(detail.consent.expiresOn)}
              </li>
              {detail.consent.scope && <li>Portée : {detail.consent.scope}</li>}
              {(detail.consent.kind === 'email' || detail.consent.kind === 'sms') && (
                <li>
                  {detail.consent.confirmedAt
                    ? `Confirmé par l’usager le ${formatDateTime(detail.consent.confirmedAt)}`
                    : detail.consent.refusedAt
                      ? `Refusé par l’usager le ${formatDateTime(detail.consent.refusedAt)}`
                      : 'En attente de la confirmation de l’usager'}
                </li>
              )}
              {detail.consent.mandateFileId && (
                <li>
                  <a href={`/dossiers/${detail.id}/pieces/${detail.consent.mandateFileId}`}>
                    Télécharger le mandat signé
                  </a>
                </li>
              )}
              {p.side === 'helper' && detail.consent.kind === 'printed-mandate' && (
                <li>
                  <a href={`/dossiers/${detail.id}/mandat`}>Imprimer le mandat pré-rempli</a>
                </li>
              )}
            </ul>
          ) : (
            <p>Aucun consentement enregistré.</p>
          )}
        </div>
      </div>

      <h2 class="fr-h4">Organismes invités</h2>
      {/* DSFR's current table markup: the container scrolls on a phone and takes the keyboard focus (axe's
          "scrollable-region-focusable"), where the bare table scrolled without it at 360 px. */}
      <div class="fr-table fr-table--no-caption">
        <div class="fr-table__wrapper">
          <div
            class="fr-table__container"
            tabIndex={0}
            role="region"
            aria-label="Organismes invités et avancement"
          >
            <div class="fr-table__content">
              <table>
                <caption>Organismes invités et avancement</caption>
                <thead>
                  <tr>
                    <th scope="col">Organisme</th>
                    <th scope="col">Invité le</th>
                    <th scope="col">Pris en charge par</th>
                    <th scope="col">Relance prévue</th>
                    <th scope="col">Première réponse</th>
                    <th scope="col">Part terminée</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.participants.map((o) => (
                    <tr>
                      <td>{o.organisationName}</td>
                      <td>{formatDateTime(o.invitedAt)}</td>
                      <td>{o.assignee ?? 'Personne pour le moment'}</td>
                      <td>{o.firstAnswerAt || o.doneAt ? '—' : formatDateTime(o.dueAt)}</td>
                      <td>{o.firstAnswerAt ? formatDateTime(o.firstAnswerAt) : '—'}</td>
                      <td>{o.doneAt ? formatDateTime(o.doneAt) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      {(p.canTake || p.canMarkDone) && (
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          {p.canTake && (
            <li>
              <form method="post" action={`/dossiers/${detail.id}/prise-en-charge`}>
                <CsrfField ctx={ctx} />
                <button class="fr-btn" type="submit">
                  Je m’en occupe
                </button>
              </form>
            </li>
          )}
          {p.canMarkDone && (
            <li>
              <form method="post" action={`/dossiers/${detail.id}/part-terminee`}>
                <CsrfField ctx={ctx} />
                <button class="fr-btn fr-btn--secondary" type="submit">
                  Notre part est terminée
                </button>
              </form>
            </li>
          )}
        </ul>
      )}

      <h2 class="fr-h4">Échanges</h2>
      {detail.messages.length === 0 ? (
        <p>Aucun message pour le moment.</p>
      ) : (
        <ol class="sc-thread">
          {detail.messages.map((m) => (
            <li id={`message-${m.id}`} class="fr-mb-3w" data-kind={m.kind}>
              <p class="fr-text--sm fr-mb-1w">
                <strong>{m.author ?? (m.authorOrganisation ? 'Agent' : 'Sans Couture')}</strong>
                {m.authorOrganisation && `, ${m.authorOrganisation}`} — {formatDateTime(m.createdAt)}
                {m.kind !== 'event' && m.kind !== 'message' && (
                  <span
                    class={`fr-badge fr-badge--sm fr-ml-1w${m.kind === 'internal' ? ' fr-badge--warning' : ' fr-badge--info'}`}
                  >
                    {messageKindBadges[m.kind]}
                  </span>
                )}
              </p>
              {m.body == null ? (
                <p>
                  <em>Texte effacé</em>
                </p>
              ) : m.kind === 'event' ? (
                <p>
                  <em>
                    {m.author == null && m.authorOrganisation == null
                      ? m.body
                      : `${m.author ?? 'Un agent'} ${m.body}`}
                  </em>
                </p>
              ) : (
                <Paragraphs text={m.body} />
              )}
              {m.attachments.length > 0 && (
                <ul>
                  {m.attachments.map((a) => (
                    <li>
                      {a.scanStatus === 'infected' ? (
                        `${a.name} : bloquée par l’antivirus`
                      ) : a.scanStatus === 'pending' ? (
                        `${a.name} : en cours d’analyse par l’antivirus`
                      ) : (
                        <a href={`/dossiers/${detail.id}/pieces/${a.id}`} download>
                          {a.name} ({Math.max(1, Math.round(a.size / 1024))} Ko)
                        </a>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {latest && detail.status !== 'closed' && (
        <p class="fr-text--sm" id="lu-par">
          {detail.readersOfLatest.length > 0
            ? `Dernier message lu par : ${detail.readersOfLatest.join(', ')}.`
            : 'Personne n’a encore lu le dernier message.'}
        </p>
      )}

      {p.kinds.length > 0 && (
        <form
          method="post"
          action={`/dossiers/${detail.id}/messages`}
          enctype="multipart/form-data"
          class="fr-mb-4w"
          novalidate
        >
          <CsrfField ctx={ctx} />
          <h2 class="fr-h4">Écrire</h2>
          <Fieldset id="type" legend="Type de message" error={e('type')}>
            {p.kinds.map((k, i) => (
              <Radio
                name="type"
                value={k}
                label={messageKindLabels[k]}
                checked={p.form.type ? p.form.type === k : i === 0}
              />
            ))}
          </Fieldset>
          <TextField
            name="texte"
            label="Votre message"
            textarea
            value={p.form.texte}
            error={e('texte')}
            required
          />
          <div class={`fr-upload-group${e('pieces') ? ' fr-upload-group--error' : ''} fr-mb-3w`}>
            <label class="fr-label" for="pieces">
              Pièces jointes (facultatif)
              <span class="fr-hint-text">PDF, PNG, JPEG ou WebP, 10 Mo au plus par fichier.</span>
            </label>
            <input
              class="fr-upload"
              type="file"
              id="pieces"
              name="pieces"
              multiple
              accept=".pdf,.png,.jpg,.jpeg,.webp"
              aria-describedby={e('pieces') ? 'pieces-error' : undefined}
            />
            {e('pieces') && (
              <p class="fr-error-text" id="pieces-error">
                {e('pieces')}
              </p>
            )}
          </div>
          <button class="fr-btn" type="submit">
            Envoyer
          </button>
        </form>
      )}

      {p.canInvite && (
        <form method="post" action={`/dossiers/${detail.id}/invitations`} class="fr-mb-4w">
          <CsrfField ctx={ctx} />
          <h2 class="fr-h4">Inviter un autre organisme ou un agent</h2>
          <div class={`fr-select-group${e('organisme') ? ' fr-select-group--error' : ''}`}>
            <label class="fr-label" for="organisme">
              Organisme
            </label>
            <select
              class="fr-select"
              id="organisme"
              name="organisme"
              aria-describedby={e('organisme') ? 'organisme-error' : undefined}
            >
              <option value="">Choisir</option>
              {p.invitable
                .filter((o) => !detail.participants.some((x) => x.organisationId === o.id))
                .map((o) => (
                  <option value={o.id} selected={p.form.organisme === o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
            {e('organisme') && (
              <p class="fr-error-text" id="organisme-error">
                {e('organisme')}
              </p>
            )}
          </div>
          <TextField
            name="agent"
            label="Ou l’adresse électronique d’un agent (facultatif)"
            type="email"
            value={p.form.agent}
            error={e('agent')}
            autocomplete="off"
          />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Inviter
          </button>
        </form>
      )}

      {p.canClose && (
        <form method="post" action={`/dossiers/${detail.id}/cloture`} class="fr-mb-4w" novalidate>
          <CsrfField ctx={ctx} />
          <h2 class="fr-h4">Clore le dossier</h2>
          <Fieldset id="utile" legend="La réponse a-t-elle été utile à l’usager ?" error={e('utile')}>
            {(['yes', 'partly', 'no'] as const).map((u) => (
              <Radio name="utile" value={u} label={usefulnessLabels[u]} checked={p.form.utile === u} />
            ))}
          </Fieldset>
          <TextField
            name="resultat"
            label="Qu’est-ce qui a changé pour l’usager ?"
            textarea
            value={p.form.resultat}
            error={e('resultat')}
            required
          />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Clore le dossier
          </button>
        </form>
      )}
      {detail.status === 'closed' && detail.usefulness && (
        <p>
          Utilité de la réponse : {usefulnessLabels[detail.usefulness]}. {detail.outcome}
        </p>
      )}
      {detail.status === 'closed' && <SatisfactionInvite subject="case" territoryId={detail.territoryId} />}
      {p.canReopen && (
        <form method="post" action={`/dossiers/${detail.id}/reouverture`}>
          <CsrfField ctx={ctx} />
          <button class="fr-btn fr-btn--tertiary" type="submit">
            Rouvrir le dossier
          </button>
        </form>
      )}
      {p.canFlagStandard && (
        <form method="post" action={`/dossiers/${detail.id}/procedure-standard`} class="fr-mt-4w">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="standard" value={detail.standardProcedure ? 'non' : 'oui'} />
          <p class="fr-text--sm fr-mb-1w">
            Une demande qui relevait d’une démarche courante (« procédure standard ») reste dans le dossier
            mais sort des statistiques de délais.
          </p>
          <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">
            {detail.standardProcedure
              ? 'Retirer la mention « procédure standard »'
              : 'Marquer comme procédure standard (hors statistiques)'}
          </button>
        </form>
      )}
      {p.side === 'helper' && p.notices.length > 0 && (
        <section class="fr-mt-6w" aria-labelledby="usager-prevenu">
          <h2 class="fr-h4" id="usager-prevenu">
            Ce que l’usager a reçu
          </h2>
          <ul>
            {p.notices.map((n) => (
              <li data-notice={n.step}>
                {noticeStepLabels[n.step]}, {formatDateTime(n.createdAt)} —{' '}
                {n.channel === 'letter' ? (
                  <a href={`/dossiers/${detail.id}/courriers/${n.id}`}>
                    courrier à imprimer et à lui remettre
                  </a>
                ) : n.channel === 'email' ? (
                  'par courriel'
                ) : n.failedAt ? (
                  'SMS non remis'
                ) : (
                  'par SMS'
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.canActOnResidentRequest && detail.erasedAt == null && (
        <section class="fr-mt-6w" aria-labelledby="donnees-usager">
          <h2 class="fr-h4" id="donnees-usager">
            Les données de l’usager
          </h2>
          <p>
            L’usager peut demander une copie de ses données, ou leur effacement avant la fin de la durée de
            conservation. Votre organisme, qui a ouvert la saisine, s’en charge. Chaque export et chaque
            effacement est inscrit au journal d’audit.
          </p>
          <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <form method="post" action={`/dossiers/${detail.id}/donnees-usager`}>
                <CsrfField ctx={ctx} />
                <button
                  class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
                  type="submit"
                >
                  Exporter les données de l’usager (fichier JSON)
                </button>
              </form>
            </li>
            <li>
              <a
                class="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
                href={`/dossiers/${detail.id}/effacement`}
              >
                Effacer les données personnelles à la demande de l’usager
              </a>
            </li>
          </ul>
        </section>
      )}
    </Layout>
  );
}

/** What an administrator sees of a case: metadata only, never personal data. */
export function CaseMetadataPage({ ctx, meta }: { ctx: ViewContext; meta: CaseMetadata }) {
  return (
    <Layout
      ctx={ctx}
      title={`Dossier ${meta.reference}`}
      breadcrumb={[{ href: '/dossiers', label: 'Saisines' }]}
    >
      <h1>Dossier {meta.reference}</h1>
      <p>Vue d’administration : métadonnées seulement, sans donnée personnelle ni texte des échanges.</p>
      <ul>
        <li>État : {statusLabels[meta.status]}</li>
        <li>Moment de vie : {lifeEventLabels[meta.lifeEvent] ?? meta.lifeEvent}</li>
        <li>
          Ouvert par : {meta.helperOrganisation}, le {formatDateTime(meta.createdAt)}
        </li>
        <li>Organismes invités : {meta.organisations.join(', ') || 'aucun'}</li>
        <li>Nombre de messages : {meta.messageCount}</li>
        {meta.closedAt && <li>Clos le {formatDateTime(meta.closedAt)}</li>}
        {meta.erased && <li>Données personnelles effacées</li>}
      </ul>
    </Layout>
  );
}
