// The DSFR error page (404, 403, 500…) with a plain-French explanation and a way out.
import type { AppError } from '../errors.ts';
import type { ViewContext } from './context.ts';
import { Layout } from './layout.tsx';

const hints: Partial<Record<number, string>> = {
  401: 'Connectez-vous pour accéder à cette page.',
  403: 'Votre compte ne permet pas d’accéder à cette page. Si vous pensez que c’est une erreur, contactez votre responsable.',
  404: 'Vérifiez l’adresse, ou repartez de l’accueil.',
  429: 'Patientez une minute avant de réessayer.',
  500: 'Le problème vient de notre côté. Réessayez dans quelques minutes.',
  503: 'Le service est momentanément indisponible. Réessayez dans quelques minutes.',
};

/** A full page for an error. */
export function ErrorPage({ error, ctx }: { error: AppError; ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title={error.title}>
      <div class="fr-grid-row fr-grid-row--gutters fr-my-7w">
        <div class="fr-col-12 fr-col-md-8">
          <h1>{error.title}</h1>
          <p class="fr-text--sm fr-mb-3w">Erreur {error.status}</p>
          {error.detail && <p class="fr-text--lead fr-mb-3w">{error.detail}</p>}
          {error.fields.length > 0 && (
            <ul>
              {error.fields.map((f) => (
                <li>
                  {f.field} : {f.message}
                </li>
              ))}
            </ul>
          )}
          {hints[error.status] && <p>{hints[error.status]}</p>}
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn" href="/">
                Page d’accueil
              </a>
            </li>
            {error.status === 401 && (
              <li>
                <a class="fr-btn fr-btn--secondary" href="/connexion">
                  Se connecter
                </a>
              </li>
            )}
          </ul>
        </div>
      </div>
    </Layout>
  );
}
