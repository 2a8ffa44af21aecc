// The residents' home page: start a moment of life, or find a place near home.
import { Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { lifeEventLinks } from '../../navigator/life-events.ts';

/** Home page for residents. */
export function HomePage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title="Accueil">
      <h1>Un seul plan pour vos démarches</h1>
      <p class="fr-text--lead">
        Dites-nous ce qui vous arrive. Nous vous disons à quoi vous avez droit, quoi faire, où et avant quelle
        date.
      </p>
      <h2>Ce qui vous arrive</h2>
      <ul class="fr-grid-row fr-grid-row--gutters sc-list-reset">
        {lifeEventLinks.map((event) => (
          <li class="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div class="fr-tile fr-enlarge-link">
              <div class="fr-tile__body">
                <div class="fr-tile__content">
                  <h3 class="fr-tile__title">
                    <a href={`/moments-de-vie/${event.id}`}>{event.label}</a>
                  </h3>
                  {event.hint && <p class="fr-tile__desc">{event.hint}</p>}
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <h2 class="fr-mt-6w">Être reçu par une personne</h2>
      <p>
        Les agents France Services vous aident pour toutes vos démarches, gratuitement, près de chez vous. Le
        bus France Services du Grand Cahors vient aussi dans les communes.
      </p>
      <a class="fr-btn fr-btn--secondary" href="/lieux">
        Trouver un lieu d’accueil
      </a>
      <h2 class="fr-mt-6w">Mon dossier : le dire une fois</h2>
      <p>
        Gardez votre situation et vos documents : chaque plan les reprend, vous les faites suivre à France
        Services et vous pouvez être prévenu d’une nouvelle aide.
      </p>
      <a
        class="fr-btn fr-btn--secondary"
        href={ctx.user?.role === 'resident' ? '/mon-dossier' : '/mon-dossier/creer'}
      >
        {ctx.user?.role === 'resident' ? 'Mon dossier' : 'Créer mon dossier ou me connecter'}
      </a>
      {ctx.user?.role === 'resident' && (
        <>
          <h2 class="fr-mt-6w">Vos données</h2>
          <p>Ce que Sans Couture garde sur vous et pourquoi : téléchargez-le, ou supprimez votre compte.</p>
          <a class="fr-btn fr-btn--tertiary" href="/compte/mes-donnees">
            Mes données
          </a>
        </>
      )}
    </Layout>
  );
}
