// The printable pre-filled mandate, the agent's mail settings, and the resident's consent confirmation.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { CaseDetail } from '../store.ts';
import type { MailVolume } from '../tables.ts';
import { mailVolumeLabels } from '../labels.ts';
import { Fieldset, formatDate, Radio } from './form.tsx';

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

/** The resident's page behind the link of the confirmation message. */
export function ConsentConfirmPage({
  ctx,
  token,
  state,
}: {
  ctx: ViewContext;
  token: string;
  state: 'ask' | 'done' | 'unknown';
}) {
  return (
    <Layout ctx={ctx} title="Confirmer votre accord">
      <h1>Confirmer votre accord</h1>
      {state === 'unknown' && (
        <p>Ce lien n’est pas valable ou a expiré. Demandez à votre aidant de vous en envoyer un nouveau.</p>
      )}
      {state === 'done' && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>
            Merci : votre accord est enregistré. Votre aidant et les organismes invités peuvent traiter votre
            dossier.
          </p>
        </div>
      )}
      {state === 'ask' && (
        <form method="post" action={`/consentement/${token}`}>
          <CsrfField ctx={ctx} />
          <p>
            Votre aidant a ouvert un dossier pour vous et souhaite partager vos informations avec les
            organismes concernés, pour résoudre votre situation. Vous pouvez retirer votre accord à tout
            moment auprès de lui.
          </p>
          <button class="fr-btn" type="submit">
            Je donne mon accord
          </button>
        </form>
      )}
    </Layout>
  );
}
