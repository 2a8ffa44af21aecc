// Accessibility statement, legal notice and personal-data page: written in plain French.
import { Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { theme } from '../../../platform/views/theme.tsx';

/** Déclaration d’accessibilité (RGAA 4.1). */
export function AccessibilityPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title="Déclaration d’accessibilité" breadcrumb={[]}>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        {theme.operator} s’engage à rendre {theme.serviceName} accessible, conformément à l’article 47 de la
        loi n° 2005-102 du 11 février 2005.
      </p>
      <h2>État de conformité</h2>
      <p>
        {theme.serviceName} est <strong>partiellement conforme</strong> au référentiel général d’amélioration
        de l’accessibilité (RGAA 4.1) : aucun audit complet n’a encore été réalisé. Chaque page est vérifiée
        automatiquement (axe-core) et testée au clavier.
      </p>
      <h2>Ce que nous vérifions</h2>
      <ul>
        <li>Toutes les pages fonctionnent sans JavaScript et au clavier.</li>
        <li>Les pages restent lisibles sur un écran de 320 pixels de large.</li>
        <li>Les formulaires indiquent les erreurs à côté du champ concerné.</li>
      </ul>
      <h2>Signaler un problème</h2>
      <p>
        Si vous n’arrivez pas à utiliser un service, écrivez-nous à{' '}
        <a href={`mailto:${theme.contactEmail}`}>{theme.contactEmail}</a> ou venez dans un lieu France
        Services : un agent fera la démarche avec vous.
      </p>
      <h2>Voie de recours</h2>
      <p>
        Si vous n’obtenez pas de réponse, vous pouvez saisir le Défenseur des droits :{' '}
        <a href="https://formulaire.defenseurdesdroits.fr/" rel="noopener">
          formulaire en ligne
        </a>{' '}
        ou courrier gratuit, sans timbre, à Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
      </p>
    </Layout>
  );
}

/** Mentions légales. */
export function LegalNoticePage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title="Mentions légales" breadcrumb={[]}>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>{theme.operator}. Cité Bessières, place Chapou, 46000 Cahors.</p>
      <h2>Directeur de la publication</h2>
      <p>Le préfet du Lot.</p>
      <h2>Hébergement</h2>
      <p>
        À compléter par l’opérateur lors de la mise en service (nom, adresse et téléphone de l’hébergeur).
      </p>
      <h2>Code source</h2>
      <p>
        Le code de {theme.serviceName} est libre. Les données de référence sont publiées sous Licence Ouverte
        2.0 (Etalab).
      </p>
    </Layout>
  );
}

/** Données personnelles (RGPD). */
export function PersonalDataPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title="Données personnelles" breadcrumb={[]}>
      <h1>Données personnelles</h1>
      <p class="fr-text--lead">Nous gardons le moins de données possible, le moins longtemps possible.</p>
      <h2>Sans compte</h2>
      <p>
        Quand vous estimez vos droits ou faites un plan sans compte, vos réponses ne sont pas enregistrées,
        sauf si vous demandez un lien pour reprendre plus tard.
      </p>
      <h2>Quand un agent vous aide</h2>
      <p>
        Un agent ne peut partager votre situation avec un organisme qu’avec votre accord écrit. Cet accord a
        une durée (un an au plus) et vous pouvez le retirer. Chaque consultation de vos données est
        enregistrée dans un journal.
      </p>
      <h2>Durée de conservation</h2>
      <p>
        Les données personnelles d’une saisine sont effacées 6 mois après sa clôture. Les statistiques, sans
        nom, sont gardées.
      </p>
      <h2>Vos droits</h2>
      <p>Vous pouvez obtenir une copie de vos données, les faire corriger ou effacer.</p>
      <ul>
        <li>
          Avec un compte : la page « Mes données », une fois connecté, liste ce que nous gardons sur vous,
          permet de tout télécharger et de supprimer votre compte.
        </li>
        <li>
          Si un agent vous a aidé au guichet : demandez la copie ou l’effacement de votre dossier à
          l’organisme qui l’a ouvert ; il le fait tout de suite.
        </li>
      </ul>
      <p>
        Le journal des accès (qui a consulté quoi, quand et pourquoi) n’est pas effacé : la loi demande de le
        garder. Il ne contient que des identifiants et des dates, sans votre nom. Pour toute question, écrivez
        à <a href={`mailto:${theme.contactEmail}`}>{theme.contactEmail}</a>. Vous pouvez aussi saisir la CNIL.
      </p>
    </Layout>
  );
}
