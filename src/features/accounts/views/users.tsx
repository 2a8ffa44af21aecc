// The users page of administrators and organisation managers: the list, the invitation form and the CSV
// import with its per-line report.
import { roleLabels, type Role } from '../../../platform/auth/roles.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { ImportLine } from '../invitations.ts';
import type { OrganisationRef } from '../rules.ts';
import type { UserListItem } from '../store.ts';

/** What the invitation form shows again after an error. */
export interface InviteFormValues {
  email: string;
  name: string;
  role: string;
  organisation: string;
  territories: string[];
}

export interface UsersPageProps {
  ctx: ViewContext;
  basePath: string;
  /** Null for an administrator: every organisation; else the manager's organisation. */
  ownOrganisation: string | null;
  users: UserListItem[];
  roles: Role[];
  organisations: OrganisationRef[];
  territories: { id: string; name: string }[];
  form: InviteFormValues;
  errors: FieldError[];
  invited: { email: string; mailSent: boolean } | null;
  importResult: { ok: boolean; lines: ImportLine[] } | null;
  importError: string | null;
}

const statusLabels: Record<string, string> = { invited: 'Invité', active: 'Actif', disabled: 'Désactivé' };
const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' });

function errorOf(errors: FieldError[], field: string): string | null {
  return errors.find((e) => e.field === field)?.message ?? null;
}

function TextField({
  id,
  label,
  hint,
  value,
  error,
  type,
  autocomplete,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error: string | null;
  type: string;
  autocomplete: string;
}) {
  return (
    <div class={error ? 'fr-input-group fr-input-group--error' : 'fr-input-group'}>
      <label class="fr-label" for={`invitation-${id}`}>
        {label}
        {hint && <span class="fr-hint-text">{hint}</span>}
      </label>
      <input
        class={error ? 'fr-input fr-input--error' : 'fr-input'}
        type={type}
        id={`invitation-${id}`}
        name={id}
        value={value}
        autocomplete={autocomplete}
        aria-describedby={error ? `invitation-${id}-erreur` : undefined}
      />
      {error && (
        <p class="fr-error-text" id={`invitation-${id}-erreur`}>
          {error}
        </p>
      )}
    </div>
  );
}

function InviteForm(props: UsersPageProps) {
  const { ctx, basePath, form, errors } = props;
  const roleError = errorOf(errors, 'role');
  const organisationError = errorOf(errors, 'organisation');
  const territoriesError = errorOf(errors, 'territories');
  return (
    <form method="post" action={basePath} novalidate id="inviter">
      <CsrfField ctx={ctx} />
      {errors.length > 0 && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>L’invitation n’a pas été envoyée : corrigez les champs signalés.</p>
        </div>
      )}
      <TextField
        id="email"
        label="Adresse électronique"
        hint="Format attendu : nom@domaine.fr"
        value={form.email}
        error={errorOf(errors, 'email')}
        type="email"
        autocomplete="off"
      />
      <TextField
        id="name"
        label="Prénom et nom"
        value={form.name}
        error={errorOf(errors, 'name')}
        type="text"
        autocomplete="off"
      />
      <div class={roleError ? 'fr-select-group fr-select-group--error' : 'fr-select-group'}>
        <label class="fr-label" for="invitation-role">
          Rôle
        </label>
        <select
          class={roleError ? 'fr-select fr-select--error' : 'fr-select'}
          id="invitation-role"
          name="role"
          aria-describedby={roleError ? 'invitation-role-erreur' : undefined}
        >
          <option value="" selected={form.role === ''} disabled>
            Choisir un rôle
          </option>
          {props.roles.map((role) => (
            <option value={role} selected={form.role === role}>
              {roleLabels[role]}
            </option>
          ))}
        </select>
        {roleError && (
          <p class="fr-error-text" id="invitation-role-erreur">
            {roleError}
          </p>
        )}
      </div>
      {props.ownOrganisation === null ? (
        <div class={organisationError ? 'fr-select-group fr-select-group--error' : 'fr-select-group'}>
          <label class="fr-label" for="invitation-organisation">
            Organisme
            <span class="fr-hint-text">
              Obligatoire pour les aidants, agents partenaires et responsables d’organisme.
            </span>
          </label>
          <select
            class={organisationError ? 'fr-select fr-select--error' : 'fr-select'}
            id="invitation-organisation"
            name="organisation"
            aria-describedby={organisationError ? 'invitation-organisation-erreur' : undefined}
          >
            <option value="" selected={form.organisation === ''}>
              Aucun organisme
            </option>
            {props.organisations.map((o) => (
              <option value={o.slug} selected={form.organisation === o.slug}>
                {o.name}
              </option>
            ))}
          </select>
          {organisationError && (
            <p class="fr-error-text" id="invitation-organisation-erreur">
              {organisationError}
            </p>
          )}
        </div>
      ) : (
        <p>
          Organisme : <strong>{props.ownOrganisation}</strong>
          {organisationError && <span class="fr-error-text">{organisationError}</span>}
        </p>
      )}
      <fieldset
        class={territoriesError ? 'fr-fieldset fr-fieldset--error' : 'fr-fieldset'}
        id="invitation-territories"
        aria-labelledby={
          territoriesError
            ? 'invitation-territories-legende invitation-territories-erreur'
            : 'invitation-territories-legende'
        }
      >
        <legend class="fr-fieldset__legend fr-text--regular" id="invitation-territories-legende">
          Territoires
          <span class="fr-hint-text">Sans choix, ceux de l’organisme.</span>
        </legend>
        {props.territories.map((t) => (
          <div class="fr-fieldset__element">
            <div class="fr-checkbox-group">
              <input
                type="checkbox"
                id={`territoire-${t.id}`}
                name="territories"
                value={t.id}
                checked={form.territories.includes(t.id)}
              />
              <label class="fr-label" for={`territoire-${t.id}`}>
                {t.name}
              </label>
            </div>
          </div>
        ))}
        {territoriesError && (
          <div class="fr-messages-group" id="invitation-territories-erreur" aria-live="assertive">
            <p class="fr-message fr-message--error">{territoriesError}</p>
          </div>
        )}
      </fieldset>
      <button class="fr-btn" type="submit">
        Inviter
      </button>
    </form>
  );
}

function ImportReport({ result }: { result: { ok: boolean; lines: ImportLine[] } }) {
  const wrong = result.lines.filter((l) => l.errors.length > 0).length;
  const unsent = result.lines.filter((l) => l.mailSent === false).length;
  return (
    <div class="fr-mb-4w" id="rapport-import">
      {result.ok ? (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <h2 class="fr-alert__title">{result.lines.length} compte(s) créé(s)</h2>
          <p>
            Chaque personne a reçu un courriel avec un lien de connexion.
            {unsent > 0 &&
              ` Attention : ${unsent} courriel(s) n’ont pas pu partir ; ces personnes peuvent demander un lien sur la page de connexion.`}
          </p>
        </div>
      ) : (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h2 class="fr-alert__title">Aucun compte n’a été créé</h2>
          <p>
            {wrong} ligne(s) sur {result.lines.length} contiennent une erreur. Corrigez le fichier, puis
            importez-le de nouveau : l’import crée tous les comptes ou aucun.
          </p>
        </div>
      )}
      <div class="fr-table fr-table--no-caption">
        <div class="fr-table__wrapper">
          <div class="fr-table__container" tabIndex={0} role="region" aria-label="Rapport de l’import">
            <div class="fr-table__content">
              <table>
                <caption>Rapport de l’import, ligne par ligne</caption>
                <thead>
                  <tr>
                    <th scope="col">Ligne</th>
                    <th scope="col">Adresse</th>
                    <th scope="col">Nom</th>
                    <th scope="col">Résultat</th>
                  </tr>
                </thead>
                <tbody>
                  {result.lines.map((line) => (
                    <tr
                      data-line={line.line}
                      data-status={line.errors.length > 0 ? 'erreur' : line.created ? 'cree' : 'valide'}
                    >
                      <td>{line.line}</td>
                      <td>{line.email}</td>
                      <td>{line.name}</td>
                      <td>
                        {line.errors.length > 0 ? (
                          <ul class="fr-m-0">
                            {line.errors.map((e) => (
                              <li class="fr-error-text fr-mt-0">{e}</li>
                            ))}
                          </ul>
                        ) : line.created ? (
                          line.mailSent === false ? (
                            'Compte créé, courriel non envoyé'
                          ) : (
                            'Compte créé, invitation envoyée'
                          )
                        ) : (
                          'Ligne correcte (non importée)'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

function ImportForm({ ctx, basePath, importError, ownOrganisation }: UsersPageProps) {
  return (
    <form method="post" action={`${basePath}/import`} enctype="multipart/form-data" id="importer">
      <CsrfField ctx={ctx} />
      <div class={importError ? 'fr-upload-group fr-input-group--error' : 'fr-upload-group'}>
        <label class="fr-label" for="fichier">
          Fichier CSV
          <span class="fr-hint-text">
            Colonnes : e-mail;nom;rôle;organisme (séparateur « ; » ou « , », encodage UTF-8, 1 000 lignes au
            plus).
            {ownOrganisation !== null && ' La colonne organisme peut rester vide : votre organisme.'} Rôles :
            nom en français (« Agent partenaire ») ou code.
          </span>
        </label>
        <input
          class="fr-upload"
          type="file"
          id="fichier"
          name="fichier"
          accept=".csv,text/csv"
          aria-describedby={importError ? 'fichier-erreur' : undefined}
        />
        {importError && (
          <p class="fr-error-text" id="fichier-erreur">
            {importError}
          </p>
        )}
      </div>
      <button class="fr-btn fr-mt-2w" type="submit">
        Importer
      </button>
    </form>
  );
}

/** The users page. */
export function UsersPage(props: UsersPageProps) {
  const { ctx, users, invited, importResult } = props;
  const title = props.ownOrganisation === null ? 'Utilisateurs' : `Agents de l’organisme`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {props.ownOrganisation !== null && <p class="fr-text--lead">{props.ownOrganisation}</p>}
      {invited && (
        <div
          class={
            invited.mailSent ? 'fr-alert fr-alert--success fr-mb-4w' : 'fr-alert fr-alert--warning fr-mb-4w'
          }
          role="status"
        >
          <p>
            {invited.mailSent
              ? `Invitation envoyée à ${invited.email}.`
              : `Compte créé pour ${invited.email}, mais le courriel n’a pas pu partir : la personne peut demander un lien sur la page de connexion.`}
          </p>
        </div>
      )}
      {importResult && <ImportReport result={importResult} />}
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-6w">
        <section class="fr-col-12 fr-col-md-6" aria-labelledby="titre-inviter">
          <h2 id="titre-inviter">Inviter une personne</h2>
          <InviteForm {...props} />
        </section>
        <section class="fr-col-12 fr-col-md-6" aria-labelledby="titre-importer">
          <h2 id="titre-importer">Importer un fichier</h2>
          <ImportForm {...props} />
        </section>
      </div>
      <h2>Comptes ({users.length})</h2>
      <div class="fr-table">
        <div class="fr-table__wrapper">
          <div class="fr-table__container" tabIndex={0} role="region" aria-label="Liste des comptes">
            <div class="fr-table__content">
              <table>
                <caption>
                  Comptes {props.ownOrganisation === null ? 'de la plateforme' : 'de l’organisme'}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Adresse</th>
                    <th scope="col">Rôle</th>
                    <th scope="col">Organisme</th>
                    <th scope="col">État</th>
                    <th scope="col">Dernière connexion</th>
                    {props.ownOrganisation === null && <th scope="col">Gérer</th>}
                  </tr>
                </thead>
                <tbody>
                  {users.map((u) => (
                    <tr data-user={u.email}>
                      <td>{u.displayName}</td>
                      <td>{u.email}</td>
                      <td>{roleLabels[u.role as Role] ?? u.role}</td>
                      <td>{u.organisationName ?? '—'}</td>
                      <td>{statusLabels[u.status] ?? u.status}</td>
                      <td>{u.lastLoginAt ? dateFormat.format(new Date(u.lastLoginAt)) : 'jamais'}</td>
                      {props.ownOrganisation === null && (
                        <td>
                          <a href={`/espace/admin/utilisateurs/${u.id}`}>
                            Modifier<span class="fr-sr-only"> le compte de {u.displayName}</span>
                          </a>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </Layout>
  );
}
