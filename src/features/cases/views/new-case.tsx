// The form to open a case: the resident, the situation, the organisations, the consent, the files.
// A multipart form (files), posted without JavaScript; a wrong field comes back with its message.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import type { InvitableOrganisation, OrganisationSubject } from '../store.ts';
import type { OpenCaseForm } from '../open-case.ts';
import { consentKindLabels, lifeEventLabels } from '../labels.ts';
import {
  Checkbox,
  CommuneSelect,
  ErrorSummary,
  errorOf,
  Fieldset,
  Radio,
  TextField,
} from '../../../platform/views/form.tsx';

export interface NewCasePageProps {
  ctx: ViewContext;
  organisations: InvitableOrganisation[];
  /** The communes of the helper's territory, by name: the resident's commune is one of them. */
  communes: { inseeCode: string; name: string }[];
  /** The subjects the invitable organisations propose. */
  subjects: OrganisationSubject[];
  form: OpenCaseForm;
  errors: FieldError[];
  today: string;
  defaultExpiry: string;
}

const fieldLabels: Record<string, string> = {
  prenom: 'Prénom',
  nom: 'Nom',
  date_naissance: 'Date de naissance',
  numero_caf: 'Numéro CAF',
  numero_secu: 'Numéro de sécurité sociale',
  numero_fiscal: 'Numéro fiscal',
  moment: 'Moment de vie',
  question: 'Situation et question',
  organismes: 'Organismes',
  consentement_type: 'Consentement',
  consentement_date: 'Date du consentement',
  consentement_portee: 'Portée',
  consentement_fin: 'Fin du consentement',
  consentement_contact: 'Contact de l’usager',
  adresse: 'Adresse',
  commune: 'Commune',
  telephone: 'Téléphone',
  courriel: 'Courriel',
  objet: 'Objet',
  objet_libre: 'Autre objet',
  mandat: 'Mandat signé',
  pieces: 'Pièces jointes',
};

/** The page "Ouvrir une saisine". */
export function NewCasePage({
  ctx,
  organisations,
  communes,
  subjects,
  form,
  errors,
  today,
  defaultExpiry,
}: NewCasePageProps) {
  const e = (f: string) => errorOf(errors, f);
  return (
    <Layout ctx={ctx} title="Ouvrir une saisine" breadcrumb={[{ href: '/dossiers', label: 'Saisines' }]}>
      <h1>Ouvrir une saisine</h1>
      <p class="fr-text--lead">
        Un dossier bloqué ? Décrivez la situation une fois ; les organismes invités répondent au même endroit.
      </p>
      <ErrorSummary errors={errors} labels={fieldLabels} />
      {errors.length > 0 ? (
        <p class="fr-text--sm">
          Par sécurité, les fichiers choisis ne sont pas gardés : sélectionnez-les de nouveau.
        </p>
      ) : null}
      <form method="post" action="/dossiers" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <h2 class="fr-h4">L’usager</h2>
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-6">
            <TextField
              name="prenom"
              label="Prénom"
              value={form.prenom}
              error={e('prenom')}
              required
              autocomplete="off"
            />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <TextField name="nom" label="Nom" value={form.nom} error={e('nom')} required autocomplete="off" />
          </div>
        </div>
        <TextField
          name="date_naissance"
          label="Date de naissance"
          hint="Format attendu : JJ/MM/AAAA"
          type="date"
          value={form.date_naissance}
          error={e('date_naissance')}
          required
        />
        <TextField
          name="adresse"
          label="Adresse (facultatif)"
          hint="Numéro, rue, code postal et commune"
          value={form.adresse}
          error={e('adresse')}
          autocomplete="off"
        />
        <CommuneSelect
          name="commune"
          label="Commune de l’usager (facultatif)"
          hint="Une commune du territoire ; elle sert aux indicateurs par commune du pilotage, sans nom ni adresse"
          value={form.commune}
          communes={communes}
          empty="Non renseignée"
          error={e('commune')}
        />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-6">
            <TextField
              name="telephone"
              label="Téléphone (facultatif)"
              hint="Un portable reçoit les étapes du dossier par SMS"
              type="tel"
              value={form.telephone}
              error={e('telephone')}
              autocomplete="off"
            />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <TextField
              name="courriel"
              label="Courriel (facultatif)"
              hint="Reçoit les étapes du dossier ; sans courriel ni portable, un courrier à imprimer"
              type="email"
              value={form.courriel}
              error={e('courriel')}
              autocomplete="off"
            />
          </div>
        </div>
        <TextField
          name="numero_caf"
          label="Numéro d’allocataire CAF (facultatif)"
          hint="4 à 7 chiffres"
          value={form.numero_caf}
          error={e('numero_caf')}
          inputMode="numeric"
        />
        <TextField
          name="numero_secu"
          label="Numéro de sécurité sociale (facultatif)"
          hint="15 chiffres, clé comprise"
          value={form.numero_secu}
          error={e('numero_secu')}
        />
        <TextField
          name="numero_fiscal"
          label="Numéro fiscal (facultatif)"
          hint="13 chiffres, sur l’avis d’impôt"
          value={form.numero_fiscal}
          error={e('numero_fiscal')}
          inputMode="numeric"
        />

        <h2 class="fr-h4">La situation</h2>
        <div class={`fr-select-group${e('moment') ? ' fr-select-group--error' : ''}`}>
          <label class="fr-label" for="moment">
            Moment de vie concerné
          </label>
          <select
            class={`fr-select${e('moment') ? ' fr-select--error' : ''}`}
            id="moment"
            name="moment"
            aria-describedby={e('moment') ? 'moment-error' : undefined}
          >
            <option value="">Choisir</option>
            {Object.entries(lifeEventLabels).map(([id, label]) => (
              <option value={id} selected={form.moment === id}>
                {label}
              </option>
            ))}
          </select>
          {e('moment') && (
            <p class="fr-error-text" id="moment-error">
              {e('moment')}
            </p>
          )}
        </div>
        <TextField
          name="question"
          label="Situation et question"
          hint="Ce qui bloque, ce qui a déjà été fait, ce que l’usager attend."
          textarea
          value={form.question}
          error={e('question')}
          required
        />

        <h2 class="fr-h4">Les organismes invités</h2>
        {organisations.length === 0 ? (
          <p>Aucun organisme du territoire n’a d’agent actif pour le moment.</p>
        ) : (
          <Fieldset
            id="organismes"
            legend="Organismes à inviter"
            hint="Seuls les organismes présents sur le territoire, avec au moins un agent actif."
            error={e('organismes')}
          >
            {organisations.map((o) => (
              <Checkbox
                id={`organisme-${o.slug}`}
                name="organismes"
                value={o.id}
                label={o.name}
                checked={form.organismes?.includes(o.id)}
              />
            ))}
          </Fieldset>
        )}

        <h2 class="fr-h4">L’objet de la demande</h2>
        <div class={`fr-select-group${e('objet') ? ' fr-select-group--error' : ''}`}>
          <label class="fr-label" for="objet">
            Objet proposé par un organisme invité (facultatif)
            <span class="fr-hint-text">Choisissez un objet d’un des organismes que vous invitez.</span>
          </label>
          <select
            class={`fr-select${e('objet') ? ' fr-select--error' : ''}`}
            id="objet"
            name="objet"
            aria-describedby={e('objet') ? 'objet-error' : undefined}
          >
            <option value="">Aucun : j’écris l’objet ci-dessous</option>
            {organisations
              .filter((o) => subjects.some((s) => s.organisationId === o.id))
              .map((o) => (
                <optgroup label={o.name}>
                  {subjects
                    .filter((s) => s.organisationId === o.id)
                    .map((s) => (
                      <option value={s.id} selected={form.objet === s.id}>
                        {s.label}
                      </option>
                    ))}
                </optgroup>
              ))}
          </select>
          {e('objet') && (
            <p class="fr-error-text" id="objet-error">
              {e('objet')}
            </p>
          )}
        </div>
        <TextField
          name="objet_libre"
          label="Ou l’objet en quelques mots (facultatif)"
          hint="150 caractères au plus ; il apparaît dans la boîte de réception des organismes."
          value={form.objet_libre}
          error={e('objet_libre')}
          autocomplete="off"
        />
        <div class="fr-checkbox-group fr-mb-3w">
          <input type="checkbox" id="urgent" name="urgent" value="oui" checked={form.urgent === 'oui'} />
          <label class="fr-label" for="urgent">
            Situation urgente
            <span class="fr-hint-text">Rupture de droits, expulsion, absence de ressources…</span>
          </label>
        </div>

        <h2 class="fr-h4">Le consentement de l’usager</h2>
        <p>
          Obligatoire : l’usager accepte que ses informations soient partagées avec les organismes invités.
        </p>
        <Fieldset
          id="consentement_type"
          legend="Comment le consentement est-il recueilli ?"
          error={e('consentement_type')}
        >
          {(Object.keys(consentKindLabels) as (keyof typeof consentKindLabels)[]).map((kind) => (
            <Radio
              name="consentement_type"
              value={kind}
              label={consentKindLabels[kind]}
              checked={form.consentement_type === kind}
            />
          ))}
        </Fieldset>
        <TextField
          name="consentement_date"
          label="Date du consentement"
          type="date"
          value={form.consentement_date ?? today}
          error={e('consentement_date')}
          required
        />
        <TextField
          name="consentement_portee"
          label="Portée du consentement"
          hint="Ce que l’usager autorise : quelles informations, avec quels organismes, pour quoi faire."
          textarea
          value={
            form.consentement_portee ??
            'Partage des informations de ce dossier avec les organismes invités, pour résoudre la situation décrite.'
          }
          error={e('consentement_portee')}
          required
        />
        <TextField
          name="consentement_fin"
          label="Fin du consentement"
          hint="Un an au plus après sa date."
          type="date"
          value={form.consentement_fin ?? defaultExpiry}
          error={e('consentement_fin')}
          required
        />
        <TextField
          name="consentement_contact"
          label="Courriel ou portable de l’usager (confirmation par courriel ou SMS)"
          value={form.consentement_contact}
          error={e('consentement_contact')}
          autocomplete="off"
        />
        <div class={`fr-upload-group${e('mandat') ? ' fr-upload-group--error' : ''} fr-mb-3w`}>
          <label class="fr-label" for="mandat">
            Mandat signé (si déposé)
            <span class="fr-hint-text">PDF, PNG, JPEG ou WebP, 10 Mo au plus.</span>
          </label>
          <input
            class="fr-upload"
            type="file"
            id="mandat"
            name="mandat"
            accept=".pdf,.png,.jpg,.jpeg,.webp"
            aria-describedby={e('mandat') ? 'mandat-error' : undefined}
          />
          {e('mandat') && (
            <p class="fr-error-text" id="mandat-error">
              {e('mandat')}
            </p>
          )}
        </div>

        <h2 class="fr-h4">Pièces jointes</h2>
        <div class={`fr-upload-group${e('pieces') ? ' fr-upload-group--error' : ''} fr-mb-4w`}>
          <label class="fr-label" for="pieces">
            Ajouter des pièces (facultatif)
            <span class="fr-hint-text">
              PDF, PNG, JPEG ou WebP, 10 Mo au plus par fichier, 5 fichiers au plus.
            </span>
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
          Ouvrir la saisine
        </button>
      </form>
    </Layout>
  );
}
