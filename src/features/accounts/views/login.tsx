// The login pages: the form (e-mail, and ProConnect when configured), "check your mailbox", the
// confirmation of a link, and the pages explaining why a link or a ProConnect login cannot be used.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { LinkProblem } from '../magic-link.ts';

/** The login form. */
export function LoginPage({
  ctx,
  email,
  error,
  oidcLabel,
}: {
  ctx: ViewContext;
  email: string;
  error: string | null;
  oidcLabel: string | null;
}) {
  return (
    <Layout ctx={ctx} title="Se connecter">
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Se connecter</h1>
          <p>
            L’espace agents de Sans Couture est ouvert aux personnes invitées par leur organisme ou par
            l’administrateur.
          </p>
          {oidcLabel && (
            <div class="fr-mb-4w">
              <h2 class="fr-h4">Avec {oidcLabel}</h2>
              <p class="fr-text--sm">Le compte de votre administration, sans mot de passe de plus.</p>
              <a class="fr-btn" href="/connexion/proconnect" id="bouton-proconnect">
                Se connecter avec {oidcLabel}
              </a>
              <h2 class="fr-h4 fr-mt-4w">Ou avec un lien par courriel</h2>
            </div>
          )}
          <form method="post" action="/connexion" novalidate>
            <CsrfField ctx={ctx} />
            <div class={error ? 'fr-input-group fr-input-group--error' : 'fr-input-group'}>
              <label class="fr-label" for="email">
                Adresse électronique
                <span class="fr-hint-text">
                  Format attendu : nom@domaine.fr. Nous vous envoyons un lien de connexion.
                </span>
              </label>
              <input
                class={error ? 'fr-input fr-input--error' : 'fr-input'}
                type="email"
                id="email"
                name="email"
                autocomplete="email"
                spellcheck={false}
                value={email}
                aria-describedby={error ? 'email-erreur' : undefined}
              />
              {error && (
                <p class="fr-error-text" id="email-erreur">
                  {error}
                </p>
              )}
            </div>
            <button class="fr-btn" type="submit">
              Recevoir un lien de connexion
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** The same answer whether or not the address has an account. */
export function LinkSentPage({ ctx, email }: { ctx: ViewContext; email: string }) {
  return (
    <Layout ctx={ctx} title="Vérifiez votre boîte mail">
      <h1>Vérifiez votre boîte mail</h1>
      <div class="fr-alert fr-alert--info fr-mb-4w">
        <p>
          Si un compte existe pour <strong>{email}</strong>, un lien de connexion vient d’y être envoyé. Il
          est valable 30 minutes et ne sert qu’une fois.
        </p>
      </div>
      <p>
        Rien reçu après quelques minutes ? Regardez dans les indésirables, puis vérifiez l’adresse auprès de
        votre responsable.
      </p>
      <a class="fr-link" href="/connexion">
        Demander un autre lien
      </a>
    </Layout>
  );
}

/** The confirmation page of a link: a button, so that opening the link alone logs nobody in. */
export function ConfirmLinkPage({ ctx, token }: { ctx: ViewContext; token: string }) {
  return (
    <Layout ctx={ctx} title="Confirmer la connexion">
      <h1>Confirmer la connexion</h1>
      <p>Pour terminer la connexion à Sans Couture, confirmez ci-dessous.</p>
      <form method="post" action="/connexion/lien">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="jeton" value={token} />
        <button class="fr-btn" type="submit">
          Me connecter
        </button>
      </form>
    </Layout>
  );
}

const linkProblems: Record<LinkProblem, { title: string; text: string }> = {
  unknown: {
    title: 'Lien de connexion invalide',
    text: 'Ce lien de connexion n’est pas reconnu. Vérifiez que vous avez ouvert le lien en entier, ou demandez un nouveau lien.',
  },
  expired: {
    title: 'Lien de connexion expiré',
    text: 'Ce lien de connexion a expiré : il n’est valable que 30 minutes. Demandez un nouveau lien.',
  },
  used: {
    title: 'Lien de connexion déjà utilisé',
    text: 'Ce lien a déjà servi : chaque lien ne sert qu’une fois. Demandez un nouveau lien.',
  },
  foreign: {
    title: 'Lien destiné à un autre compte',
    text: 'Ce lien de connexion est celui d’un autre compte que celui avec lequel vous êtes connecté. Déconnectez-vous, puis ouvrez de nouveau le lien.',
  },
  disabled: {
    title: 'Compte désactivé',
    text: 'Ce compte est désactivé. Adressez-vous à votre responsable ou à l’administrateur.',
  },
};

/** Why a link cannot be used, and what to do. */
export function LinkProblemPage({ ctx, problem }: { ctx: ViewContext; problem: LinkProblem }) {
  const { title, text } = linkProblems[problem];
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="fr-text--lead" data-problem={problem}>
        {text}
      </p>
      <a class="fr-btn" href="/connexion">
        Demander un nouveau lien
      </a>
    </Layout>
  );
}

/** Why a ProConnect login did not open a session. */
export function OidcProblemPage({
  ctx,
  title,
  text,
  problem,
}: {
  ctx: ViewContext;
  title: string;
  text: string;
  problem: string;
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="fr-text--lead" data-problem={problem}>
        {text}
      </p>
      <a class="fr-btn" href="/connexion">
        Retour à la connexion
      </a>
    </Layout>
  );
}
