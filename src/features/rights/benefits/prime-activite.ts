// Prime d'activité: the model is rules/solidarite/prime-activite.publicodes.
import type { BenefitDefinition } from '../benefit.ts';
import { solidarityInputs } from './solidarity-inputs.ts';

export const primeActivite: BenefitDefinition = {
  id: 'prime-activite',
  label: 'Prime d’activité',
  organisation: 'caf',
  frequency: 'monthly',
  namespace: "prime d'activité",
  inputs: solidarityInputs,
  summary:
    'La prime d’activité complète les revenus des personnes qui travaillent. Estimation : la CAF (ou la MSA) la calcule chaque trimestre sur les revenus des trois mois précédents.',
  explanation: [
    {
      rule: "prime d'activité . montant forfaitaire",
      label: 'Montant forfaitaire pour la composition du foyer',
    },
    {
      rule: "prime d'activité . majoration isolement",
      label: 'Majoration pour parent isolé ou femme enceinte isolée',
      hideWhenZero: true,
    },
    {
      rule: "prime d'activité . part des revenus d'activité",
      label: 'Part des revenus d’activité du foyer ajoutée (61 %, puis 59,85 % depuis avril 2025)',
    },
    { rule: "prime d'activité . bonifications", label: 'Bonifications individuelles', hideWhenZero: true },
    {
      rule: "prime d'activité . ressources",
      label: 'Ressources du foyer comptées (revenus, prestations familiales, forfait logement)',
    },
    {
      rule: "prime d'activité . ressources prises en compte",
      label: 'Ressources comptées (dont forfait logement), au moins le montant forfaitaire',
    },
    { rule: "prime d'activité . forfait logement", label: 'dont forfait logement', hideWhenZero: true },
  ],
  provisional: [
    {
      decidesEligibility: true,
      from: '2026-06',
      when: (request) => request.household.members.some((m) => m.role !== 'child' && m.student === true),
      text: 'pour un étudiant ou un apprenti, le Smic net de juin 2026 qui fixe le seuil de revenus est calculé par Sans Couture à partir du Smic brut, tant que le chiffre officiel n’a pas été relu',
    },
  ],
  officialUrl: {
    title: 'Simulateur de la prime d’activité (caf.fr)',
    url: 'https://wwwd.caf.fr/wps/portal/caffr/aidesetdemarches/mesdemarches/faireunesimulation/laprimedactivite',
  },
  sources: [
    {
      title: 'Prime d’activité — service-public.fr',
      url: 'https://www.service-public.fr/particuliers/vosdroits/F2882',
    },
  ],
};
