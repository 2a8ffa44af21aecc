// An account's page for administrators: edit its name and role, move it to another organisation or site,
// deactivate or reactivate it.
import { roleLabels, roles } from '../../../platform/auth/roles.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { AccountForm, AccountPage } from '../management.ts';

const statusLabels: Record<string, string> = { invited: 'Invité', active: 'Actif', disabled: 'Désactivé' };
const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

function errorOf(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

function Select({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: preact.ComponentChildren;
}) {
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={`compte-${id}`}>
        {label}
        {hint && <span class="fr-hint-text">{hint}</span>}
      </label>
      <select
        class={`fr-select${error ? ' fr-select--error' : ''}`}
        id={`compte-${id}`}
        name={id}
        aria-describedby={error ? `compte-${id}-erreur` : undefined}
      >
        {children}
      </select>
      {error && (
        <p class="fr-error-text" id={`compte-${id}-erreur`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The account page. */
export function AccountPageView({
  ctx,
  page,
  form,
  errors,
  notice,
  problem,
}: {
  ctx: ViewContext;
  page: AccountPage;
  form: AccountForm;
  errors: FieldError[];
  notice?: string;
  problem?: string;
}) {
  const a = page.account;
  const nameError = errorOf(errors, 'name');
  const territoriesError = errorOf(errors, 'territories');
  return (
    <Layout
      ctx={ctx}
      title={`Compte de ${a.displayName}`}
      breadcrumb={[{ href: '/espace/admin/utilisateurs', label: 'Utilisateurs' }]}
    >
      <h1>Compte de {a.displayName}</h1>
      <p>
        {a.email} — {statusLabels[a.status] ?? a.status}
        {a.lastLoginAt ? `, dernière connexion le ${dateFormat.format(a.lastLoginAt)}` : ', jamais connecté'}
        {a.disabledAt ? `, désactivé le ${dateFormat.format(a.disabledAt)}` : ''}.
      </p>
      {notice && (
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{notice}</p>
        </div>
      )}
      {(problem || errors.length > 0) && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h2 class="fr-alert__title">Rien n’a été enregistré</h2>
          <p>{problem ?? 'Corrigez les champs signalés.'}</p>
        </div>
      )}
      <form method="post" action={`/espace/admin/utilisateurs/${a.id}`} novalidate class="fr-mb-6w">
        <CsrfField ctx={ctx} />
        <div class={`fr-input-group${nameError ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for="compte-name">
            Prénom et nom
          </label>
          <input
            class={`fr-input${nameError ? ' fr-input--error' : ''}`}
            id="compte-name"
            name="name"
            value={form.name}
            autocomplete="off"
            aria-describedby={nameError ? 'compte-name-erreur' : undefined}
          />
          {nameError && (
            <p class="fr-error-text" id="compte-name-erreur">
              {nameError}
            </p>
          )}
        </div>
        <Select id="role" label="Rôle" error={errorOf(errors, 'role')}>
          {roles.map((r) => (
            <option value={r} selected={form.role === r}>
              {roleLabels[r]}
            </option>
          ))}
        </Select>
        <Select
          id="organisation"
          label="Organisme"
          hint="Changer d’organisme déplace le compte ; l’organisme doit être présent sur ses territoires."
          error={errorOf(errors, 'organisation')}
        >
          <option value="">Aucun</option>
          {page.organisations.map((o) => (
            <option value={o.slug} selected={form.organisation === o.slug}>
              {o.name}
            </option>
          ))}
        </Select>
        <Select
          id="site"
          label="Site (France Services)"
          hint="L’agent d’un site voit les saisines ouvertes à ce site."
          error={errorOf(errors, 'site')}
        >
          <option value="">Aucun : tout l’organisme</option>
          {page.sites.map((s) => (
            <option value={s.id} selected={form.site === s.id}>
              {s.name}
            </option>
          ))}
        </Select>
        <fieldset
          class={`fr-fieldset${territoriesError ? ' fr-fieldset--error' : ''}`}
          id="compte-territories"
          aria-labelledby={`compte-territories-legend${territoriesError ? ' compte-territories-messages' : ''}`}
        >
          <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="compte-territories-legend">
            Territoires
          </legend>
          {page.territories.map((t) => (
            <div class="fr-fieldset__element">
              <div class="fr-checkbox-group">
                <input
                  type="checkbox"
                  id={`compte-territoire-${t.id}`}
                  name="territories"
                  value={t.id}
                  checked={form.territories.includes(t.id)}
                />
                <label class="fr-label" for={`compte-territoire-${t.id}`}>
                  {t.name}
                </label>
              </div>
            </div>
          ))}
          <div class="fr-messages-group" id="compte-territories-messages" aria-live="assertive">
            {territoriesError && <p class="fr-message fr-message--error">{territoriesError}</p>}
          </div>
        </fieldset>
        <button class="fr-btn" type="submit">
          Enregistrer le compte
        </button>
      </form>
      <h2>Accès</h2>
      {a.status === 'disabled' ? (
        <form method="post" action={`/espace/admin/utilisateurs/${a.id}/reactivation`}>
          <CsrfField ctx={ctx} />
          <p>Ce compte est désactivé : il ne peut plus se connecter.</p>
          <button class="fr-btn fr-btn--secondary" type="submit">
            Réactiver le compte
          </button>
        </form>
      ) : (
        <form method="post" action={`/espace/admin/utilisateurs/${a.id}/desactivation`}>
          <CsrfField ctx={ctx} />
          <p>
            Désactivé, le compte ne peut plus se connecter et ses sessions se terminent ; ses saisines restent
            à son organisme.
          </p>
          <button class="fr-btn fr-btn--secondary" type="submit">
            Désactiver le compte
          </button>
        </form>
      )}
    </Layout>
  );
}
