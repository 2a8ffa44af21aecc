// The home page of each agent role: what they come to do, in one screen.
import { roleLabels, type Role } from '../../../platform/auth/roles.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';

export interface AgentAction {
  href: string;
  label: string;
  description: string;
}

const actionsByRole: Record<Exclude<Role, 'resident'>, AgentAction[]> = {
  helper: [
    {
      href: '/moments-de-vie',
      label: 'Faire un plan avec un usager',
      description: 'Le questionnaire d’un moment de vie, sur une page.',
    },
    {
      href: '/dossiers/nouveau',
      label: 'Ouvrir une saisine',
      description: 'Un dossier bloqué ? Invitez les organismes concernés.',
    },
    { href: '/dossiers', label: 'Mes dossiers', description: 'Les saisines que vous suivez.' },
    { href: '/lieux', label: 'Lieux d’accueil', description: 'Adresses et horaires du territoire.' },
  ],
  partnerAgent: [
    {
      href: '/dossiers',
      label: 'Ma boîte de réception',
      description: 'Les saisines adressées à votre organisme.',
    },
    { href: '/lieux', label: 'Lieux d’accueil', description: 'Adresses et horaires du territoire.' },
  ],
  organisationManager: [
    { href: '/dossiers', label: 'Saisines de l’organisme', description: 'Les dossiers et leurs délais.' },
    {
      href: '/espace/organisme/utilisateurs',
      label: 'Agents de l’organisme',
      description: 'Inviter des agents, un par un ou par fichier.',
    },
    {
      href: '/agenda/motifs',
      label: 'Motifs de rendez-vous',
      description: 'Pour quoi l’on prend rendez-vous, sa durée, qui le réserve.',
    },
  ],
  territoryPilot: [
    {
      href: '/pilotage',
      label: 'Indicateurs',
      description: 'Plans faits, saisines ouvertes et résolues, délais de réponse.',
    },
    {
      href: '/pilotage/registre',
      label: 'Registre de l’expérimentation',
      description: 'Calendrier, ateliers, solutions, dérogations et financements, publiés en direct.',
    },
    { href: '/lieux', label: 'Offre du territoire', description: 'Lieux, horaires, organismes.' },
    {
      href: '/agenda/motifs',
      label: 'Motifs de rendez-vous',
      description: 'Pour quoi l’on prend rendez-vous, sa durée, qui le réserve.',
    },
  ],
  nationalObserver: [
    {
      href: '/pilotage',
      label: 'Indicateurs des territoires',
      description: 'Les chiffres de l’expérimentation, sans données personnelles.',
    },
    {
      href: '/experimentation',
      label: 'Registres des territoires',
      description: 'Ce que chaque territoire a décidé, essayé et obtenu, en public.',
    },
  ],
  admin: [
    {
      href: '/espace/admin/utilisateurs',
      label: 'Utilisateurs',
      description: 'Inviter, importer un fichier CSV, désactiver.',
    },
    { href: '/lieux', label: 'Offre du territoire', description: 'Lieux, horaires, organismes.' },
    {
      href: '/agenda/motifs',
      label: 'Motifs de rendez-vous',
      description: 'Pour quoi l’on prend rendez-vous, sa durée, qui le réserve.',
    },
  ],
};

/** Home page of an agent role. */
export function AgentHomePage({ ctx, role }: { ctx: ViewContext; role: Exclude<Role, 'resident'> }) {
  const user = ctx.user;
  return (
    <Layout ctx={ctx} title={`Espace ${roleLabels[role].toLowerCase()}`}>
      <h1>Bonjour {user?.displayName}</h1>
      <p class="fr-text--lead">
        {roleLabels[role]}
        {user?.organisationName ? ` — ${user.organisationName}` : ''}
      </p>
      <ul class="fr-grid-row fr-grid-row--gutters sc-list-reset">
        {actionsByRole[role].map((action) => (
          <li class="fr-col-12 fr-col-md-6">
            <div class="fr-tile fr-enlarge-link">
              <div class="fr-tile__body">
                <div class="fr-tile__content">
                  <h2 class="fr-tile__title">
                    <a href={action.href}>{action.label}</a>
                  </h2>
                  <p class="fr-tile__desc">{action.description}</p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
