// The printable pre-filled mandate, the agent's mail settings, and the resident's consent confirmation.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { CaseDetail, ResidentNotice } from '../store.ts';
import type { ConsentLinkState } from '../consent.ts';
import type { MailVolume } from '../tables.ts';
import { mailVolumeLabels } from '../labels.ts';
import { Fieldset, formatDate, formatDateTime, Paragraphs, Radio } from '../../../platform/views/form.tsx';

/** A mandate pre-filled with the case, to print and have signed by the resident. */
export function MandatePage({
  ctx,
  detail,
  helperName,
}: {
  ctx: ViewContext;
  detail: CaseDetail;
  helperName: string;
}) {
  const r = detail.resident;
  const c = detail.consent;
  return (
    <Layout
      ctx={ctx}
      title={`Mandat — dossier ${detail.reference}`}
      breadcrumb={[
        { href: '/dossiers', label: 'Saisines' },
        { href: `/dossiers/${detail.id}`, label: `Dossier ${detail.reference}` },
      ]}
    >
      <h1>Mandat et consentement au partage d’informations</h1>
      <p>
        Je soussigné(e){' '}
        <strong>
          {r.firstName} {r.lastName}
        </strong>
        , né(e) le {r.birthDate ? formatDate(r.birthDate) : '…'}, autorise {helperName} (
        {detail.helperOrganisation}) à transmettre les informations de mon dossier {detail.reference} aux
        organismes suivants : {detail.participants.map((p) => p.organisationName).join(', ')}.
      </p>
      {c && (
        <>
          <p>Portée : {c.scope}</p>
          <p>
            Ce consentement prend effet le {formatDate(c.givenOn)} et prend fin le {formatDate(c.expiresOn)}.
            Je peux le retirer à tout moment auprès de mon aidant.
          </p>
        </>
      )}
      <p>
        Les informations sont conservées six mois après la clôture du dossier, puis effacées. Chaque
        consultation est enregistrée dans un journal.
      </p>
      <p class="fr-mt-6w">Fait à ……………………, le ……………………</p>
      <p class="fr-mt-4w">Signature de l’usager :</p>
      <p class="sc-no-print fr-mt-4w">
        Imprimez cette page (Ctrl + P), faites-la signer, puis gardez-la au dossier.
      </p>
    </Layout>
  );
}

/** Per-agent mail settings. */
export function MailSettingsPage({
  ctx,
  volume,
  saved,
}: {
  ctx: ViewContext;
  volume: MailVolume;
  saved: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Mes courriels" breadcrumb={[{ href: '/dossiers', label: 'Saisines' }]}>
      <h1>Mes courriels</h1>
      {saved && (
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>Vos préférences sont enregistrées.</p>
        </div>
      )}
      <form method="post" action="/parametres/courriels">
        <CsrfField ctx={ctx} />
        <Fieldset id="volume" legend="Combien de courriels voulez-vous recevoir sur les saisines ?">
          {(Object.keys(mailVolumeLabels) as MailVolume[]).map((v) => (
            <Radio name="volume" value={v} label={mailVolumeLabels[v]} checked={v === volume} />
          ))}
        </Fieldset>
        <button class="fr-btn" type="submit">
          Enregistrer
        </button>
      </form>
    </Layout>
  );
}

/** The resident's page behind the link of the confirmation message: who asks, with whom, what, until when. */
export function ConsentConfirmPage({
  ctx,
  token,
  link,
}: {
  ctx: ViewContext;
  token: string;
  link: ConsentLinkState;
}) {
  const summary = link.state === 'unknown' ? null : link.summary;
  const place = summary ? (summary.siteName ?? summary.helperOrganisation) : '';
  return (
    <Layout ctx={ctx} title="Votre accord pour partager votre dossier">
      <h1>Votre accord pour partager votre dossier</h1>
      {link.state === 'unknown' && (
        <p>Ce lien n’est pas valable. Demandez à votre aidant de vous en envoyer un nouveau.</p>
      )}
      {link.state === 'expired' && (
        <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert">
          <p>
            Ce lien a expiré : rien n’a été partagé. Si vous le souhaitez, demandez à votre aidant ({place})
            de vous en envoyer un nouveau.
          </p>
        </div>
      )}
      {link.state === 'confirmed' && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>
            Merci : votre accord est enregistré. Votre aidant et les organismes invités peuvent traiter votre
            dossier. Vous pouvez retirer votre accord à tout moment auprès de votre aidant ({place}).
          </p>
        </div>
      )}
      {link.state === 'refused' && (
        <div class="fr-alert fr-alert--info fr-mb-3w" role="status">
          <p>
            Vous avez refusé le partage{summary?.refusedAt ? ` le ${formatDateTime(summary.refusedAt)}` : ''}{' '}
            : le dossier est clos et vos informations sont effacées. Rien n’a été transmis aux organismes.
            Pour une nouvelle demande, adressez-vous à votre aidant ({place}).
          </p>
        </div>
      )}
      {summary && link.state === 'ask' && (
        <>
          <p>
            {summary.helperName ?? 'Votre aidant'}, à {place}, a ouvert un dossier pour vous (référence{' '}
            {summary.reference}) et souhaite partager vos informations pour régler votre situation. Rien n’est
            partagé avant votre réponse.
          </p>
          <dl class="sc-dl">
            <dt>Qui demande</dt>
            <dd>
              {summary.helperName ?? 'Votre aidant'}, {summary.helperOrganisation}
              {summary.siteName ? ` (${summary.siteName})` : ''}
            </dd>
            <dt>Avec qui vos informations seront partagées</dt>
            <dd>
              <ul>
                {summary.organisations.map((o) => (
                  <li>{o}</li>
                ))}
              </ul>
            </dd>
            <dt>Ce qui est partagé</dt>
            <dd>{summary.scope ?? '—'}</dd>
            <dt>Jusqu’à quand</dt>
            <dd>
              Jusqu’au {formatDate(summary.expiresOn)} au plus tard ; vous pouvez retirer votre accord avant.
            </dd>
          </dl>
          <form method="post" action={`/consentement/${token}`}>
            <CsrfField ctx={ctx} />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button class="fr-btn" type="submit" name="reponse" value="accord">
                  J’accepte le partage
                </button>
              </li>
              <li>
                <button class="fr-btn fr-btn--secondary" type="submit" name="reponse" value="refus">
                  Je refuse
                </button>
              </li>
            </ul>
            <p class="fr-text--sm">
              Si vous refusez, le dossier est clos et vos informations sont effacées ; votre aidant en est
              prévenu.
            </p>
          </form>
        </>
      )}
    </Layout>
  );
}

/** A letter to the resident, printed by the helper and handed over (a resident with neither e-mail nor mobile). */
export function LetterPage({
  ctx,
  caseId,
  reference,
  place,
  notice,
}: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  place: string;
  notice: ResidentNotice;
}) {
  return (
    <Layout
      ctx={ctx}
      title={`Courrier à l’usager — dossier ${reference}`}
      breadcrumb={[
        { href: '/dossiers', label: 'Saisines' },
        { href: `/dossiers/${caseId}`, label: `Dossier ${reference}` },
      ]}
    >
      <h1>Courrier à l’usager</h1>
      <p class="fr-text--sm">
        {place}, le {formatDateTime(notice.createdAt)}
      </p>
      <Paragraphs text={notice.body ?? 'Ce courrier a été effacé avec les données du dossier.'} />
      <p class="sc-no-print fr-mt-4w">
        Imprimez cette page (Ctrl + P) et remettez-la à l’usager, ou lisez-la-lui.
      </p>
    </Layout>
  );
}
