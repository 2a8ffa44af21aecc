// The resident's way in: create an account (an address and a name, confirmed by mail) or use FranceConnect;
// the mail sent page; a FranceConnect login that could not open a session.
import type { FieldError } from '../../../platform/errors.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import { ErrorSummary, TextField } from './common.tsx';

/** Create an account, or enter with FranceConnect. */
export function SignUpPage(props: {
  ctx: ViewContext;
  values: { email: string; nom: string };
  errors: FieldError[];
  franceConnect: boolean;
}) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={`${errors.length > 0 ? 'Erreur — ' : ''}Mon dossier : créer mon compte`}>
      <h1>Mon dossier : créer mon compte</h1>
      <p class="fr-text--lead">
        Avec un compte, vous dites votre situation une seule fois : chaque plan la reprend, vous la faites
        suivre à France Services, et vous pouvez être prévenu d’une nouvelle aide.
      </p>
      {props.franceConnect && (
        <div class="fr-connect-group fr-mb-4w">
          <a class="fr-connect" href="/connexion/franceconnect">
            <span class="fr-connect__login">S’identifier avec</span>{' '}
            <span class="fr-connect__brand">FranceConnect</span>
          </a>
          <p>
            <a
              href="https://franceconnect.gouv.fr/"
              rel="noopener"
              title="Qu’est-ce que FranceConnect ? - nouvelle fenêtre"
              target="_blank"
            >
              Qu’est-ce que FranceConnect ?
            </a>
          </p>
        </div>
      )}
      <h2>Avec mon adresse électronique</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/mon-dossier/creer" novalidate>
        <CsrfField ctx={ctx} />
        <TextField name="nom" label="Prénom et nom" value={values.nom} errors={errors} autoComplete="name" />
        <TextField
          name="email"
          label="Adresse électronique"
          hint="Nous vous envoyons un lien pour confirmer. Format attendu : nom@domaine.fr"
          type="email"
          value={values.email}
          errors={errors}
          autoComplete="email"
        />
        <button class="fr-btn" type="submit">
          Créer mon compte
        </button>
      </form>
      <p class="fr-mt-4w">
        Vous avez déjà un compte ? <a href="/connexion">Se connecter</a>.
      </p>
    </Layout>
  );
}

/** After the sign-up form: look at the mailbox. */
export function SignUpSentPage({ ctx, email }: { ctx: ViewContext; email: string }) {
  return (
    <Layout ctx={ctx} title="Vérifiez votre boîte mail">
      <h1>Vérifiez votre boîte mail</h1>
      <p>
        Si l’adresse <strong>{email}</strong> est bonne, un lien vient d’y être envoyé. Ouvrez-le pour
        confirmer votre adresse et ouvrir votre dossier.
      </p>
    </Layout>
  );
}

/** A FranceConnect login that did not open a session. */
export function FranceConnectProblemPage({
  ctx,
  title,
  text,
}: {
  ctx: ViewContext;
  title: string;
  text: string;
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      <a class="fr-btn" href="/mon-dossier/creer">
        Revenir à la connexion
      </a>
    </Layout>
  );
}
